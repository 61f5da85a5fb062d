"""Maturity: validate and score an assessment, its history, and the app's own evidence.

Pillar score = mean of its answers (1–5); stage by the bands < 1.8, < 2.6, < 3.4,
< 4.2, ≤ 5; overall = mean of the pillar scores; the weakest pillar offers its
initiative templates. Evidence is what the app recorded in the last six months,
set beside the rating so a generous self-assessment meets the facts.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from statistics import fmean

from sqlalchemy import func, select

from eximpact import audit, clock
from eximpact.ambassadors.models import APPROVED as TIME_APPROVED
from eximpact.ambassadors.models import TimeEntry
from eximpact.campaigns.models import COUNTED_STATUSES, PILLARS, Initiative
from eximpact.campaigns.presets import TEMPLATES
from eximpact.extensions import db
from eximpact.maturity.models import MaturityAnswer, MaturityAssessment
from eximpact.maturity.questions import LEVELS, QUESTIONS, STAGE_BOUNDS
from eximpact.org.models import HR
from eximpact.recognition.models import AWARDED, PUBLIC_STATUSES, Nomination
from eximpact.validation import Problems

EVIDENCE_DAYS = 182  # about six months
HIGH_RATING = 3.4  # Enhancing or better: a claim the evidence should back
# Whole sentences per pillar, so each can be translated as it stands.
EVIDENCE_WORDS = {
    "inform": {
        "what": "initiatives",
        "unbacked": "Inform rated {score:.1f}, but no Inform initiatives in 6 months.",
        "count": "Inform initiatives in the last 6 months: {count}.",
    },
    "inspire": {
        "what": "initiatives",
        "unbacked": "Inspire rated {score:.1f}, but no Inspire initiatives in 6 months.",
        "count": "Inspire initiatives in the last 6 months: {count}.",
    },
    "instruct": {
        "what": "initiatives",
        "unbacked": "Instruct rated {score:.1f}, but no Instruct initiatives in 6 months.",
        "count": "Instruct initiatives in the last 6 months: {count}.",
    },
    "engage": {
        "what": "hours",
        "unbacked": "Engage rated {score:.1f}, but no approved CX ambassador hours in 6 months.",
        "count": "Approved CX ambassador hours in the last 6 months: {count}.",
    },
    "reward": {
        "what": "awards",
        "unbacked": "Reward rated {score:.1f}, but no awards in 6 months.",
        "count": "Awards in the last 6 months: {count}; approved nominations: {nominations}.",
    },
}


def stage(score: float) -> str:
    for bound, name in STAGE_BOUNDS:
        if score < bound:
            return name
    return "maximizing"


def score(levels: dict[str, list[int]]) -> dict:
    """`{"pillars": {p: {score, stage}}, "overall": {score, stage}, "weakest": p}`."""
    pillars = {}
    for pillar in PILLARS:
        value = round(fmean(levels[pillar]), 2)
        pillars[pillar] = {"score": value, "stage": stage(value)}
    overall = round(fmean(p["score"] for p in pillars.values()), 2)
    weakest = min(PILLARS, key=lambda p: (pillars[p]["score"], PILLARS.index(p)))
    return {
        "pillars": pillars,
        "overall": {"score": overall, "stage": stage(overall)},
        "weakest": weakest,
    }


def clean_levels(answers) -> dict[str, list[int]]:
    """`{"inform": [1-5 × 4], …}` checked: every pillar, one level per question."""
    problems = Problems()
    if not isinstance(answers, dict):
        problems.add("answers", "Send the answers as an object of pillars.")
        problems.raise_if_any()
    for key in answers:
        if key not in PILLARS:
            problems.add(f"answers.{key}", "Not a pillar.")
    clean = {}
    for pillar in PILLARS:
        values = answers.get(pillar)
        wanted = len(QUESTIONS[pillar])
        if not isinstance(values, list) or len(values) != wanted:
            problems.add(f"answers.{pillar}", f"Give {wanted} answers, one per question.")
            continue
        for index, value in enumerate(values):
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= LEVELS:
                problems.add(f"answers.{pillar}.{index}", f"Pick a level from 1 to {LEVELS}.")
        clean[pillar] = values
    problems.raise_if_any()
    return clean


def create_assessment(rater, answers, at: datetime | None = None) -> MaturityAssessment:
    """Store an assessment under the rater's name; `at` lets the demo date past ones."""
    levels = clean_levels(answers)
    assessment = MaturityAssessment(rater_id=rater.id, created_at=at or clock.now())
    for pillar in PILLARS:
        for question, level in zip(QUESTIONS[pillar], levels[pillar], strict=True):
            assessment.answers.append(
                MaturityAnswer(question_key=question.key, pillar=pillar, level=level)
            )
    db.session.add(assessment)
    db.session.flush()
    result = score(levels)
    audit.record(
        "maturity_assessment", assessment.id, "created", rater, overall=result["overall"]["score"]
    )
    return assessment


def levels_of(assessment: MaturityAssessment) -> dict[str, list[int]]:
    by_key = {a.question_key: a.level for a in assessment.answers}
    return {p: [by_key[q.key] for q in QUESTIONS[p]] for p in PILLARS}


def assessments_query(person):
    """HR sees every assessment; a manager their own."""
    query = select(MaturityAssessment).order_by(
        MaturityAssessment.created_at.desc(), MaturityAssessment.id.desc()
    )
    if not person.has_role(HR):
        query = query.where(MaturityAssessment.rater_id == person.id)
    return query


def history(person) -> list[dict]:
    """Each visible assessment, oldest first, with its pillar scores: the chart's data."""
    rows = db.session.scalars(assessments_query(person)).all()
    return [
        {
            "id": a.id,
            "rater_id": a.rater_id,
            "rater": a.rater.name,
            "created_at": a.created_at,
            **score(levels_of(a)),
        }
        for a in reversed(rows)
    ]


@dataclass
class Evidence:
    pillar: str
    count: int
    what: str  # "awards", "initiatives" …
    message: str


def evidence(scores: dict | None = None) -> dict[str, Evidence]:
    """What the app recorded per pillar in the last six months, and a warning when a high
    rating has nothing behind it."""
    today = clock.today()
    start = today - timedelta(days=EVIDENCE_DAYS)
    since = datetime.combine(start, time.min)
    initiatives = dict(
        db.session.execute(
            select(Initiative.pillar, func.count())
            .where(
                Initiative.status.in_(COUNTED_STATUSES),
                Initiative.start_date <= today,
                Initiative.end_date >= start,
            )
            .group_by(Initiative.pillar)
        ).all()
    )
    awards = db.session.scalar(
        select(func.count()).where(Nomination.status == AWARDED, Nomination.awarded_at >= since)
    )
    recognitions = db.session.scalar(
        select(func.count()).where(
            Nomination.status.in_(PUBLIC_STATUSES), Nomination.created_at >= since
        )
    )
    hours = db.session.scalar(
        select(func.coalesce(func.sum(TimeEntry.hours), 0)).where(
            TimeEntry.status == TIME_APPROVED, TimeEntry.work_date >= start
        )
    )
    counts = {p: initiatives.get(p, 0) for p in PILLARS}
    counts["engage"], counts["reward"] = int(hours), awards
    result = {}
    for pillar in PILLARS:
        rated = scores["pillars"][pillar]["score"] if scores else None
        words = EVIDENCE_WORDS[pillar]
        if rated is not None and rated >= HIGH_RATING and counts[pillar] == 0:
            message = words["unbacked"].format(score=rated)
        else:
            message = words["count"].format(count=counts[pillar], nominations=recognitions)
        result[pillar] = Evidence(pillar, counts[pillar], words["what"], message)
    return result


def templates_for(pillar: str) -> list:
    """The initiative templates (campaigns.presets) that work on a pillar."""
    return [t for t in TEMPLATES.values() if t.pillar == pillar]
