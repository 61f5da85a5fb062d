"""The rules for people and teams, shared by the admin pages, the CSV import, the API and seeds."""

import re

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload

from eximpact import audit, clock
from eximpact.auth.services import password_problem, set_password
from eximpact.extensions import db
from eximpact.notifications.services import queue_email
from eximpact.org.changes import PersonChange, deactivate, people_change_problems, reactivate
from eximpact.org.models import Person, Team, normalise_email
from eximpact.validation import Problems, ValidationFailed

NAME_MAX = 120


def email_problem(email: str) -> str | None:
    """Why `email` is not a usable address, or None.

    Syntax only: no DNS look-ups (imports of thousands of rows stay fast and offline).
    """
    if not email:
        return "Enter an e-mail address."
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as error:
        return str(error)
    return None


def name_problem(name: str) -> str | None:
    if not name.strip():
        return "Enter a name."
    if len(name.strip()) > NAME_MAX:
        return f"Use at most {NAME_MAX} characters."
    return None


def manager_chain_problem(person_id: int | None, manager_id: int | None) -> str | None:
    """A person cannot manage themselves, directly or through a chain of managers."""
    if manager_id is None:
        return None
    if person_id is not None and manager_id == person_id:
        return "A person cannot be their own manager."
    seen = set()
    current = manager_id
    while current is not None and current not in seen:
        if current == person_id:
            return "That manager reports to this person: it would make a loop."
        seen.add(current)
        current = db.session.scalar(select(Person.manager_id).where(Person.id == current))
    return None


def team_parent_problem(team_id: int | None, parent_id: int | None) -> str | None:
    """A team cannot sit under itself, directly or further down."""
    if parent_id is None:
        return None
    seen = set()
    current = parent_id
    while current is not None and current not in seen:
        if current == team_id:
            return "A team cannot sit under itself or under one of its own sub-teams."
        seen.add(current)
        current = db.session.scalar(select(Team.parent_id).where(Team.id == current))
    return None


def _active_person(person_id: int | None, field: str, problems: Problems) -> Person | None:
    if person_id is None:
        return None
    person = db.session.get(Person, person_id)
    if person is None or not person.active:
        problems.add(field, "Choose an active person.")
        return None
    return person


def _active_team(team_id: int | None, field: str, problems: Problems) -> Team | None:
    if team_id is None:
        return None
    team = db.session.get(Team, team_id)
    if team is None or not team.active:
        problems.add(field, "Choose an active team.")
        return None
    return team


def save_person(
    actor: Person,
    person: Person | None,
    *,
    name: str,
    email: str,
    team_id: int | None,
    manager_id: int | None,
    roles: set[str],
    password: str | None = None,
) -> Person:
    """Create (`person` None) or update a person; raises ValidationFailed with every problem."""
    problems = Problems()
    email = normalise_email(email)
    if problem := name_problem(name):
        problems.add("name", problem)
    if problem := email_problem(email):
        problems.add("email", problem)
    else:
        clash = db.session.scalar(select(Person.id).where(Person.email == email))
        if clash is not None and (person is None or clash != person.id):
            problems.add("email", "Someone already has this e-mail address.")
    team = _active_team(team_id, "team_id", problems)
    manager = _active_person(manager_id, "manager_id", problems)
    if manager is not None and (problem := manager_chain_problem(person and person.id, manager.id)):
        problems.add("manager_id", problem)
    before = set(person.extra_roles) if person else set()
    change = PersonChange(person, email=email, roles=set(roles), password=bool(password))
    for _change, field, problem in people_change_problems(actor, [change]):
        problems.add(field, problem)
    if password and (problem := password_problem(password)):
        problems.add("password", problem)
    problems.raise_if_any()

    created = person is None
    if created:
        person = Person(email=email, name=name.strip())
        db.session.add(person)
    person.name = name.strip()
    person.email = email
    person.team = team
    person.manager = manager
    person.set_roles(roles)
    db.session.flush()
    if password:
        set_password_for(actor, person, password)
    if before != set(roles):
        audit.record(
            "person", person.id, "roles_changed", actor, before=sorted(before), after=sorted(roles)
        )
    audit.record("person", person.id, "created" if created else "updated", actor)
    return person


def set_password_for(actor: Person | None, person: Person, password: str) -> None:
    """Someone else typed a password for `person`: they are told, and the audit says who."""
    set_password(person, password)
    if actor is not None and actor.id == person.id:
        return
    audit.record("person", person.id, "password_set", actor, set_by=actor and actor.id)
    queue_email(
        person.email,
        "password_set_for_you",
        "Your EX Impact password was set by someone else",
        "password_set_for_you",
        person=person,
        actor=actor,
        changed_at=clock.now(),
    )


def deactivate_person(actor: Person, person: Person) -> None:
    """The page's deactivation: the one operation every path uses (eximpact.org.changes)."""
    _as_person_problem(lambda: deactivate(actor, person))


def reactivate_person(actor: Person, person: Person) -> None:
    _as_person_problem(lambda: reactivate(actor, person))


def _as_person_problem(operation) -> None:
    try:
        operation()
    except ValidationFailed as error:
        raise ValidationFailed.single("person", error.message) from None


def save_team(
    actor: Person,
    team: Team | None,
    *,
    name: str,
    manager_id: int | None,
    parent_id: int | None,
) -> Team:
    """Create (`team` None) or update a team; raises ValidationFailed with every problem."""
    problems = Problems()
    if problem := name_problem(name):
        problems.add("name", problem)
    else:
        clash = db.session.scalar(
            select(Team.id).where(func.lower(Team.name) == name.strip().lower())
        )
        if clash is not None and (team is None or clash != team.id):
            problems.add("name", "Another team already has this name.")
    manager = _active_person(manager_id, "manager_id", problems)
    parent = _active_team(parent_id, "parent_id", problems)
    if parent is not None and (problem := team_parent_problem(team and team.id, parent.id)):
        problems.add("parent_id", problem)
    problems.raise_if_any()

    created = team is None
    if created:
        team = Team(name=name.strip())
        db.session.add(team)
    team.name = name.strip()
    team.manager = manager
    team.parent = parent
    db.session.flush()
    audit.record("team", team.id, "created" if created else "updated", actor)
    return team


def deactivate_team(actor: Person, team: Team) -> None:
    """A team is retired only once nobody active is in it and no active team sits under it."""
    members = db.session.scalar(
        select(func.count()).select_from(Person).where(Person.team_id == team.id, Person.active)
    )
    children = db.session.scalar(
        select(func.count()).select_from(Team).where(Team.parent_id == team.id, Team.active)
    )
    if members:
        raise ValidationFailed.single("team", f"Move its {members} active member(s) first.")
    if children:
        raise ValidationFailed.single("team", f"Move or retire its {children} sub-team(s) first.")
    if team.active:
        team.active = False
        audit.record("team", team.id, "deactivated", actor, "active", "inactive")


def reactivate_team(actor: Person, team: Team) -> None:
    if not team.active:
        team.active = True
        audit.record("team", team.id, "reactivated", actor, "inactive", "active")


def people_query(
    q: str | None = None, team_id: int | None = None, status: str = "active"
) -> Select:
    """People matching a search, for lists and the API, in a stable name order."""
    query = (
        select(Person)
        .options(joinedload(Person.team), joinedload(Person.manager))
        .order_by(func.lower(Person.name), Person.id)
    )
    if q:
        pattern = f"%{q.strip().lower()}%"
        query = query.where(or_(func.lower(Person.name).like(pattern), Person.email.like(pattern)))
    if team_id:
        query = query.where(Person.team_id == team_id)
    if status == "active":
        query = query.where(Person.active)
    elif status == "inactive":
        query = query.where(Person.active.is_(False))
    return query


def teams_query(q: str | None = None, status: str = "active") -> Select:
    query = (
        select(Team)
        .options(joinedload(Team.manager), joinedload(Team.parent))
        .order_by(func.lower(Team.name), Team.id)
    )
    if q:
        query = query.where(func.lower(Team.name).like(f"%{q.strip().lower()}%"))
    if status == "active":
        query = query.where(Team.active)
    elif status == "inactive":
        query = query.where(Team.active.is_(False))
    return query


def team_member_counts(team_ids: list[int]) -> dict[int, int]:
    """Active members per team, in one grouped query."""
    if not team_ids:
        return {}
    rows = db.session.execute(
        select(Person.team_id, func.count())
        .where(Person.team_id.in_(team_ids), Person.active)
        .group_by(Person.team_id)
    )
    return dict(rows.all())


def subtree_team_ids(root_team_id: int) -> list[int]:
    """A team and every team under it, walked in SQL with a recursive CTE."""
    tree = select(Team.id).where(Team.id == root_team_id).cte("tree", recursive=True)
    tree = tree.union_all(select(Team.id).where(Team.parent_id == tree.c.id))
    return list(db.session.scalars(select(tree.c.id)))


# "Name <e-mail>" as the person field suggests it, or a bare e-mail at the end.
EMAIL_AT_END = re.compile(r"<?([^\s<>]+@[^\s<>]+?)>?\s*$")


def find_active_person_by_text(text: str) -> Person | None:
    """The active person a typed "Name <e-mail>" or bare e-mail names, or None."""
    match = EMAIL_AT_END.search(text.strip())
    email = normalise_email(match.group(1) if match else text)
    return db.session.scalar(select(Person).where(Person.email == email, Person.active))


def lookup_people(q: str, limit: int = 10) -> list[Person]:
    """Active people whose name or e-mail contains `q`, for suggestions as you type."""
    if len(q.strip()) < 2:
        return []
    return list(db.session.scalars(people_query(q, None, "active").limit(limit)))


def active_people_choices() -> list[tuple[int, str]]:
    """(id, "Name — email") of every active person, for select boxes."""
    rows = db.session.execute(
        select(Person.id, Person.name, Person.email)
        .where(Person.active)
        .order_by(func.lower(Person.name))
    )
    return [(pid, f"{name} — {email}") for pid, name, email in rows]


def active_team_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(
        select(Team.id, Team.name).where(Team.active).order_by(func.lower(Team.name))
    )
    return [(tid, name) for tid, name in rows]
