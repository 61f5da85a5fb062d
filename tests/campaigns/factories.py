"""Factories for campaigns and initiatives."""

from datetime import date

import factory

from eximpact.campaigns.models import Campaign, Initiative, Kpi, Rollout
from tests.factories import BaseFactory, PersonFactory


class CampaignFactory(BaseFactory):
    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"Campaign {n}")
    goal = "Customers feel understood."
    owner = factory.SubFactory(PersonFactory)
    start_date = date(2026, 1, 1)
    end_date = date(2026, 12, 31)
    budget = None


class KpiFactory(BaseFactory):
    class Meta:
        model = Kpi

    campaign = factory.SubFactory(CampaignFactory)
    name = "NPS"
    unit = "points"
    baseline = 30
    target = 40
    actual = 35


class InitiativeFactory(BaseFactory):
    class Meta:
        model = Initiative

    campaign = factory.SubFactory(CampaignFactory)
    pillar = "inform"
    title = factory.Sequence(lambda n: f"Initiative {n}")
    owner = factory.SubFactory(PersonFactory)
    start_date = date(2026, 3, 2)
    end_date = date(2026, 3, 29)
    status = "planned"
    progress = 0
    frequency = "once"
    two_way = False
    quick_win = False
    approval_state = "not_required"


class RolloutFactory(BaseFactory):
    class Meta:
        model = Rollout

    initiative = factory.SubFactory(InitiativeFactory)
    team = None
    status = "not_started"
