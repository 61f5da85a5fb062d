"""`/maturity`: the questions, assessments under the rater's name, and the history."""

from typing import Annotated

from flask import g
from pydantic import Field, create_model

from eximpact.api.declare import operation, page_of
from eximpact.api.schema import ApiModel, ClosedObject, Moment, one_of, whole
from eximpact.campaigns.models import PILLARS
from eximpact.extensions import db
from eximpact.maturity import (
    permissions,  # noqa: F401  (registers the maturity rules)
    services,
)
from eximpact.maturity.questions import LABEL, LEVELS, QUESTIONS, STAGES

_Level = whole(1, LEVELS)


def _pillar_answers(pillar: str):
    count = len(QUESTIONS[pillar])
    return Annotated[
        list[_Level],
        Field(
            min_length=count,
            max_length=count,
            description=f"One level (1–{LEVELS}) per question, in the questions' order",
        ),
    ]


MaturityAnswers = create_model(
    "MaturityAnswers",
    __base__=ClosedObject,
    __doc__="Every pillar, one level per question.",
    **{pillar: (_pillar_answers(pillar), ...) for pillar in PILLARS},
)


class MaturityAssessmentIn(ApiModel):
    answers: MaturityAnswers


class MaturityScore(ApiModel):
    score: float
    stage: one_of(STAGES)


class MaturityAssessment(ApiModel):
    id: int
    rater_id: int
    created_at: Moment
    pillars: dict[str, MaturityScore]
    overall: MaturityScore
    weakest: one_of(PILLARS)


class MaturityQuestion(ApiModel):
    key: str
    text: str
    levels: list[str] = Field(description="The five behaviours, from the first stage to the last")


class MaturityQuestions(ApiModel):
    label: str
    stages: list[one_of(STAGES)]
    pillars: dict[str, list[MaturityQuestion]]


class MaturityPoint(ApiModel):
    assessment_id: int
    created_at: Moment
    score: float
    stage: one_of(STAGES)


class MaturityLatest(ApiModel):
    id: int
    pillars: dict[str, MaturityScore]
    overall: MaturityScore
    weakest: one_of(PILLARS)


class MaturitySummary(ApiModel):
    label: str
    history: dict[str, list[MaturityPoint]] = Field(description="Per pillar, oldest first")
    latest: MaturityLatest | None


def assessment_json(assessment) -> dict:
    return {
        "id": assessment.id,
        "rater_id": assessment.rater_id,
        "created_at": assessment.created_at,
        **services.score(services.levels_of(assessment)),
    }


_ASSESS = {"tag": "maturity", "permission": "maturity.assess"}


@operation("GET", "/maturity/questions", **_ASSESS, response=MaturityQuestions)
def maturity_questions():
    """Our questions on Temkin's stages, about four per pillar."""
    return {
        "label": LABEL,
        "stages": list(STAGES),
        "pillars": {
            p: [{"key": q.key, "text": q.text, "levels": list(q.levels)} for q in QUESTIONS[p]]
            for p in PILLARS
        },
    }


@operation("GET", "/maturity/assessments", **_ASSESS, response=MaturityAssessment, listing=True)
def list_assessments():
    """Assessments, newest first (HR: all; a manager: their own)."""
    return page_of(
        services.assessments_query(g.api_user),
        lambda items: [assessment_json(a) for a in items],
    )


@operation(
    "POST",
    "/maturity/assessments",
    **_ASSESS,
    body=MaturityAssessmentIn,
    response=MaturityAssessment,
    status=201,
)
def create_assessment(body: MaturityAssessmentIn):
    """Assess the programme under your name: one level per question and pillar."""
    assessment = services.create_assessment(g.api_user, body.answers.model_dump())
    db.session.commit()
    return assessment_json(assessment)


@operation("GET", "/maturity/summary", **_ASSESS, response=MaturitySummary)
def maturity_summary():
    """The history per pillar of the assessments the caller may see, oldest first."""
    history = services.history(g.api_user)
    return {
        "label": LABEL,
        "history": {
            p: [
                {
                    "assessment_id": h["id"],
                    "created_at": h["created_at"],
                    "score": h["pillars"][p]["score"],
                    "stage": h["pillars"][p]["stage"],
                }
                for h in history
            ]
            for p in PILLARS
        },
        "latest": (
            {k: history[-1][k] for k in ("id", "pillars", "overall", "weakest")}
            if history
            else None
        ),
    }
