"""Factories for the ambassador programme: campaigns and initiatives to hang projects on,
CX projects, enrolments and time entries."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import factory

from eximpact import clock
from eximpact.ambassadors.models import CxProject, Enrolment, TimeEntry
from eximpact.campaigns.models import Campaign, Initiative
from tests.factories import BaseFactory, PersonFactory, TeamFactory

TODAY = clock.today()
START_OF_YEAR = date(TODAY.year, 1, 1)


class CampaignFactory(BaseFactory):
    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"Campaign {n}")
    owner = factory.SubFactory(PersonFactory)
    start_date = START_OF_YEAR - timedelta(days=365)
    end_date = date(TODAY.year, 12, 31)


class InitiativeFactory(BaseFactory):
    class Meta:
        model = Initiative

    campaign = factory.SubFactory(CampaignFactory)
    pillar = "engage"
    title = factory.Sequence(lambda n: f"Initiative {n}")
    owner = factory.SelfAttribute("campaign.owner")
    start_date = factory.SelfAttribute("campaign.start_date")
    end_date = factory.SelfAttribute("campaign.end_date")
    status = "in_progress"
    frequency = "weekly"


class CxProjectFactory(BaseFactory):
    class Meta:
        model = CxProject

    name = factory.Sequence(lambda n: f"CX project {n}")
    initiative = factory.SubFactory(InitiativeFactory)
    owner = factory.SubFactory(PersonFactory)
    status = "active"
    hours_budget = Decimal("100")


class EnrolmentFactory(BaseFactory):
    class Meta:
        model = Enrolment

    person = factory.SubFactory(PersonFactory, roles=["ambassador"])
    allocation_hours_per_week = Decimal("8")
    start_date = TODAY - timedelta(days=365)
    end_date = None
    status = "approved"


class TimeEntryFactory(BaseFactory):
    class Meta:
        model = TimeEntry

    person = factory.SubFactory(PersonFactory, roles=["ambassador"])
    project = factory.SubFactory(CxProjectFactory)
    work_date = TODAY - timedelta(days=1)
    hours = Decimal("2")
    status = "draft"
    # Anything past draft was submitted once (the audit of later changes relies on it).
    submitted_at = factory.LazyAttribute(
        lambda entry: (
            None
            if entry.status == "draft"
            else datetime.combine(entry.work_date + timedelta(days=1), time(17))
        )
    )


def ambassador(manager=None, team=None, allocation="8", start=None, end=None, **kwargs):
    """A person with the ambassador role and an approved enrolment (a year back by default)."""
    person = PersonFactory(roles=["ambassador"], manager=manager, team=team, **kwargs)
    EnrolmentFactory(
        person=person,
        allocation_hours_per_week=Decimal(allocation),
        start_date=start or TODAY - timedelta(days=365),
        end_date=end,
    )
    return person


def manager_with_team(**kwargs):
    """A manager and the team they manage."""
    team = TeamFactory()
    boss = PersonFactory(roles=["manager"], team=team, **kwargs)
    team.manager = boss
    return boss, team
