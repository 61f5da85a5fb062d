"""Factories for praise. Praise with outreach goes through `record_praise`, as in the app."""

import factory

from eximpact import clock
from eximpact.praise.models import Praise
from eximpact.praise.services.recording import PraiseInput, record_praise
from tests.factories import BaseFactory


class PraiseFactory(BaseFactory):
    """A bare praise row (no outreach): for lists, evidence and leaderboards."""

    class Meta:
        model = Praise

    source = "email"
    received_at = factory.LazyFunction(lambda: clock.today())
    text = factory.Sequence(lambda n: f"Thank you for the wonderful help, number {n}.")
    intake = "form"
    employees = factory.LazyFunction(list)


def log_praise(*people, actor=None, intake="form", on=None, **fields):
    """Praise of `people` through the service, so outreach and e-mails happen as in the app."""
    data = PraiseInput(
        source=fields.pop("source", "email"),
        text=fields.pop("text", "They went out of their way to help me today."),
        received_at=fields.pop("received_at", on or clock.today()),
        employee_ids=[person.id for person in people],
        **fields,
    )
    praise, _ = record_praise(actor, data, intake=intake, on=on)
    return praise
