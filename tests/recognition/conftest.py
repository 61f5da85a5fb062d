"""Fixtures for recognition tests: a small team with a manager, an open cycle, a category."""

from dataclasses import dataclass

import pytest

from tests.factories import PersonFactory, TeamFactory
from tests.recognition.factories import AwardCycleFactory, CategoryFactory


@dataclass
class Team:
    manager: object
    alice: object
    bob: object
    carol: object
    cycle: object
    category: object


@pytest.fixture
def team(app):
    """Alice, Bob and Carol report to Maya; one cycle is open; one category exists."""
    care = TeamFactory(name="Care")
    manager = PersonFactory(name="Maya Manager", team=care, roles=["manager"])
    return Team(
        manager=manager,
        alice=PersonFactory(name="Alice Agent", team=care, manager=manager),
        bob=PersonFactory(name="Bob Builder", team=care, manager=manager),
        carol=PersonFactory(name="Carol Carer", team=care, manager=manager),
        cycle=AwardCycleFactory(name="November"),
        category=CategoryFactory(name="Customer hero", reward="500 points"),
    )
