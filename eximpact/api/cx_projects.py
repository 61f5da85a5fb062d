"""`/cx-projects`: what ambassadors give their time to, with hours used against the budget."""

from flask import g

from eximpact.ambassadors import permissions  # noqa: F401  (registers the rules)
from eximpact.ambassadors.loaders import get_project_or_404
from eximpact.ambassadors.models import PROJECT_STATUSES, CxProject
from eximpact.ambassadors.services.projects import (
    BUDGET_MAX,
    LIMITS,
    hours_used,
    projects_query,
    save_project,
)
from eximpact.api.declare import operation, page_of
from eximpact.api.schema import ApiModel, Id, Moment, QueryId, decimal, one_of, partial, text
from eximpact.extensions import db


class CxProjectIn(ApiModel):
    name: text(LIMITS["name"], required=True)
    initiative_id: Id
    owner_id: Id = None  # default: the caller
    goal: text(LIMITS["goal"]) = None
    status: one_of(PROJECT_STATUSES) = None
    hours_budget: decimal(2, maximum=int(BUDGET_MAX)) = None


class CxProjectOut(ApiModel):
    id: int
    name: str
    initiative_id: int
    pillar: str
    owner_id: int
    goal: str
    status: one_of(PROJECT_STATUSES)
    hours_budget: float | None
    hours_used: float
    created_at: Moment
    updated_at: Moment


class CxProjectFilters(ApiModel):
    status: one_of(PROJECT_STATUSES) = None
    initiative_id: QueryId = None


def project_json(project: CxProject, used) -> dict:
    return {
        **{name: getattr(project, name, None) for name in CxProjectOut.model_fields},
        "pillar": project.initiative.pillar,
        "hours_used": used or 0,
    }


def _projects_json(projects: list[CxProject]) -> list[dict]:
    used = hours_used([project.id for project in projects])
    return [project_json(project, used.get(project.id)) for project in projects]


def _saved(project: CxProject | None, sent: dict) -> dict:
    """The project's values with what was sent on top, saved through the one service."""
    current = {
        "name": project.name if project else "",
        "initiative_id": project.initiative_id if project else None,
        "owner_id": project.owner_id if project else g.api_user.id,
        "goal": project.goal if project else "",
        "status": project.status if project else "proposed",
        "hours_budget": project.hours_budget if project else None,
    }
    project = save_project(g.api_user, project, **{**current, **sent})
    result = _projects_json([project])[0]
    db.session.commit()
    return result


@operation(
    "GET",
    "/cx-projects",
    tag="ambassadors",
    permission="cx_projects.view",
    query=CxProjectFilters,
    response=CxProjectOut,
    listing=True,
)
def list_cx_projects(query: CxProjectFilters):
    """CX projects, active ones first."""
    return page_of(projects_query(query.status, query.initiative_id), _projects_json)


@operation(
    "POST",
    "/cx-projects",
    tag="ambassadors",
    permission="cx_projects.manage",
    body=CxProjectIn,
    response=CxProjectOut,
    status=201,
)
def create_cx_project(body: CxProjectIn):
    """Create a CX project (HR)."""
    return _saved(None, body.model_dump(exclude_unset=True))


@operation(
    "GET",
    "/cx-projects/<int:project_id>",
    tag="ambassadors",
    permission="cx_projects.view",
    load=get_project_or_404,
    response=CxProjectOut,
)
def get_cx_project(project: CxProject):
    """One CX project."""
    return _projects_json([project])[0]


@operation(
    "PATCH",
    "/cx-projects/<int:project_id>",
    tag="ambassadors",
    permission="cx_projects.manage",
    load=get_project_or_404,
    body=partial(CxProjectIn),
    response=CxProjectOut,
)
def update_cx_project(project: CxProject, body: ApiModel):
    """Change a CX project, e.g. its status (HR): only active projects take time."""
    return _saved(project, body.model_dump(exclude_unset=True))
