"""`/initiatives`: plan, read, change, approve, and report the rollout per team."""

from datetime import date

from flask import abort, g, jsonify, request
from sqlalchemy.orm import selectinload

from eximpact.access import permission_required
from eximpact.api import bp
from eximpact.api.common import int_arg, iso_datetime, json_body, paginated
from eximpact.api.inputs import MISSING, Fields
from eximpact.api.oas import DATE, PAGE, errors, json_response, path_id, query, ref, request_body
from eximpact.campaigns import (
    approvals,
    cascade,
    permissions,  # noqa: F401  (registers the rules)
    queries,
    services,
)
from eximpact.campaigns.loaders import get_initiative_or_404, get_team_rollout_or_404
from eximpact.campaigns.models import (
    APPROVAL_STATES,
    FREQUENCIES,
    PILLARS,
    ROLLOUT_STATUSES,
    STATUSES,
    Initiative,
)
from eximpact.campaigns.presets import TEMPLATES
from eximpact.extensions import db
from eximpact.validation import Problems, ValidationFailed


def _number(value):
    return None if value is None else float(value)


def initiative_json(item: Initiative) -> dict:
    return {
        "id": item.id,
        "campaign_id": item.campaign_id,
        "pillar": item.pillar,
        "title": item.title,
        "description": item.description,
        "owner_id": item.owner_id,
        "start_date": item.start_date.isoformat(),
        "end_date": item.end_date.isoformat(),
        "status": item.status,
        "progress": item.progress,
        "budget": _number(item.budget),
        "actual_cost": _number(item.actual_cost),
        "two_way": item.two_way,
        "quick_win": item.quick_win,
        "audience_team_ids": item.audience_team_ids,
        "sender": item.sender,
        "audience": item.audience,
        "trigger": item.trigger,
        "channel": item.channel,
        "tools": item.tools,
        "frequency": item.frequency,
        "approval_state": item.approval_state,
        "approver_id": item.approver_id,
        "approval_comment": item.approval_comment,
        "reach": item.reach,
        "attendance": item.attendance,
        "feedback_score": _number(item.feedback_score),
        "rollout": [
            {"team_id": r.team_id, "status": r.status, "note": r.note} for r in item.rollouts
        ],
        "created_at": iso_datetime(item.created_at),
        "updated_at": iso_datetime(item.updated_at),
    }


def _read_initiative(body: dict, partial: bool) -> dict:
    fields = Fields(body, partial=partial)
    fields.integer("campaign_id", required=True, nullable=False)
    fields.choice("pillar", PILLARS, required=True)
    fields.string("title", required=True, max_length=200)
    fields.string("description", max_length=5000)
    fields.integer("owner_id", nullable=False)
    fields.date("start_date", required=True)
    fields.date("end_date", required=True)
    fields.choice("status", STATUSES)
    fields.integer("progress", nullable=False)
    fields.decimal("budget")
    fields.decimal("actual_cost")
    fields.boolean("two_way")
    fields.boolean("quick_win")
    fields.id_list("audience_team_ids")
    for name, limit in (
        ("sender", 200),
        ("audience", 300),
        ("trigger", 300),
        ("channel", 200),
        ("tools", 300),
    ):
        fields.string(name, max_length=limit)
    fields.choice("frequency", FREQUENCIES)
    fields.integer("reach")
    fields.integer("attendance")
    fields.decimal("feedback_score", places=1)
    fields.integer("approver_id", nullable=False)
    approval = fields.choice("approval_state", APPROVAL_STATES)
    fields.raise_if_any()
    values = fields.values
    if approval is not MISSING:
        values.pop("approval_state")
        if approval == "pending" and "approver_id" not in values:
            raise ValidationFailed.single("approver_id", "Name the approver to ask.")
        if approval in ("approved", "rejected"):
            raise ValidationFailed.single(
                "approval_state",
                "Only the approver decides: POST /initiatives/{id}/approve or /reject.",
            )
    return values


def _filters() -> dict:
    problems = Problems()
    pillar, status = request.args.get("pillar"), request.args.get("status")
    if pillar and pillar not in PILLARS:
        problems.add("pillar", f"Use one of: {', '.join(PILLARS)}.")
    if status and status not in STATUSES:
        problems.add("status", f"Use one of: {', '.join(STATUSES)}.")
    active_on = request.args.get("active_on")
    try:
        active_on = date.fromisoformat(active_on) if active_on else None
    except ValueError:
        problems.add("active_on", "Must be a date written YYYY-MM-DD.")
    problems.raise_if_any()
    return {
        "campaign_id": int_arg("campaign_id"),
        "pillar": pillar or None,
        "status": status or None,
        "owner_id": int_arg("owner_id"),
        "team_id": int_arg("team_id"),
        "active_on": active_on,
    }


@bp.get("/initiatives")
def list_initiatives():
    """Every employee reads planned and later initiatives; drafts only planners and owners."""
    query = queries.initiatives_query(g.api_user, **_filters()).options(
        selectinload(Initiative.rollouts)
    )
    return paginated(query, initiative_json)


@bp.post("/initiatives")
@permission_required("campaigns.plan")
def create_initiative():
    body = json_body()
    template_key = body.pop("template", None)
    if template_key is not None:
        if template_key not in TEMPLATES:
            raise ValidationFailed.single("template", f"Use one of: {', '.join(TEMPLATES)}.")
        body = {**TEMPLATES[template_key].values(), **body}
    values = _read_initiative(body, partial=False)
    values.setdefault("owner_id", g.api_user.id)
    item = services.create_initiative(g.api_user, values)
    db.session.commit()
    return jsonify(initiative_json(item)), 201


@bp.get("/initiatives/<int:initiative_id>")
def get_initiative(initiative_id: int):
    return jsonify(initiative_json(get_initiative_or_404(initiative_id, g.api_user)))


@bp.patch("/initiatives/<int:initiative_id>")
def update_initiative(initiative_id: int):
    """Planners change anything; the owner status, progress and outcomes (else 403)."""
    item = get_initiative_or_404(initiative_id, g.api_user)
    values = _read_initiative(json_body(), partial=True)
    services.update_initiative(g.api_user, item, values)
    db.session.commit()
    return jsonify(initiative_json(item))


def _decide(initiative_id: int, approve: bool):
    item = get_initiative_or_404(initiative_id, g.api_user)
    body = request.get_json(silent=True) if request.data else {}
    if not isinstance(body, dict):
        abort(400, "The JSON body must be an object.")
    fields = Fields(body)
    comment = fields.string("comment", max_length=500)
    fields.raise_if_any()
    approvals.decide_approval(g.api_user, item, approve, "" if comment is MISSING else comment)
    db.session.commit()
    return jsonify(initiative_json(item))


@bp.post("/initiatives/<int:initiative_id>/approve")
def approve_initiative(initiative_id: int):
    return _decide(initiative_id, approve=True)


@bp.post("/initiatives/<int:initiative_id>/reject")
def reject_initiative(initiative_id: int):
    return _decide(initiative_id, approve=False)


@bp.patch("/initiatives/<int:initiative_id>/rollout/<int:team_id>")
def update_rollout(initiative_id: int, team_id: int):
    """The team's manager reports the rollout in their team."""
    rollout = get_team_rollout_or_404(initiative_id, team_id, g.api_user)
    fields = Fields(json_body(), partial=True)
    status = fields.choice("status", ROLLOUT_STATUSES)
    note = fields.string("note", max_length=1000)
    fields.raise_if_any()
    cascade.update_rollout(
        g.api_user,
        rollout,
        rollout.status if status is MISSING else status,
        rollout.note if note is MISSING else (note or ""),
    )
    db.session.commit()
    return jsonify({"team_id": rollout.team_id, "status": rollout.status, "note": rollout.note})


@bp.get("/initiative-templates")
def list_templates():
    """Ready-made initiatives; POST /initiatives with `"template": key` starts from one."""
    return jsonify(
        items=[{"key": key, "name": t.name, **t.values()} for key, t in TEMPLATES.items()]
    )


_TEXT = {"type": "string"}
_NUMBER = {"type": "number", "nullable": True}
OPENAPI_SCHEMAS = {
    "Initiative": {
        "type": "object",
        "properties": {
            "id": {"type": "integer", "readOnly": True},
            "campaign_id": {"type": "integer"},
            "pillar": {"type": "string", "enum": list(PILLARS)},
            "title": {"type": "string", "maxLength": 200},
            "description": _TEXT,
            "owner_id": {"type": "integer"},
            "start_date": DATE,
            "end_date": DATE,
            "status": {"type": "string", "enum": list(STATUSES)},
            "progress": {"type": "integer", "minimum": 0, "maximum": 100},
            "budget": _NUMBER,
            "actual_cost": _NUMBER,
            "two_way": {"type": "boolean"},
            "quick_win": {"type": "boolean"},
            "audience_team_ids": {"type": "array", "items": {"type": "integer"}},
            "sender": _TEXT,
            "audience": _TEXT,
            "trigger": _TEXT,
            "channel": _TEXT,
            "tools": _TEXT,
            "frequency": {"type": "string", "enum": list(FREQUENCIES)},
            "approval_state": {"type": "string", "enum": list(APPROVAL_STATES)},
            "approver_id": {"type": "integer", "nullable": True},
            "approval_comment": {"type": "string", "readOnly": True},
            "reach": {"type": "integer", "nullable": True},
            "attendance": {"type": "integer", "nullable": True},
            "feedback_score": _NUMBER,
            "template": {"type": "string", "writeOnly": True, "enum": list(TEMPLATES)},
            "rollout": {
                "type": "array",
                "readOnly": True,
                "items": {
                    "type": "object",
                    "properties": {
                        "team_id": {"type": "integer"},
                        "status": {"type": "string", "enum": list(ROLLOUT_STATUSES)},
                        "note": _TEXT,
                    },
                },
            },
            "created_at": {"type": "string", "format": "date-time", "readOnly": True},
            "updated_at": {"type": "string", "format": "date-time", "readOnly": True},
        },
    },
}
_ONE = {"200": json_response("The initiative", ref("Initiative"))}
_COMMENT = request_body({"type": "object", "properties": {"comment": {"type": "string"}}}, False)
_WRITE_ERRORS = errors("BadRequest", "Forbidden", "NotFound", "Conflict", "ValidationError")

OPENAPI_PATHS = {
    "/initiatives": {
        "get": {
            "summary": "Initiatives (drafts only for planners, their owner and approver)",
            "tags": ["initiatives"],
            "parameters": [
                *PAGE,
                query("campaign_id", {"type": "integer"}),
                query("pillar", {"type": "string", "enum": list(PILLARS)}),
                query("status", {"type": "string", "enum": list(STATUSES)}),
                query("owner_id", {"type": "integer"}),
                query("team_id", {"type": "integer"}, "Rolled out to this team"),
                query("active_on", DATE, "Running on this day"),
            ],
            "responses": {
                "200": {"$ref": "#/components/responses/InitiativeList"},
                **errors("ValidationError"),
            },
        },
        "post": {
            "summary": "Plan an initiative (HR and admin); `template` fills missing fields",
            "tags": ["initiatives"],
            "requestBody": request_body(ref("Initiative")),
            "responses": {
                "201": json_response("The initiative", ref("Initiative")),
                **errors("BadRequest", "Forbidden", "ValidationError"),
            },
        },
    },
    "/initiatives/{initiative_id}": {
        "parameters": [path_id("initiative_id")],
        "get": {
            "summary": "One initiative",
            "tags": ["initiatives"],
            "responses": {**_ONE, **errors("Forbidden", "NotFound")},
        },
        "patch": {
            "summary": "Change an initiative (planners; the owner: status, progress, outcomes)",
            "tags": ["initiatives"],
            "requestBody": request_body(ref("Initiative")),
            "responses": {**_ONE, **_WRITE_ERRORS},
        },
    },
    "/initiatives/{initiative_id}/approve": {
        "parameters": [path_id("initiative_id")],
        "post": {
            "summary": "The named approver approves (never the one who asked)",
            "tags": ["initiatives"],
            "requestBody": _COMMENT,
            "responses": {**_ONE, **_WRITE_ERRORS},
        },
    },
    "/initiatives/{initiative_id}/reject": {
        "parameters": [path_id("initiative_id")],
        "post": {
            "summary": "The named approver rejects, with a comment",
            "tags": ["initiatives"],
            "requestBody": _COMMENT,
            "responses": {**_ONE, **_WRITE_ERRORS},
        },
    },
    "/initiatives/{initiative_id}/rollout/{team_id}": {
        "parameters": [path_id("initiative_id"), path_id("team_id")],
        "patch": {
            "summary": "The team's manager reports the rollout in their team",
            "tags": ["initiatives"],
            "requestBody": request_body(
                {
                    "type": "object",
                    "properties": {
                        "status": {"type": "string", "enum": list(ROLLOUT_STATUSES)},
                        "note": {"type": "string", "maxLength": 1000},
                    },
                }
            ),
            "responses": {"200": {"description": "The rollout row"}, **_WRITE_ERRORS},
        },
    },
    "/initiative-templates": {
        "get": {
            "summary": "Ready-made initiatives",
            "tags": ["initiatives"],
            "responses": {"200": {"description": "The templates"}, **errors()},
        },
    },
}
