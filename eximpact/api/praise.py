"""`/praise`: customer praise, logged by any employee or an integration with a token."""

from datetime import UTC, date, datetime

from flask import g, jsonify, request

from eximpact import clock
from eximpact.access import can
from eximpact.api import bp
from eximpact.api.common import int_arg, iso_datetime, json_body, paginated
from eximpact.api.inputs import MISSING, Fields
from eximpact.extensions import db
from eximpact.org.services import subtree_team_ids
from eximpact.praise import permissions  # noqa: F401  (registers the praise rules)
from eximpact.praise.loaders import get_praise_or_404
from eximpact.praise.models import EMOTION_LEVEL, ENGAGEMENT_LEVELS, SOURCES, Praise
from eximpact.praise.services import PraiseInput, get_praise, praise_query, record_praise
from eximpact.validation import ValidationFailed


def _received_at(fields: Fields) -> date | None:
    """A date (API.md's YYYY-MM-DD); a survey tool's ISO date-time is taken as its UTC date."""
    raw = fields.string("received_at")
    if raw in (MISSING, None, ""):
        return None
    try:
        if "T" in raw:
            moment = datetime.fromisoformat(raw)
            if moment.tzinfo is not None:
                moment = moment.astimezone(UTC)
            return moment.date()
        return date.fromisoformat(raw)
    except ValueError:
        fields.problem("received_at", "Must be a date written YYYY-MM-DD.")
        return None


def _string_list(fields: Fields, name: str) -> list[str]:
    raw = fields.body.get(name)
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        fields.problem(name, "Must be a list of strings.")
        return []
    return raw


def praise_input(body: dict) -> PraiseInput:
    """Read API.md's praise fields, collecting every type problem; the rules come later."""
    fields = Fields(body)
    source = fields.string("source", required=True)
    text = fields.string("text", required=True, allow_empty=False)
    received_at = _received_at(fields)
    nps = fields.integer("nps")
    level = fields.integer("engagement_level")
    emotion = fields.string("emotion")
    customer_ref = fields.string("customer_ref")
    external_id = fields.string("external_id")
    employee_ids = fields.id_list("employee_ids")
    employee_emails = _string_list(fields, "employee_emails")
    fields.raise_if_any()

    def value(v):
        return None if v is MISSING else v

    return PraiseInput(
        source=value(source) or "",
        text=value(text) or "",
        received_at=received_at or clock.today(),
        employee_ids=value(employee_ids) or [],
        employee_emails=employee_emails,
        nps=value(nps),
        engagement_level=value(level),
        emotion=value(emotion),
        customer_ref=value(customer_ref),
        external_id=value(external_id),
    )


def praise_json(praise: Praise, show_customer: bool) -> dict:
    return {
        "id": praise.id,
        "source": praise.source,
        "received_at": praise.received_at.isoformat(),
        "text": praise.text,
        "nps": praise.nps,
        "engagement_level": praise.engagement_level,
        "emotion": praise.emotion,
        "customer_ref": praise.customer_ref if show_customer else None,
        "employee_ids": praise.employee_ids,
        "employees": [{"id": p.id, "name": p.name} for p in praise.employees],
        "external_id": praise.external_id,
        "intake": praise.intake,
        "logged_by_id": praise.logged_by_id,
        "created_at": iso_datetime(praise.created_at),
        "outreach": [
            {
                "id": item.id,
                "employee_id": item.employee_id,
                "leader_id": item.leader_id,
                "due_on": item.due_on.isoformat(),
                "status": item.state_on(clock.today()),
                "kind": item.kind,
                "note": item.note or None,
                "completed_at": iso_datetime(item.completed_at),
            }
            for item in praise.outreach
        ],
    }


def _json_for_caller(praise: Praise) -> dict:
    return praise_json(praise, can(g.api_user, "praise.see_customer_ref", praise))


@bp.get("/praise")
def list_praise():
    """Praise newest first: everyone may read it (praise is meant to be seen)."""
    source = request.args.get("source") or None
    if source is not None and source not in SOURCES:
        raise ValidationFailed.single("source", f"Use one of: {', '.join(SOURCES)}.")
    fields = Fields({k: request.args[k] for k in ("from", "to") if k in request.args})
    start, end = fields.date("from"), fields.date("to")
    fields.raise_if_any()
    team_id = int_arg("team_id")
    query = praise_query(
        person_id=int_arg("person_id"),
        team_ids=subtree_team_ids(team_id) if team_id else None,
        source=source,
        start=None if start is MISSING else start,
        end=None if end is MISSING else end,
    )
    return paginated(query, _json_for_caller)


@bp.post("/praise")
def create_praise():
    """Log praise; a known external_id answers 200 with the praise already stored."""
    praise, created = record_praise(g.api_user, praise_input(json_body()), intake="api")
    db.session.commit()
    return jsonify(_json_for_caller(get_praise(praise.id))), 201 if created else 200


@bp.get("/praise/<int:praise_id>")
def show_praise(praise_id: int):
    praise = get_praise_or_404(praise_id, g.api_user)
    return jsonify(_json_for_caller(praise))


_LEVELS = {
    str(level): f"{label}: {', '.join(words)}"
    for level, (label, words) in ENGAGEMENT_LEVELS.items()
}
OPENAPI_SCHEMAS = {
    "PraiseInput": {
        "type": "object",
        "required": ["source", "text"],
        "description": "Name the praised people by `employee_ids`, `employee_emails`, or both.",
        "properties": {
            "source": {"type": "string", "enum": list(SOURCES)},
            "received_at": {
                "type": "string",
                "format": "date",
                "description": "Default today (UTC). An ISO date-time is taken as its UTC date.",
            },
            "text": {"type": "string", "maxLength": 5000, "description": "Verbatim"},
            "nps": {"type": "integer", "minimum": 0, "maximum": 10, "nullable": True},
            "engagement_level": {
                "type": "integer",
                "minimum": 1,
                "maximum": 5,
                "nullable": True,
                "description": "; ".join(f"{k} {v}" for k, v in sorted(_LEVELS.items())),
            },
            "emotion": {
                "type": "string",
                "enum": list(EMOTION_LEVEL),
                "nullable": True,
                "description": "One of the level's words; alone, it sets the level.",
            },
            "customer_ref": {"type": "string", "maxLength": 120, "nullable": True},
            "employee_ids": {"type": "array", "items": {"type": "integer"}},
            "employee_emails": {"type": "array", "items": {"type": "string", "format": "email"}},
            "external_id": {
                "type": "string",
                "maxLength": 200,
                "nullable": True,
                "description": "The sender's id: a second delivery returns the stored praise.",
            },
        },
    },
    "Praise": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "source": {"type": "string", "enum": list(SOURCES)},
            "received_at": {"type": "string", "format": "date"},
            "text": {"type": "string"},
            "nps": {"type": "integer", "nullable": True},
            "engagement_level": {"type": "integer", "nullable": True},
            "emotion": {"type": "string", "nullable": True},
            "customer_ref": {
                "type": "string",
                "nullable": True,
                "description": "Shown to HR, the person who logged it and its leaders only",
            },
            "employee_ids": {"type": "array", "items": {"type": "integer"}},
            "employees": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
                },
            },
            "external_id": {"type": "string", "nullable": True},
            "intake": {"type": "string", "enum": ["form", "csv", "api", "webhook"]},
            "logged_by_id": {"type": "integer", "nullable": True},
            "created_at": {"type": "string", "format": "date-time"},
            "outreach": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "employee_id": {"type": "integer"},
                        "leader_id": {"type": "integer"},
                        "due_on": {"type": "string", "format": "date"},
                        "status": {"type": "string", "enum": ["open", "overdue", "done"]},
                        "kind": {"type": "string", "nullable": True},
                        "note": {"type": "string", "nullable": True},
                        "completed_at": {
                            "type": "string",
                            "format": "date-time",
                            "nullable": True,
                        },
                    },
                },
            },
        },
    },
}


def _praise_response(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Praise"}}},
    }


OPENAPI_PATHS = {
    "/praise": {
        "get": {
            "summary": "Customer praise, newest first",
            "tags": ["praise"],
            "parameters": [
                {"$ref": "#/components/parameters/page"},
                {"$ref": "#/components/parameters/per_page"},
                {"name": "person_id", "in": "query", "schema": {"type": "integer"}},
                {
                    "name": "team_id",
                    "in": "query",
                    "schema": {"type": "integer"},
                    "description": "The team and every team under it",
                },
                {
                    "name": "source",
                    "in": "query",
                    "schema": {"type": "string", "enum": list(SOURCES)},
                },
                {"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}},
                {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"}},
            ],
            "responses": {
                "200": {"$ref": "#/components/responses/PraiseList"},
                "401": {"$ref": "#/components/responses/Unauthorized"},
                "422": {"$ref": "#/components/responses/ValidationError"},
            },
        },
        "post": {
            "summary": "Log customer praise (opens an outreach for each praised person's leader)",
            "tags": ["praise"],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/PraiseInput"}}
                },
            },
            "responses": {
                "201": _praise_response("Stored"),
                "200": _praise_response("Already stored under this external_id: nothing new"),
                "400": {"$ref": "#/components/responses/BadRequest"},
                "401": {"$ref": "#/components/responses/Unauthorized"},
                "422": {"$ref": "#/components/responses/ValidationError"},
            },
        },
    },
    "/praise/{praise_id}": {
        "get": {
            "summary": "One piece of praise, with its outreach",
            "tags": ["praise"],
            "parameters": [
                {"name": "praise_id", "in": "path", "required": True, "schema": {"type": "integer"}}
            ],
            "responses": {
                "200": _praise_response("The praise"),
                "401": {"$ref": "#/components/responses/Unauthorized"},
                "404": {"$ref": "#/components/responses/NotFound"},
            },
        }
    },
}
