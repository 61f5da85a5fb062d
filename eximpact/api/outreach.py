"""`/outreach`: leaders' follow-ups on customer praise, and completing them."""

from flask import abort, g, jsonify, request

from eximpact import clock
from eximpact.api import bp
from eximpact.api.common import int_arg, iso_datetime, json_body, paginated
from eximpact.api.inputs import MISSING, Fields
from eximpact.extensions import db
from eximpact.org.models import HR
from eximpact.praise import permissions  # noqa: F401  (registers the outreach rules)
from eximpact.praise.loaders import get_outreach_or_404
from eximpact.praise.models import OUTREACH_KINDS, Outreach
from eximpact.praise.outreach import STATES, complete_outreach, outreach_query
from eximpact.validation import ValidationFailed


def outreach_json(item: Outreach) -> dict:
    praise = item.praise
    return {
        "id": item.id,
        "praise_id": item.praise_id,
        "employee_id": item.employee_id,
        "employee_name": item.employee.name,
        "leader_id": item.leader_id,
        "due_on": item.due_on.isoformat(),
        "status": item.state_on(clock.today()),
        "kind": item.kind,
        "note": item.note or None,
        "completed_at": iso_datetime(item.completed_at),
        "completed_by_id": item.completed_by_id,
        "on_time": item.on_time,
        "praise": {
            "id": praise.id,
            "source": praise.source,
            "received_at": praise.received_at.isoformat(),
            "text": praise.text,
        },
    }


@bp.get("/outreach")
def list_outreach():
    """Your follow-ups; HR sees everyone's and may narrow them to one leader."""
    status = request.args.get("status") or None
    if status is not None and status not in STATES:
        raise ValidationFailed.single("status", f"Use one of: {', '.join(STATES)}.")
    leader_id = int_arg("leader_id")
    if not g.api_user.has_role(HR):
        if leader_id not in (None, g.api_user.id):
            abort(403, "You can only list your own outreach.")
        leader_id = g.api_user.id
    return paginated(
        outreach_query(on=clock.today(), leader_id=leader_id, state=status), outreach_json
    )


@bp.post("/outreach/<int:outreach_id>/complete")
def complete(outreach_id: int):
    """Record the note, call or visit: the assigned leader, or HR."""
    item = get_outreach_or_404(outreach_id, g.api_user)
    fields = Fields(json_body())
    kind = fields.choice("kind", OUTREACH_KINDS, required=True)
    note = fields.string("note")
    fields.raise_if_any()
    complete_outreach(g.api_user, item, kind, "" if note in (MISSING, None) else note)
    db.session.commit()
    item = db.session.scalars(outreach_query(on=clock.today()).where(Outreach.id == item.id)).one()
    return jsonify(outreach_json(item))


OPENAPI_SCHEMAS = {
    "Outreach": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "praise_id": {"type": "integer"},
            "employee_id": {"type": "integer", "description": "The praised person"},
            "employee_name": {"type": "string"},
            "leader_id": {"type": "integer", "description": "Who follows up"},
            "due_on": {"type": "string", "format": "date"},
            "status": {
                "type": "string",
                "enum": list(STATES),
                "description": "open (due today or later), overdue (past due) or done",
            },
            "kind": {"type": "string", "enum": list(OUTREACH_KINDS), "nullable": True},
            "note": {"type": "string", "nullable": True},
            "completed_at": {"type": "string", "format": "date-time", "nullable": True},
            "completed_by_id": {"type": "integer", "nullable": True},
            "on_time": {
                "type": "boolean",
                "nullable": True,
                "description": "Done by the due date (null while open)",
            },
            "praise": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "source": {"type": "string"},
                    "received_at": {"type": "string", "format": "date"},
                    "text": {"type": "string"},
                },
            },
        },
    }
}
OPENAPI_PATHS = {
    "/outreach": {
        "get": {
            "summary": "Follow-ups on customer praise: yours; HR sees everyone's",
            "tags": ["praise"],
            "parameters": [
                {"$ref": "#/components/parameters/page"},
                {"$ref": "#/components/parameters/per_page"},
                {
                    "name": "status",
                    "in": "query",
                    "schema": {"type": "string", "enum": list(STATES)},
                },
                {
                    "name": "leader_id",
                    "in": "query",
                    "schema": {"type": "integer"},
                    "description": "HR only: one leader's follow-ups",
                },
            ],
            "responses": {
                "200": {"$ref": "#/components/responses/OutreachList"},
                "401": {"$ref": "#/components/responses/Unauthorized"},
                "403": {"$ref": "#/components/responses/Forbidden"},
                "422": {"$ref": "#/components/responses/ValidationError"},
            },
        }
    },
    "/outreach/{outreach_id}/complete": {
        "post": {
            "summary": "Record how the leader followed up (the assigned leader or HR)",
            "tags": ["praise"],
            "parameters": [
                {
                    "name": "outreach_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer"},
                }
            ],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["kind"],
                            "properties": {
                                "kind": {"type": "string", "enum": list(OUTREACH_KINDS)},
                                "note": {"type": "string", "maxLength": 2000},
                            },
                        }
                    }
                },
            },
            "responses": {
                "200": {
                    "description": "Done",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Outreach"}}
                    },
                },
                "400": {"$ref": "#/components/responses/BadRequest"},
                "401": {"$ref": "#/components/responses/Unauthorized"},
                "403": {"$ref": "#/components/responses/Forbidden"},
                "404": {"$ref": "#/components/responses/NotFound"},
                "409": {"$ref": "#/components/responses/Conflict"},
                "422": {"$ref": "#/components/responses/ValidationError"},
            },
        }
    },
}
