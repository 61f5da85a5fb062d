"""A small organisation for scorecard tests: Care (a parent) over North and South."""

from dataclasses import dataclass

from eximpact.extensions import db
from tests.factories import PersonFactory, TeamFactory


@dataclass
class Org:
    care: object
    north: object
    south: object
    head: object
    hr: object
    north_people: list
    south_people: list


def care_org(north: int = 3, south: int = 2) -> Org:
    """Care (managed by `head`, who sits in Care) with North and South under it; HR elsewhere."""
    care = TeamFactory(name="Care")
    north_team = TeamFactory(name="Care North", parent=care)
    south_team = TeamFactory(name="Care South", parent=care)
    head = PersonFactory(name="Hana Head", team=care, roles=["manager"])
    care.manager = head
    org = Org(
        care=care,
        north=north_team,
        south=south_team,
        head=head,
        hr=PersonFactory(roles=["hr"]),
        north_people=[PersonFactory(team=north_team, manager=head) for _ in range(north)],
        south_people=[PersonFactory(team=south_team, manager=head) for _ in range(south)],
    )
    db.session.flush()
    return org
