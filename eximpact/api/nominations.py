"""`/nominations`: nominate a peer, list what you may see, and review (approve, decline, award)."""

from flask import g, jsonify, request

from eximpact.api import bp
from eximpact.api.common import int_arg, iso_datetime, json_body, paginated
from eximpact.api.inputs import MISSING, Fields
from eximpact.extensions import db
from eximpact.recognition.loaders import get_nomination_or_404
from eximpact.recognition.models import APPROVED, STATUSES, SUBMITTED, Nomination
from eximpact.recognition.permissions import reviewable_clause, reviewable_ids
from eximpact.recognition.services import nominating, nomination_queries
from eximpact.validation import ValidationFailed


def money(value) -> str | None:
    """Money leaves the API as a string with two decimals: no float rounding on the way."""
    return None if value is None else f"{value:.2f}"


def nomination_json(n: Nomination, flags: list | None) -> dict:
    """`flags` is None for callers who may not review it: fair-play flags are for reviewers."""
    body = {
        "id": n.id,
        "cycle_id": n.cycle_id,
        "category_id": n.category_id,
        "category": {"id": n.category.id, "name": n.category.name},
        "nominator_id": n.nominator_id,
        "nominator": {"id": n.nominator.id, "name": n.nominator.name},
        "nominee_id": n.nominee_id,
        "nominee": {"id": n.nominee.id, "name": n.nominee.name, "team_id": n.nominee.team_id},
        "reason": n.reason,
        "status": n.status,
        "praise_ids": n.praise_ids,
        "reviewed_by_id": n.reviewed_by_id,
        "reviewed_at": iso_datetime(n.reviewed_at),
        "decline_reason": n.decline_reason,
        "awarded_by_id": n.awarded_by_id,
        "awarded_at": iso_datetime(n.awarded_at),
        "reward": n.reward,
        "reward_value": money(n.reward_value),
        "created_at": iso_datetime(n.created_at),
    }
    if flags is not None:
        body["flags"] = [{"code": f.code, "message": f.message} for f in flags]
    return body


def _page_json(items: list[Nomination]) -> list[dict]:
    """Serialise a page, with flags for the ones the caller reviews (two queries in all)."""
    mine = reviewable_ids(g.api_user, [n.id for n in items])
    flags = nomination_queries.nomination_flags([n for n in items if n.id in mine])
    return [nomination_json(n, flags.get(n.id)) for n in items]


def _one_json(n: Nomination) -> dict:
    return _page_json([n])[0]


@bp.post("/nominations")
def create_nomination():
    fields = Fields(json_body())
    nominee_id = fields.integer("nominee_id", required=True)
    category_id = fields.integer("category_id", required=True)
    reason = fields.string("reason")  # absent or short: the service's rule answers
    praise_ids = fields.id_list("praise_ids")
    cycle_id = fields.integer("cycle_id")
    fields.raise_if_any()
    nomination = nominating.nominate(
        g.api_user,
        nominee_id=nominee_id,
        category_id=category_id,
        reason="" if reason in (MISSING, None) else reason,
        praise_ids=[] if praise_ids is MISSING else praise_ids,
        cycle_id=None if cycle_id is MISSING else cycle_id,
    )
    db.session.commit()
    return jsonify(_one_json(nomination_queries.get_nomination(nomination.id))), 201


@bp.get("/nominations")
def list_nominations():
    """What the caller may see: public ones, their own, and those they review."""
    status = request.args.get("status") or None
    if status is not None and status not in STATUSES:
        raise ValidationFailed.single("status", f"Use one of: {', '.join(STATUSES)}.")
    to_review = request.args.get("reviewable", "").lower() in ("1", "true", "yes")
    query = nomination_queries.nominations_query(
        g.api_user,
        status=status,
        nominee_id=int_arg("nominee_id"),
        nominator_id=int_arg("nominator_id"),
        cycle_id=int_arg("cycle_id"),
        extra=reviewable_clause(g.api_user) if to_review else None,
    )
    if to_review:
        query = query.where(Nomination.status.in_((SUBMITTED, APPROVED)))
    return paginated(query, serialize_page=_page_json)


def _reviewable(nomination_id: int) -> Nomination:
    return get_nomination_or_404(nomination_id, g.api_user, to_review=True)


@bp.get("/nominations/<int:nomination_id>")
def show_nomination(nomination_id: int):
    nomination = get_nomination_or_404(nomination_id, g.api_user)
    return jsonify(_one_json(nomination))


@bp.post("/nominations/<int:nomination_id>/approve")
def approve_nomination(nomination_id: int):
    nomination = _reviewable(nomination_id)
    nominating.approve(g.api_user, nomination)
    db.session.commit()
    return jsonify(_one_json(nomination_queries.get_nomination(nomination_id)))


@bp.post("/nominations/<int:nomination_id>/decline")
def decline_nomination(nomination_id: int):
    nomination = _reviewable(nomination_id)
    fields = Fields(json_body())
    reason = fields.string("reason", required=True)
    fields.raise_if_any()
    nominating.decline(g.api_user, nomination, reason)
    db.session.commit()
    return jsonify(_one_json(nomination_queries.get_nomination(nomination_id)))


@bp.post("/nominations/<int:nomination_id>/award")
def award_nomination(nomination_id: int):
    nomination = _reviewable(nomination_id)
    fields = Fields(json_body() if request.get_data() else {})  # every field has a default
    reward = fields.string("reward")
    value = fields.decimal("reward_value")
    fields.raise_if_any()
    nominating.award(
        g.api_user,
        nomination,
        reward=None if reward is MISSING else reward,
        reward_value=None if value is MISSING else value,
    )
    db.session.commit()
    return jsonify(_one_json(nomination_queries.get_nomination(nomination_id)))


_ID = {"type": "integer"}
_PERSON_REF = {"type": "object", "properties": {"id": _ID, "name": {"type": "string"}}}
_MONEY = {"type": "string", "format": "decimal", "nullable": True, "example": "150.00"}
OPENAPI_SCHEMAS = {
    "Nomination": {
        "type": "object",
        "properties": {
            "id": _ID,
            "cycle_id": _ID,
            "category_id": _ID,
            "category": _PERSON_REF,
            "nominator_id": _ID,
            "nominator": _PERSON_REF,
            "nominee_id": _ID,
            "nominee": {
                "type": "object",
                "properties": {
                    "id": _ID,
                    "name": {"type": "string"},
                    "team_id": {"type": "integer", "nullable": True},
                },
            },
            "reason": {"type": "string"},
            "status": {"type": "string", "enum": list(STATUSES)},
            "praise_ids": {"type": "array", "items": _ID},
            "reviewed_by_id": {"type": "integer", "nullable": True},
            "reviewed_at": {"type": "string", "format": "date-time", "nullable": True},
            "decline_reason": {"type": "string", "nullable": True},
            "awarded_by_id": {"type": "integer", "nullable": True},
            "awarded_at": {"type": "string", "format": "date-time", "nullable": True},
            "reward": {"type": "string", "nullable": True},
            "reward_value": _MONEY,
            "created_at": {"type": "string", "format": "date-time"},
            "flags": {
                "type": "array",
                "description": "Fair-play flags (reciprocal, repeat_customer); present only "
                "for callers who may review the nomination",
                "items": {
                    "type": "object",
                    "properties": {
                        "code": {"type": "string", "enum": ["reciprocal", "repeat_customer"]},
                        "message": {"type": "string"},
                    },
                },
            },
        },
    }
}


def _nomination_response(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Nomination"}}},
    }


def _review_action(summary: str, body: dict | None) -> dict:
    operation = {
        "summary": summary,
        "tags": ["recognition"],
        "parameters": [_ID_PARAM],
        "responses": {
            "200": _nomination_response("The nomination after the change"),
            "401": {"$ref": "#/components/responses/Unauthorized"},
            "403": {"$ref": "#/components/responses/Forbidden"},
            "404": {"$ref": "#/components/responses/NotFound"},
            "409": {"$ref": "#/components/responses/Conflict"},
            "422": {"$ref": "#/components/responses/ValidationError"},
        },
    }
    if body is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": body}},
        }
        operation["responses"]["400"] = {"$ref": "#/components/responses/BadRequest"}
    return {"post": operation}


_ID_PARAM = {"name": "nomination_id", "in": "path", "required": True, "schema": _ID}
OPENAPI_PATHS = {
    "/nominations": {
        "get": {
            "summary": "Nominations you may see: approved and awarded ones, yours, and those "
            "you review",
            "tags": ["recognition"],
            "parameters": [
                {"$ref": "#/components/parameters/page"},
                {"$ref": "#/components/parameters/per_page"},
                {
                    "name": "status",
                    "in": "query",
                    "schema": {"type": "string", "enum": list(STATUSES)},
                },
                {"name": "nominee_id", "in": "query", "schema": _ID},
                {"name": "nominator_id", "in": "query", "schema": _ID},
                {"name": "cycle_id", "in": "query", "schema": _ID},
                {
                    "name": "reviewable",
                    "in": "query",
                    "schema": {"type": "boolean"},
                    "description": "Only the submitted or approved ones you may act on",
                },
            ],
            "responses": {
                "200": {"$ref": "#/components/responses/NominationList"},
                "401": {"$ref": "#/components/responses/Unauthorized"},
                "422": {"$ref": "#/components/responses/ValidationError"},
            },
        },
        "post": {
            "summary": "Nominate a colleague (never yourself)",
            "tags": ["recognition"],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["nominee_id", "category_id", "reason"],
                            "properties": {
                                "nominee_id": _ID,
                                "category_id": _ID,
                                "reason": {"type": "string", "minLength": 20, "maxLength": 2000},
                                "praise_ids": {
                                    "type": "array",
                                    "items": _ID,
                                    "description": "Praise of the nominee, as evidence",
                                },
                                "cycle_id": {
                                    "type": "integer",
                                    "description": "Default: the only cycle open for nominations",
                                },
                            },
                        }
                    }
                },
            },
            "responses": {
                "201": _nomination_response("Submitted"),
                "400": {"$ref": "#/components/responses/BadRequest"},
                "401": {"$ref": "#/components/responses/Unauthorized"},
                "422": {"$ref": "#/components/responses/ValidationError"},
            },
        },
    },
    "/nominations/{nomination_id}": {
        "get": {
            "summary": "One nomination you may see",
            "tags": ["recognition"],
            "parameters": [_ID_PARAM],
            "responses": {
                "200": _nomination_response("The nomination"),
                "401": {"$ref": "#/components/responses/Unauthorized"},
                "403": {"$ref": "#/components/responses/Forbidden"},
                "404": {"$ref": "#/components/responses/NotFound"},
            },
        }
    },
    "/nominations/{nomination_id}/approve": _review_action(
        "Approve a submitted nomination (the nominee's manager or HR)", None
    ),
    "/nominations/{nomination_id}/decline": _review_action(
        "Decline a submitted nomination, with a reason (the nominee's manager or HR)",
        {
            "type": "object",
            "required": ["reason"],
            "properties": {"reason": {"type": "string", "maxLength": 500}},
        },
    ),
    "/nominations/{nomination_id}/award": _review_action(
        "Award an approved nomination (the nominee's manager or HR); the reward counts on the "
        "cycle's budget (409 when it would exceed it)",
        {
            "type": "object",
            "properties": {
                "reward": {"type": "string", "description": "Default: the category's reward"},
                "reward_value": {
                    "type": "string",
                    "format": "decimal",
                    "description": "What it costs; default: the category's reward value",
                },
            },
        },
    ),
}
