"""Reminders go through the outbox, only to those who have not answered, on the set days."""

from datetime import timedelta

from sqlalchemy import select

from eximpact import clock
from eximpact.extensions import db
from eximpact.notifications.models import OutboxMessage
from tests.factories import PersonFactory, TeamFactory
from tests.pulse.factories import answer_as, make_round, open_round


def _reminded() -> list[str]:
    return sorted(
        db.session.scalars(
            select(OutboxMessage.to_email).where(OutboxMessage.kind == "pulse_reminder")
        )
    )


def test_reminders_go_only_to_non_responders_once_per_set_day(app, runner):
    team = TeamFactory()
    hr = PersonFactory(roles=["hr"])
    answered, waiting = PersonFactory(team=team), PersonFactory(team=team)
    today = clock.today()
    round_ = open_round(hr, make_round(hr, teams=[team], closes_on=today + timedelta(days=3)))
    answer_as([answered], round_)
    db.session.flush()

    result = runner.invoke(args=["pulse", "remind", "--today", today.isoformat()])
    assert "Queued 1 pulse reminder" in result.output
    assert _reminded() == [waiting.email]

    runner.invoke(args=["pulse", "remind", "--today", today.isoformat()])  # again: nothing new
    assert _reminded() == [waiting.email]

    not_a_set_day = (today + timedelta(days=1)).isoformat()  # 2 days before closing
    runner.invoke(args=["pulse", "remind", "--today", not_a_set_day])
    assert _reminded() == [waiting.email]

    last_day = (today + timedelta(days=2)).isoformat()  # 1 day before closing
    runner.invoke(args=["pulse", "remind", "--today", last_day])
    assert _reminded() == [waiting.email, waiting.email]


def test_close_due_closes_rounds_whose_closing_day_has_passed(app, runner):
    team = TeamFactory()
    hr = PersonFactory(roles=["hr"])
    PersonFactory(team=team)
    today = clock.today()
    round_ = open_round(hr, make_round(hr, teams=[team], closes_on=today))
    tomorrow = (today + timedelta(days=1)).isoformat()
    result = runner.invoke(args=["pulse", "close-due", "--today", tomorrow])
    assert "Closed 1 round" in result.output
    db.session.refresh(round_)
    assert round_.status == "closed"
