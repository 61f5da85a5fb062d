"""`/maturity`: the questions, assessments under the rater's name, and the history."""

from flask import g, jsonify

from eximpact.access import require
from eximpact.api import bp
from eximpact.api.common import iso_datetime, json_body, paginated
from eximpact.campaigns.models import PILLARS
from eximpact.extensions import db
from eximpact.maturity import (
    permissions,  # noqa: F401  (registers the maturity rules)
    services,
)
from eximpact.maturity.questions import LABEL, QUESTIONS, STAGES


def assessment_json(assessment) -> dict:
    result = services.score(services.levels_of(assessment))
    return {
        "id": assessment.id,
        "rater_id": assessment.rater_id,
        "created_at": iso_datetime(assessment.created_at),
        **result,
    }


@bp.get("/maturity/questions")
def maturity_questions():
    require("maturity.assess")
    return jsonify(
        label=LABEL,
        stages=list(STAGES),
        pillars={
            p: [{"key": q.key, "text": q.text, "levels": list(q.levels)} for q in QUESTIONS[p]]
            for p in PILLARS
        },
    )


@bp.get("/maturity/assessments")
def list_assessments():
    require("maturity.assess")
    return paginated(services.assessments_query(g.api_user), assessment_json)


@bp.post("/maturity/assessments")
def create_assessment():
    require("maturity.assess")
    body = json_body()
    assessment = services.create_assessment(g.api_user, body.get("answers"))
    db.session.commit()
    return jsonify(assessment_json(assessment)), 201


@bp.get("/maturity/summary")
def maturity_summary():
    """The history per pillar of the assessments the caller may see, oldest first."""
    require("maturity.assess")
    history = services.history(g.api_user)
    return jsonify(
        label=LABEL,
        history={
            p: [
                {
                    "assessment_id": h["id"],
                    "created_at": iso_datetime(h["created_at"]),
                    "score": h["pillars"][p]["score"],
                    "stage": h["pillars"][p]["stage"],
                }
                for h in history
            ]
            for p in PILLARS
        },
        latest=(
            {k: history[-1][k] for k in ("id", "pillars", "overall", "weakest")}
            if history
            else None
        ),
    )


_PILLAR_SCORES = {
    "type": "object",
    "properties": {"score": {"type": "number"}, "stage": {"type": "string", "enum": list(STAGES)}},
}
OPENAPI_SCHEMAS = {
    "MaturityAssessment": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "rater_id": {"type": "integer"},
            "created_at": {"type": "string", "format": "date-time"},
            "pillars": {"type": "object", "additionalProperties": _PILLAR_SCORES},
            "overall": _PILLAR_SCORES,
            "weakest": {"type": "string", "enum": list(PILLARS)},
        },
    }
}


def _OBJECT(description: str) -> dict:
    schema = {"type": "object"}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_ERR = {
    "401": {"$ref": "#/components/responses/Unauthorized"},
    "403": {"$ref": "#/components/responses/Forbidden"},
}
_ONE = {
    "description": "The assessment",
    "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/MaturityAssessment"}}
    },
}
OPENAPI_PATHS = {
    "/maturity/questions": {
        "get": {
            "summary": "Our questions on Temkin's stages, four per pillar",
            "tags": ["maturity"],
            "responses": {
                "200": _OBJECT("Questions"),
                **_ERR,
            },
        }
    },
    "/maturity/assessments": {
        "get": {
            "summary": "Assessments (HR: all; a manager: their own)",
            "tags": ["maturity"],
            "parameters": [
                {"$ref": "#/components/parameters/page"},
                {"$ref": "#/components/parameters/per_page"},
            ],
            "responses": {"200": {"$ref": "#/components/responses/MaturityAssessmentList"}, **_ERR},
        },
        "post": {
            "summary": "Assess under your name: {answers: {pillar: [1-5 × 4]}}",
            "tags": ["maturity"],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["answers"],
                            "properties": {
                                "answers": {
                                    "type": "object",
                                    "additionalProperties": {
                                        "type": "array",
                                        "items": {"type": "integer", "minimum": 1, "maximum": 5},
                                    },
                                }
                            },
                        }
                    }
                },
            },
            "responses": {
                "201": _ONE,
                "400": {"$ref": "#/components/responses/BadRequest"},
                "422": {"$ref": "#/components/responses/ValidationError"},
                **_ERR,
            },
        },
    },
    "/maturity/summary": {
        "get": {
            "summary": "History per pillar",
            "tags": ["maturity"],
            "responses": {
                "200": _OBJECT("History"),
                **_ERR,
            },
        }
    },
}
