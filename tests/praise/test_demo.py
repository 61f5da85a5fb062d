"""The demo's praise: several sources across teams, outreach done, overdue and open."""

from datetime import date

from sqlalchemy import func, select

from eximpact.demo import load_demo
from eximpact.extensions import db
from eximpact.notifications.models import OutboxMessage
from eximpact.org.models import Person
from eximpact.praise.models import Outreach, Praise, praise_employee

TODAY = date(2026, 11, 22)


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_demo_has_praise_from_several_sources_across_teams(app):
    load_demo(TODAY)
    sources = set(db.session.scalars(select(Praise.source)))
    assert len(sources) >= 6
    teams = set(
        db.session.scalars(
            select(Person.team_id).join(praise_employee, praise_employee.c.person_id == Person.id)
        )
    )
    assert len(teams) >= 4


def test_the_demo_has_outreach_done_overdue_and_open_for_the_demo_manager(app):
    load_demo(TODAY)
    manager = db.session.scalar(select(Person).where(Person.email == "manager@example.com"))
    states = [item.state_on(TODAY) for item in db.session.scalars(select(Outreach))]
    assert {"done", "overdue", "open"} <= set(states)
    mine = db.session.scalars(select(Outreach).where(Outreach.leader_id == manager.id)).all()
    assert {"done", "overdue", "open"} <= {item.state_on(TODAY) for item in mine}
    late = [item for item in db.session.scalars(select(Outreach)) if item.on_time is False]
    assert late, "some follow-ups were done late"


def test_loading_the_demo_twice_adds_nothing(app):
    load_demo(TODAY)
    before = (count(Praise), count(Outreach), count(OutboxMessage))
    load_demo(TODAY)
    assert (count(Praise), count(Outreach), count(OutboxMessage)) == before
