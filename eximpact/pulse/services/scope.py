"""Who sees which rounds and teams: HR everything, a manager the teams they manage and below.

The SQL-free predicates here sit beside the team tree they walk, so the pages,
the API and the results apply the same scope.
"""

from sqlalchemy import select

from eximpact.extensions import db
from eximpact.org.models import HR, Team


def team_parents() -> dict[int, int | None]:
    """The whole team tree as `{team_id: parent_id}`, inactive teams included (history)."""
    return dict(db.session.execute(select(Team.id, Team.parent_id)).all())


def descendants(parents: dict[int, int | None], roots) -> set[int]:
    """`roots` and every team below them."""
    children: dict = {}
    for team_id, parent_id in parents.items():
        children.setdefault(parent_id, []).append(team_id)
    found, stack = set(), list(roots)
    while stack:
        team_id = stack.pop()
        if team_id in found:
            continue
        found.add(team_id)
        stack.extend(children.get(team_id, ()))
    return found


def managed_team_ids(person, parents: dict[int, int | None] | None = None) -> set[int]:
    """The teams `person` manages, with every team below them."""
    roots = db.session.scalars(select(Team.id).where(Team.manager_id == person.id)).all()
    if not roots:
        return set()
    return descendants(parents if parents is not None else team_parents(), roots)


def sees_everything(person) -> bool:
    return person.has_role(HR)


def audience_team_ids(round_, parents: dict[int, int | None]) -> set[int] | None:
    """The teams a round asks (sub-teams included); None means everyone."""
    if not round_.teams:
        return None
    return descendants(parents, round_.team_ids)


def reaches(person, round_, parents: dict | None = None, managed: set | None = None) -> bool:
    """HR sees every round; a manager the rounds whose audience reaches a team they manage."""
    if sees_everything(person):
        return True
    parents = parents if parents is not None else team_parents()
    managed = managed if managed is not None else managed_team_ids(person, parents)
    if not managed:
        return False
    audience = audience_team_ids(round_, parents)
    return audience is None or bool(audience & managed)
