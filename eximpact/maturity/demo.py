"""Demo maturity: two assessments by HR a few months apart, through the service."""

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from eximpact.extensions import db
from eximpact.maturity.models import MaturityAssessment
from eximpact.maturity.services import create_assessment
from eximpact.org.models import Person

# Reward is rated generously: the evidence beside it tells whether awards back it.
ASSESSMENTS = (
    (
        120,
        {
            "inform": [2, 2, 3, 2],
            "inspire": [3, 2, 3, 3],
            "instruct": [2, 2, 1, 2],
            "engage": [2, 3, 2, 2],
            "reward": [3, 3, 2, 3],
        },
    ),
    (
        14,
        {
            "inform": [3, 3, 3, 3],
            "inspire": [4, 3, 4, 3],
            "instruct": [2, 3, 2, 2],
            "engage": [3, 3, 3, 4],
            "reward": [4, 4, 3, 4],
        },
    ),
)


def load_demo(today: date) -> None:
    hr = db.session.scalar(select(Person).where(Person.email == "hr@example.com"))
    if hr is None:
        return
    if db.session.scalar(select(MaturityAssessment.id).where(MaturityAssessment.rater_id == hr.id)):
        return
    for days_ago, answers in ASSESSMENTS:
        at = datetime.combine(today - timedelta(days=days_ago), time(10, 0))
        create_assessment(hr, answers, at=at)
    db.session.flush()
