"""The ambassador demo: every state, one week over allocation, one waiting for manager@."""

from collections import defaultdict
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from eximpact import clock
from eximpact.ambassadors import demo as ambassador_demo
from eximpact.ambassadors.models import CxProject, Enrolment, TimeEntry, monday_of
from eximpact.ambassadors.services.approvals import approval_queue
from eximpact.ambassadors.services.entries import week_loads
from eximpact.campaigns.models import Campaign, Initiative
from eximpact.demo import load_demo
from eximpact.extensions import db
from eximpact.org.models import Person

TODAY = clock.today()


def person(email: str) -> Person:
    return db.session.scalar(select(Person).where(Person.email == email))


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


# Whatever day the demo is loaded on: a Monday, a Sunday, the first days of a year.
DAYS = [TODAY, date(2026, 11, 16), date(2026, 11, 22), date(2027, 1, 3)]


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_the_demo_has_ambassadors_in_several_teams_with_time_in_every_state(app, today):
    load_demo(today)
    enrolled = db.session.scalars(
        select(Person)
        .join(Enrolment, Enrolment.person_id == Person.id)
        .where(Enrolment.status == "approved")
    ).all()
    assert len(enrolled) == 5 and len({p.team_id for p in enrolled}) >= 4
    assert all("ambassador" in p.roles for p in enrolled)
    states = set(db.session.scalars(select(TimeEntry.status).distinct()))
    assert states == {"draft", "submitted", "approved", "rejected"}
    first = db.session.scalar(select(func.min(TimeEntry.work_date)))
    assert (today - first).days > 90  # a few months of history
    pending = db.session.scalar(select(Enrolment).where(Enrolment.status == "pending"))
    assert pending.person.email == "aisha.rahman@example.com"


def test_sams_last_week_waits_for_manager_example_com(app):
    load_demo(TODAY)
    manager = person("manager@example.com")
    weeks = approval_queue(manager, 1, 20).items
    sam = person("ambassador@example.com")
    assert (sam.id, monday_of(TODAY) - timedelta(days=7)) in {
        (week.person.id, week.week_start) for week in weeks
    }


def test_one_ambassador_went_over_the_allocation(app):
    load_demo(TODAY)
    keys = {
        (person_id, week)
        for person_id, week in db.session.execute(
            select(TimeEntry.person_id, TimeEntry.week_start).distinct()
        )
    }
    over = {key[0] for key, load in week_loads(keys).items() if load.over}
    assert person("jonas.weber@example.com").id in over


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_the_demo_obeys_the_time_rules(app, today):
    load_demo(today)
    per_day = defaultdict(int)
    for entry in db.session.scalars(select(TimeEntry)):
        per_day[(entry.person_id, entry.work_date)] += entry.hours
        assert entry.work_date <= today
        enrolment = db.session.scalar(
            select(Enrolment).where(
                Enrolment.person_id == entry.person_id, Enrolment.status == "approved"
            )
        )
        assert enrolment.covers(entry.work_date)
    assert max(per_day.values()) <= 24


def test_projects_hang_on_an_engage_initiative_of_this_years_campaign(app):
    load_demo(TODAY)
    initiatives = {p.initiative for p in db.session.scalars(select(CxProject))}
    assert len(initiatives) == 1
    [initiative] = initiatives
    assert initiative.pillar == "engage"
    assert initiative.campaign.name == f"CX culture {TODAY.year}"
    statuses = set(db.session.scalars(select(CxProject.status)))
    assert {"active", "done", "proposed"} <= statuses


def test_loading_twice_changes_nothing(app):
    load_demo(TODAY)
    before = [count(m) for m in (TimeEntry, Enrolment, CxProject, Campaign, Initiative)]
    load_demo(TODAY)
    load_demo(TODAY + timedelta(days=9))  # and later on, too
    assert [count(m) for m in (TimeEntry, Enrolment, CxProject, Campaign, Initiative)] == before


def test_an_existing_campaign_and_engage_initiative_are_reused(app):
    from eximpact.demo import load_organisation

    load_organisation()
    hr = person("hr@example.com")
    campaign = Campaign(
        name=f"CX culture {TODAY.year}",
        owner=hr,
        start_date=date(TODAY.year, 1, 1),
        end_date=date(TODAY.year, 12, 31),
    )
    theirs = Initiative(
        campaign=campaign,
        pillar="engage",
        title="Employee voice in process changes",
        owner=hr,
        start_date=campaign.start_date,
        end_date=campaign.end_date,
    )
    db.session.add_all([campaign, theirs])
    db.session.flush()
    ambassador_demo.load_demo(TODAY)
    assert count(Campaign) == 1 and count(Initiative) == 1
    assert {p.initiative_id for p in db.session.scalars(select(CxProject))} == {theirs.id}
