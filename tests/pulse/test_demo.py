"""The demo: two closed pulses and one open, a closed climate check, teams under k."""

from datetime import date, timedelta

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


def test_the_demo_mails_invitations_only_for_the_round_still_open_and_reminds_of_no_past_one(app):
    """Nobody is mailed about a demo round from months ago, neither invited nor reminded."""
    from eximpact import clock
    from eximpact.notifications.models import OutboxMessage
    from eximpact.pulse.services.reminders import reminder_days, send_reminders

    with clock.frozen(TODAY):
        load_demo(TODAY)
        db.session.flush()
        open_round = db.session.scalar(select(PulseRound).where(PulseRound.status == "open"))
        subjects = set(
            db.session.scalars(
                select(OutboxMessage.subject).where(OutboxMessage.kind == "pulse_invitation")
            )
        )
        assert subjects == {f"Engagement pulse: {open_round.title}"}
    # Replayed later for a set reminder day of that round, once it has closed by the clock:
    # nobody is reminded of it.
    set_day = open_round.closes_on - timedelta(days=reminder_days()[-1])
    with clock.frozen(open_round.closes_on + timedelta(days=1)):
        assert send_reminders(set_day) == 0
    with clock.frozen(set_day):
        assert send_reminders(set_day) > 0  # the same run on the day itself does remind
