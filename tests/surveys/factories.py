"""Factories of survey results."""

from decimal import Decimal

import factory

from eximpact.periods import parse_period
from eximpact.surveys.models import ExternalMetric
from tests.factories import BaseFactory, TeamFactory


class ExternalMetricFactory(BaseFactory):
    class Meta:
        model = ExternalMetric

    class Params:
        period = "2026-Q3"

    team = factory.SubFactory(TeamFactory)
    period_key = factory.LazyAttribute(lambda o: parse_period(o.period).key)
    period_start = factory.LazyAttribute(lambda o: parse_period(o.period).start)
    grain = factory.LazyAttribute(lambda o: parse_period(o.period).grain)
    metric = "nps"
    value = Decimal("40")
    n = 100
    source = "Survey tool"
    external_id = None
