"""The demo: two closed pulses and one open, a closed climate check, teams under k."""

from datetime import date

from sqlalchemy import select

from eximpact.demo import load_demo
from eximpact.extensions import db
from eximpact.maturity.models import MaturityAssessment
from eximpact.org.models import Person
from eximpact.pulse.models import PulseRound
from eximpact.pulse.services.results import round_results

TODAY = date(2026, 11, 22)


def test_the_demo_has_the_rounds_a_newcomer_needs_and_shows_the_hiding(app):
    load_demo(TODAY)
    load_demo(TODAY)  # idempotent
    rounds = db.session.scalars(select(PulseRound).order_by(PulseRound.opens_on)).all()
    kinds = [(r.kind, r.status) for r in rounds]
    assert kinds.count(("engagement", "closed")) == 2
    assert ("engagement", "open") in kinds and ("climate", "closed") in kinds
    hr = db.session.scalar(select(Person).where(Person.email == "hr@example.com"))
    summer = next(r for r in rounds if r.title.endswith("summer"))
    results = round_results(summer, hr)
    statuses = {row["name"]: row["status"] for row in results["teams"]}
    assert statuses["Finance"] == "not_enough_responses"
    assert statuses["Care South"] == "not_enough_responses"
    assert results["organisation"]["change"]["status"] == "shown"
    assert db.session.scalar(select(PulseRound).where(PulseRound.status == "open")).title
    assert len(db.session.scalars(select(MaturityAssessment)).all()) == 2
