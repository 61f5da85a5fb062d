"""Rounds, organisations and answers for pulse tests, made through the services as in the app."""

from datetime import timedelta

from eximpact import clock
from eximpact.extensions import db
from eximpact.pulse.services import answers, rounds
from tests.factories import PersonFactory, TeamFactory

GOOD = {"mission": 6, "feedback": 6, "tools": 6}


def make_round(hr, teams=(), kind="engagement", min_group=5, **fields):
    today = clock.today()
    data = rounds.RoundInput(
        kind=kind,
        title=fields.pop("title", "Test pulse"),
        opens_on=fields.pop("opens_on", today),
        closes_on=fields.pop("closes_on", today + timedelta(days=14)),
        team_ids=[t.id for t in teams],
        min_group=min_group,
        enps=fields.pop("enps", False),
        comments=fields.pop("comments", False),
    )
    return rounds.create_round(hr, data)


def open_round(hr, round_):
    rounds.open_round(hr, round_)
    db.session.flush()
    return round_


def answer_as(people, round_, values=None, comment=None):
    for person in people:
        answers.answer(person, round_, dict(values or GOOD), comment)
    db.session.flush()


class CustomerCare:
    """The lead's check in miniature: Customer Care with its own manager, Care North (8),
    Care South (8)."""

    def __init__(self):
        self.care = TeamFactory(name="Customer Care T")
        self.north = TeamFactory(name="Care North T", parent=self.care)
        self.south = TeamFactory(name="Care South T", parent=self.care)
        self.head = PersonFactory(team=self.care, roles=["manager"])
        self.care.manager = self.head
        self.north_people = [PersonFactory(team=self.north) for _ in range(8)]
        self.south_people = [PersonFactory(team=self.south) for _ in range(8)]
        self.north.manager = self.north_people[0]
        self.north_people[0].set_roles(["manager"])
        db.session.flush()
