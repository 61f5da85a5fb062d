"""Whose time a person may see: themselves, their reports, the teams they manage; HR everyone.

Lists, reports and exports filter by `visible_person_ids(actor)` in SQL; single records
ask `can_see_person`. Deciding (approving) is narrower: see `may_decide_for`.
"""

from sqlalchemy import Select, or_, select

from eximpact.extensions import db
from eximpact.org.models import HR, MANAGER, Person, Team
from eximpact.org.services import subtree_team_ids


def managed_team_ids(actor: Person) -> list[int]:
    """The teams `actor` manages and every team under them (one query per managed team)."""
    roots = db.session.scalars(select(Team.id).where(Team.manager_id == actor.id, Team.active))
    ids: set[int] = set()
    for root in roots:
        if root not in ids:
            ids.update(subtree_team_ids(root))
    return sorted(ids)


def visible_person_ids(actor: Person) -> Select | None:
    """A subquery of the people whose time `actor` may see, or None for everyone (HR)."""
    if actor.has_role(HR):
        return None
    condition = [Person.id == actor.id, Person.manager_id == actor.id]
    if actor.has_role(MANAGER) and (teams := managed_team_ids(actor)):
        condition.append(Person.team_id.in_(teams))
    return select(Person.id).where(or_(*condition))


def can_see_person(actor: Person, person: Person) -> bool:
    if actor.id == person.id or actor.has_role(HR) or person.manager_id == actor.id:
        return True
    return (
        actor.has_role(MANAGER)
        and person.team_id is not None
        and person.team_id in managed_team_ids(actor)
    )


def may_decide_for(actor: Person, person: Person) -> bool:
    """Approve, reject or reopen `person`'s time: their line manager or HR, never themselves."""
    if actor.id == person.id:
        return False
    return actor.has_role(HR) or (actor.has_role(MANAGER) and person.manager_id == actor.id)
