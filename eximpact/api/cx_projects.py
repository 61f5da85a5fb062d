"""`/cx-projects`: what ambassadors give their time to, with hours used against the budget."""

from flask import g, jsonify, request

from eximpact.access import permission_required
from eximpact.ambassadors import permissions  # noqa: F401  (registers the rules)
from eximpact.ambassadors.loaders import get_project_or_404
from eximpact.ambassadors.models import PROJECT_STATUSES, CxProject
from eximpact.ambassadors.services.projects import hours_used, projects_query, save_project
from eximpact.api import bp
from eximpact.api.common import int_arg, iso_datetime, json_body, paginated
from eximpact.api.inputs import MISSING, Fields
from eximpact.api.oas import (
    DATETIME,
    HOURS,
    PAGE,
    errors,
    json_response,
    path_id,
    query,
    ref,
    request_body,
)
from eximpact.extensions import db
from eximpact.validation import ValidationFailed


def project_json(project: CxProject, used) -> dict:
    budget = project.hours_budget
    return {
        "id": project.id,
        "name": project.name,
        "initiative_id": project.initiative_id,
        "pillar": project.initiative.pillar,
        "owner_id": project.owner_id,
        "goal": project.goal,
        "status": project.status,
        "hours_budget": float(budget) if budget is not None else None,
        "hours_used": float(used or 0),
        "created_at": iso_datetime(project.created_at),
        "updated_at": iso_datetime(project.updated_at),
    }


def _one(project: CxProject) -> dict:
    return project_json(project, hours_used([project.id]).get(project.id))


@bp.get("/cx-projects")
@permission_required("cx_projects.view")
def list_cx_projects():
    status = request.args.get("status") or None
    if status is not None and status not in PROJECT_STATUSES:
        raise ValidationFailed.single("status", f"Use one of: {', '.join(PROJECT_STATUSES)}.")
    return paginated(
        projects_query(status, int_arg("initiative_id")), serialize_page=_projects_json
    )


def _projects_json(projects: list[CxProject]) -> list[dict]:
    used = hours_used([project.id for project in projects])
    return [project_json(project, used.get(project.id)) for project in projects]


def _read(fields: Fields, project: CxProject | None) -> dict:
    required = project is None
    values = {
        "name": fields.string("name", required=required, max_length=160),
        "initiative_id": fields.integer("initiative_id", required=required, nullable=False),
        "owner_id": fields.integer("owner_id", nullable=False),  # default: the caller
        "goal": fields.string("goal", max_length=5000),
        "status": fields.choice("status", PROJECT_STATUSES),
        "hours_budget": fields.decimal("hours_budget", places=10),
    }
    fields.raise_if_any()
    current = {
        "name": project.name if project else "",
        "initiative_id": project.initiative_id if project else None,
        "owner_id": project.owner_id if project else g.api_user.id,
        "goal": project.goal if project else "",
        "status": project.status if project else "proposed",
        "hours_budget": project.hours_budget if project else None,
    }
    return {key: current[key] if value is MISSING else value for key, value in values.items()}


@bp.post("/cx-projects")
@permission_required("cx_projects.manage")
def create_cx_project():
    project = save_project(g.api_user, None, **_read(Fields(json_body()), None))
    response = jsonify(_one(project))
    db.session.commit()
    return response, 201


@bp.get("/cx-projects/<int:project_id>")
@permission_required("cx_projects.view")
def get_cx_project(project_id: int):
    return jsonify(_one(get_project_or_404(project_id, g.api_user)))


@bp.patch("/cx-projects/<int:project_id>")
@permission_required("cx_projects.manage")
def update_cx_project(project_id: int):
    """Change a project, e.g. its status: only active projects take time."""
    project = get_project_or_404(project_id, g.api_user)
    values = _read(Fields(json_body(), partial=True), project)
    save_project(g.api_user, project, **{**values, "goal": values["goal"] or ""})
    response = jsonify(_one(project))
    db.session.commit()
    return response


_PROJECT_FIELDS = {
    "name": {"type": "string", "maxLength": 160},
    "initiative_id": {"type": "integer"},
    "owner_id": {"type": "integer", "description": "Defaults to you"},
    "goal": {"type": "string"},
    "status": {"type": "string", "enum": list(PROJECT_STATUSES)},
    "hours_budget": {"type": "number", "minimum": 0, "nullable": True},
}
OPENAPI_SCHEMAS = {
    "CxProject": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            **_PROJECT_FIELDS,
            "pillar": {"type": "string"},
            "hours_used": {**HOURS, "description": "Hours logged, rejected ones left out"},
            "created_at": DATETIME,
            "updated_at": DATETIME,
        },
    },
    "CxProjectInput": {
        "type": "object",
        "required": ["name", "initiative_id"],
        "properties": _PROJECT_FIELDS,
    },
    "CxProjectPatch": {"type": "object", "properties": _PROJECT_FIELDS},
}
_ONE = {"200": json_response("The project", ref("CxProject"))}
OPENAPI_PATHS = {
    "/cx-projects": {
        "get": {
            "summary": "CX projects, active ones first",
            "tags": ["ambassadors"],
            "parameters": [
                *PAGE,
                query("status", {"type": "string", "enum": list(PROJECT_STATUSES)}),
                query("initiative_id", {"type": "integer"}),
            ],
            "responses": {
                "200": {"$ref": "#/components/responses/CxProjectList"},
                **errors("Forbidden", "ValidationError"),
            },
        },
        "post": {
            "summary": "Create a CX project (HR)",
            "tags": ["ambassadors"],
            "requestBody": request_body(ref("CxProjectInput")),
            "responses": {
                "201": json_response("The project", ref("CxProject")),
                **errors("BadRequest", "Forbidden", "ValidationError"),
            },
        },
    },
    "/cx-projects/{project_id}": {
        "parameters": [path_id("project_id")],
        "get": {
            "summary": "One CX project",
            "tags": ["ambassadors"],
            "responses": {**_ONE, **errors("Forbidden", "NotFound")},
        },
        "patch": {
            "summary": "Change a CX project, e.g. its status (HR)",
            "tags": ["ambassadors"],
            "requestBody": request_body(ref("CxProjectPatch")),
            "responses": {
                **_ONE,
                **errors("BadRequest", "Forbidden", "NotFound", "ValidationError"),
            },
        },
    },
}
