"""A small organisation around Nina: her manager Maya, a colleague, HR, and her recognition."""

from dataclasses import dataclass
from datetime import timedelta

import pytest

from eximpact import clock
from eximpact.extensions import db
from eximpact.recognition.models import Thanks
from tests.factories import PersonFactory, TeamFactory
from tests.recognition.factories import CategoryFactory, NominationFactory


@dataclass
class Org:
    manager: object
    nina: object
    colleague: object
    hr: object
    value: object


@pytest.fixture
def org(app):
    """Nina (an ambassador) and Carl report to Maya in Care; Hana is HR elsewhere."""
    care = TeamFactory(name="Care")
    maya = PersonFactory(name="Maya Manager", team=care, roles=["manager"])
    care.manager = maya
    return Org(
        manager=maya,
        nina=PersonFactory(name="Nina Nowak", team=care, manager=maya, roles=["ambassador"]),
        colleague=PersonFactory(name="Carl Colleague", team=care, manager=maya),
        hr=PersonFactory(name="Hana HR", roles=["hr"]),
        value=CategoryFactory(name="One team", company_value=True),
    )


def recognised(nominee, nominator, minutes_ago=0, status="approved", **kwargs):
    """A nomination on the wall (approved, or awarded)."""
    when = clock.now() - timedelta(minutes=minutes_ago)
    return NominationFactory(
        nominee=nominee,
        nominator=nominator,
        status=status,
        reviewed_at=when,
        recognised_at=when,
        awarded_at=when if status == "awarded" else None,
        reward="A day off" if status == "awarded" else None,
        **kwargs,
    )


def thanked(giver, recipient, value, message="Thank you!", days_ago=0):
    """A thanks row as the service stores it (without the daily allowance, for long histories)."""
    when = clock.now() - timedelta(days=days_ago)
    thanks = Thanks(
        giver=giver,
        recipient=recipient,
        category=value,
        message=message,
        given_on=when.date(),
        created_at=when,
    )
    db.session.add(thanks)
    db.session.flush()
    return thanks
