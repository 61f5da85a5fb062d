"""Factories for categories, award cycles, nominations, quick thanks and comments."""

from datetime import timedelta
from decimal import Decimal

import factory

from eximpact import clock
from eximpact.recognition.models import AwardCycle, Category, Comment, Nomination, Thanks
from tests.factories import BaseFactory, PersonFactory


def _today():
    return clock.today()


class CategoryFactory(BaseFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    reward_kind = "points"
    reward = "100 points"
    reward_value = Decimal("10.00")
    active = True


class AwardCycleFactory(BaseFactory):
    """A cycle taking nominations today, unless told otherwise."""

    class Meta:
        model = AwardCycle

    name = factory.Sequence(lambda n: f"Cycle {n}")
    cadence = "monthly"
    period_start = factory.LazyFunction(lambda: _today() - timedelta(days=10))
    period_end = factory.LazyFunction(lambda: _today() + timedelta(days=10))
    opens_on = factory.LazyFunction(lambda: _today() - timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: _today() + timedelta(days=10))
    budget = None


class NominationFactory(BaseFactory):
    """A submitted nomination; pass `status` and the review columns for later states."""

    class Meta:
        model = Nomination

    cycle = factory.SubFactory(AwardCycleFactory)
    category = factory.SubFactory(CategoryFactory)
    nominator = factory.SubFactory(PersonFactory)
    nominee = factory.SubFactory(PersonFactory)
    reason = factory.Sequence(lambda n: f"Went far beyond what the customer expected ({n}).")
    status = "submitted"
    praise = factory.LazyFunction(list)


class ThanksFactory(BaseFactory):
    """A quick thanks given today under a company value."""

    class Meta:
        model = Thanks

    giver = factory.SubFactory(PersonFactory)
    recipient = factory.SubFactory(PersonFactory)
    category = factory.SubFactory(CategoryFactory, company_value=True)
    message = factory.Sequence(lambda n: f"Thank you for taking my calls ({n}).")
    given_on = factory.LazyFunction(_today)


class CommentFactory(BaseFactory):
    """A comment on a wall item: pass `item_kind` and `item_id`."""

    class Meta:
        model = Comment

    author = factory.SubFactory(PersonFactory)
    text = factory.Sequence(lambda n: f"Well deserved ({n})!")
