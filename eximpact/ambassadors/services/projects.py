"""CX projects: what ambassadors give their time to, and how much of each budget is used."""

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload

from eximpact import audit
from eximpact.ambassadors.models import (
    ACTIVE,
    APPROVED,
    PROJECT_STATUSES,
    PROPOSED,
    REJECTED,
    CxProject,
    HoursMonth,
    TimeEntry,
)
from eximpact.ambassadors.services.scope import visible_person_ids
from eximpact.campaigns.models import Initiative
from eximpact.extensions import db
from eximpact.org.models import HR, Person
from eximpact.validation import Problems, too_long

# The limits of a CX project: the form, the API's schema and these rules read them.
LIMITS = {"name": 160, "goal": 5000}
BUDGET_MAX = Decimal("999999.99")


def save_project(
    actor: Person,
    project: CxProject | None,
    *,
    name: str,
    initiative_id: int | None,
    owner_id: int | None,
    goal: str = "",
    status: str = PROPOSED,
    hours_budget: Decimal | None = None,
) -> CxProject:
    """Create (`project` None) or update a CX project; raises ValidationFailed with all problems."""
    problems = Problems()
    name = (name or "").strip()
    if not name:
        problems.add("name", "Enter a name.")
    elif len(name) > LIMITS["name"]:
        problems.add("name", too_long(LIMITS["name"]))
    else:
        clash = db.session.scalar(
            select(CxProject.id).where(
                or_(CxProject.name == name, func.lower(CxProject.name) == name.lower())
            )
        )
        if clash is not None and (project is None or clash != project.id):
            problems.add("name", "Another CX project already has this name.")
    if len(goal or "") > LIMITS["goal"]:
        problems.add("goal", too_long(LIMITS["goal"]))
    initiative = db.session.get(Initiative, initiative_id) if initiative_id else None
    if initiative is None:
        problems.add("initiative_id", "Choose the initiative this project serves.")
    elif initiative.status == "cancelled" and (
        project is None or project.initiative_id != initiative.id
    ):
        problems.add("initiative_id", "That initiative is cancelled.")
    owner = db.session.get(Person, owner_id) if owner_id else None
    if owner is None or not owner.active:
        problems.add("owner_id", "Choose an active person as the owner.")
    if status not in PROJECT_STATUSES:
        problems.add("status", f"Use one of: {', '.join(PROJECT_STATUSES)}.")
    if hours_budget is not None and not 0 <= hours_budget <= BUDGET_MAX:
        problems.add("hours_budget", "Use a number of hours from 0 up, or leave it empty.")
    elif hours_budget is not None and hours_budget != hours_budget.quantize(Decimal("0.01")):
        problems.add("hours_budget", "Use at most two decimals.")
    problems.raise_if_any()

    created = project is None
    before = None if created else project.status
    if created:
        project = CxProject(name=name)
        db.session.add(project)
    project.name = name
    project.goal = (goal or "").strip()
    project.initiative = initiative
    project.owner = owner
    project.status = status
    project.hours_budget = hours_budget
    db.session.flush()
    audit.record(
        "cx_project",
        project.id,
        "created" if created else ("status_changed" if before != status else "updated"),
        actor,
        before,
        status,
    )
    return project


def projects_query(status: str | None = None, initiative_id: int | None = None) -> Select:
    """Projects for lists, active first then by name, with owner and initiative loaded."""
    query = select(CxProject).options(joinedload(CxProject.owner), joinedload(CxProject.initiative))
    if status:
        query = query.where(CxProject.status == status)
    if initiative_id is not None:
        query = query.where(CxProject.initiative_id == initiative_id)
    return query.order_by((CxProject.status != ACTIVE), func.lower(CxProject.name), CxProject.id)


def hours_used(project_ids) -> dict[int, Decimal]:
    """Hours logged per project, in every state but rejected, in one grouped query over
    the monthly rollup (services/rollup.py), a few rows per ambassador and month."""
    if not project_ids:
        return {}
    rows = db.session.execute(
        select(HoursMonth.project_id, func.sum(HoursMonth.hours))
        .where(HoursMonth.project_id.in_(set(project_ids)), HoursMonth.status != REJECTED)
        .group_by(HoursMonth.project_id)
    )
    return dict(rows.all())


def active_project_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(
        select(CxProject.id, CxProject.name)
        .where(CxProject.status == ACTIVE)
        .order_by(func.lower(CxProject.name))
    )
    return [(project_id, name) for project_id, name in rows]


@dataclass
class Contributor:
    person: Person
    hours: Decimal
    approved: Decimal


def contributors(actor: Person, project: CxProject) -> list[Contributor]:
    """Who gave time to the project and how much, summed in SQL.

    HR and the project's owner see everyone; others see the people whose time they may see.
    """
    approved = func.sum(TimeEntry.hours).filter(TimeEntry.status == APPROVED)
    query = (
        select(Person, func.sum(TimeEntry.hours), func.coalesce(approved, 0))
        .join(TimeEntry, TimeEntry.person_id == Person.id)
        .where(TimeEntry.project_id == project.id, TimeEntry.status != REJECTED)
        .group_by(Person.id)
        .order_by(func.sum(TimeEntry.hours).desc(), Person.name)
    )
    if not (actor.has_role(HR) or actor.id == project.owner_id):
        query = query.where(Person.id.in_(visible_person_ids(actor)))
    return [Contributor(person, hours, done) for person, hours, done in db.session.execute(query)]
