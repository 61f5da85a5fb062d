"""`/categories`, `/award-cycles`, `/recognition/wall` and `/recognition/leaderboard`."""

from flask import g, jsonify, request
from sqlalchemy import select

from eximpact import clock
from eximpact.access import require
from eximpact.api import bp
from eximpact.api.common import int_arg, iso_datetime, json_body, paginated
from eximpact.api.inputs import MISSING, Fields
from eximpact.api.nominations import money
from eximpact.extensions import db
from eximpact.org.services import subtree_team_ids
from eximpact.recognition import permissions  # noqa: F401  (registers the recognition rules)
from eximpact.recognition.loaders import get_cycle_or_404
from eximpact.recognition.models import (
    AWARDED,
    CADENCES,
    REWARD_KINDS,
    AwardCycle,
    Category,
    Nomination,
)
from eximpact.recognition.periods import PERIODS
from eximpact.recognition.services import cycles as cycle_services
from eximpact.recognition.services.wall import POINTS, leaderboard, wall_query
from eximpact.validation import ValidationFailed


def category_json(category: Category) -> dict:
    return {
        "id": category.id,
        "name": category.name,
        "description": category.description,
        "reward_kind": category.reward_kind,
        "reward": category.reward,
        "reward_value": money(category.reward_value),
        "active": category.active,
    }


def cycle_json(cycle: AwardCycle, used) -> dict:
    return {
        "id": cycle.id,
        "name": cycle.name,
        "cadence": cycle.cadence,
        "period_start": cycle.period_start.isoformat(),
        "period_end": cycle.period_end.isoformat(),
        "opens_on": cycle.opens_on.isoformat(),
        "closes_on": cycle.closes_on.isoformat(),
        "open": cycle.is_open_on(clock.today()),
        "budget": money(cycle.budget),
        "budget_used": money(used),
        "budget_left": money(cycle.budget - used) if cycle.budget is not None else None,
    }


def wall_json(n: Nomination) -> dict:
    return {
        "id": n.id,
        "status": n.status,
        "nominee": {
            "id": n.nominee.id,
            "name": n.nominee.name,
            "team": n.nominee.team.name if n.nominee.team else None,
        },
        "nominator": {"id": n.nominator.id, "name": n.nominator.name},
        "category": {"id": n.category.id, "name": n.category.name},
        "reason": n.reason,
        "reward": n.reward if n.status == AWARDED else None,
        "recognised_at": iso_datetime(n.recognised_at),
        "praise": [
            {
                "id": praise.id,
                "source": praise.source,
                "received_at": praise.received_at.isoformat(),
                "text": praise.text,
            }
            for praise in n.praise
        ],
    }


@bp.get("/categories")
def list_categories():
    """What is rewarded and how: open to everyone (a transparent programme)."""
    status = request.args.get("status", "active")
    query = select(Category).order_by(Category.name)
    if status == "active":
        query = query.where(Category.active)
    elif status != "all":
        raise ValidationFailed.single("status", "Use one of: active, all.")
    return paginated(query, category_json)


def _cycles_json(cycles: list[AwardCycle]) -> list[dict]:
    used = cycle_services.budget_used([cycle.id for cycle in cycles])
    return [cycle_json(cycle, used[cycle.id]) for cycle in cycles]


@bp.get("/award-cycles")
def list_cycles():
    return paginated(cycle_services.cycles_query(), serialize_page=_cycles_json)


@bp.post("/award-cycles")
def create_cycle():
    """HR sets up a cycle: its period, nomination window and optional budget."""
    require("recognition.manage")
    fields = Fields(json_body())
    name = fields.string("name", required=True)
    cadence = fields.choice("cadence", CADENCES, required=True)
    dates = {key: fields.date(key, required=True) for key in ("period_start", "period_end")}
    window = {key: fields.date(key) for key in ("opens_on", "closes_on")}
    budget = fields.decimal("budget")
    fields.raise_if_any()
    cycle = cycle_services.save_cycle(
        g.api_user,
        None,
        name=name,
        cadence=cadence,
        period_start=dates["period_start"],
        period_end=dates["period_end"],
        # The window defaults to the period itself.
        opens_on=dates["period_start"]
        if window["opens_on"] in (MISSING, None)
        else window["opens_on"],
        closes_on=dates["period_end"]
        if window["closes_on"] in (MISSING, None)
        else window["closes_on"],
        budget=None if budget is MISSING else budget,
    )
    db.session.commit()
    return jsonify(_cycles_json([cycle])[0]), 201


@bp.get("/award-cycles/<int:cycle_id>")
def show_cycle(cycle_id: int):
    cycle = get_cycle_or_404(cycle_id, g.api_user)
    body = _cycles_json([cycle])[0]
    winners = db.session.scalars(
        wall_query().where(Nomination.cycle_id == cycle.id, Nomination.status == AWARDED)
    ).all()
    body["winners"] = [wall_json(n) for n in winners]
    return jsonify(body)


def _team_ids() -> list[int] | None:
    team_id = int_arg("team_id")
    return subtree_team_ids(team_id) if team_id else None


@bp.get("/recognition/wall")
def wall():
    """Approved and awarded recognitions, newest first, with the customer's words attached."""
    return paginated(wall_query(_team_ids(), int_arg("category_id")), wall_json)


@bp.get("/recognition/leaderboard")
def leaderboard_view():
    period = request.args.get("period", "month")
    if period not in PERIODS:
        raise ValidationFailed.single("period", f"Use one of: {', '.join(PERIODS)}.")
    fields = Fields({"date": request.args["date"]} if "date" in request.args else {})
    day = fields.date("date")
    fields.raise_if_any()
    board = leaderboard(period, clock.today() if day in (MISSING, None) else day, _team_ids())
    return jsonify(
        period=board.period,
        start=board.start.isoformat(),
        end=board.end.isoformat(),
        team_id=int_arg("team_id"),
        points=POINTS,
        rows=[row.__dict__ for row in board.rows],
    )


_ID = {"type": "integer"}
_MONEY = {"type": "string", "format": "decimal", "nullable": True, "example": "150.00"}
_DATE = {"type": "string", "format": "date"}
OPENAPI_SCHEMAS = {
    "Category": {
        "type": "object",
        "properties": {
            "id": _ID,
            "name": {"type": "string"},
            "description": {"type": "string"},
            "reward_kind": {"type": "string", "enum": list(REWARD_KINDS)},
            "reward": {"type": "string", "description": "What the winner gets"},
            "reward_value": {**_MONEY, "description": "What an award costs the cycle's budget"},
            "active": {"type": "boolean"},
        },
    },
    "AwardCycle": {
        "type": "object",
        "properties": {
            "id": _ID,
            "name": {"type": "string"},
            "cadence": {"type": "string", "enum": list(CADENCES)},
            "period_start": _DATE,
            "period_end": _DATE,
            "opens_on": {**_DATE, "description": "Nominations from this day …"},
            "closes_on": {**_DATE, "description": "… to this day, both included"},
            "open": {"type": "boolean", "description": "Taking nominations today"},
            "budget": _MONEY,
            "budget_used": _MONEY,
            "budget_left": _MONEY,
            "winners": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/WallItem"},
                "description": "Only in GET /award-cycles/{cycle_id}",
            },
        },
    },
    "WallItem": {
        "type": "object",
        "properties": {
            "id": {**_ID, "description": "The nomination"},
            "status": {"type": "string", "enum": ["approved", "awarded"]},
            "nominee": {
                "type": "object",
                "properties": {
                    "id": _ID,
                    "name": {"type": "string"},
                    "team": {"type": "string", "nullable": True},
                },
            },
            "nominator": {
                "type": "object",
                "properties": {"id": _ID, "name": {"type": "string"}},
            },
            "category": {
                "type": "object",
                "properties": {"id": _ID, "name": {"type": "string"}},
            },
            "reason": {"type": "string"},
            "reward": {"type": "string", "nullable": True},
            "recognised_at": {"type": "string", "format": "date-time"},
            "praise": {
                "type": "array",
                "description": "The customer's words attached as evidence",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": _ID,
                        "source": {"type": "string"},
                        "received_at": _DATE,
                        "text": {"type": "string"},
                    },
                },
            },
        },
    },
    "Leaderboard": {
        "type": "object",
        "properties": {
            "period": {"type": "string", "enum": list(PERIODS)},
            "start": _DATE,
            "end": _DATE,
            "team_id": {"type": "integer", "nullable": True},
            "points": {
                "type": "object",
                "description": "The point scheme: per award, approved nomination and praise",
                "properties": {
                    "award": {"type": "integer"},
                    "approval": {"type": "integer"},
                    "praise": {"type": "integer"},
                },
            },
            "rows": {
                "type": "array",
                "description": "The top 50; equal points share a rank (1, 2, 2, 4), then by name",
                "items": {
                    "type": "object",
                    "properties": {
                        "rank": {"type": "integer"},
                        "person_id": _ID,
                        "name": {"type": "string"},
                        "team": {"type": "string", "nullable": True},
                        "points": {"type": "integer"},
                        "awards": {"type": "integer"},
                        "approvals": {"type": "integer"},
                        "praise": {"type": "integer"},
                    },
                },
            },
        },
    },
}
_PAGE = [{"$ref": "#/components/parameters/page"}, {"$ref": "#/components/parameters/per_page"}]
_TEAM = {
    "name": "team_id",
    "in": "query",
    "schema": _ID,
    "description": "The team and every team under it",
}


def _json(schema: str, description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


OPENAPI_PATHS = {
    "/categories": {
        "get": {
            "summary": "Award categories and their rewards",
            "tags": ["recognition"],
            "parameters": [
                *_PAGE,
                {
                    "name": "status",
                    "in": "query",
                    "schema": {"type": "string", "enum": ["active", "all"], "default": "active"},
                },
            ],
            "responses": {
                "200": {"$ref": "#/components/responses/CategoryList"},
                "401": {"$ref": "#/components/responses/Unauthorized"},
                "422": {"$ref": "#/components/responses/ValidationError"},
            },
        }
    },
    "/award-cycles": {
        "get": {
            "summary": "Award cycles, latest period first, with their budget use",
            "tags": ["recognition"],
            "parameters": _PAGE,
            "responses": {
                "200": {"$ref": "#/components/responses/AwardCycleList"},
                "401": {"$ref": "#/components/responses/Unauthorized"},
            },
        },
        "post": {
            "summary": "Set up an award cycle (HR)",
            "tags": ["recognition"],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["name", "cadence", "period_start", "period_end"],
                            "properties": {
                                "name": {"type": "string", "maxLength": 120},
                                "cadence": {"type": "string", "enum": list(CADENCES)},
                                "period_start": _DATE,
                                "period_end": _DATE,
                                "opens_on": {**_DATE, "description": "Default: period_start"},
                                "closes_on": {**_DATE, "description": "Default: period_end"},
                                "budget": _MONEY,
                            },
                        }
                    }
                },
            },
            "responses": {
                "201": _json("AwardCycle", "Created"),
                "400": {"$ref": "#/components/responses/BadRequest"},
                "401": {"$ref": "#/components/responses/Unauthorized"},
                "403": {"$ref": "#/components/responses/Forbidden"},
                "422": {"$ref": "#/components/responses/ValidationError"},
            },
        },
    },
    "/award-cycles/{cycle_id}": {
        "get": {
            "summary": "One award cycle with its winners",
            "tags": ["recognition"],
            "parameters": [{"name": "cycle_id", "in": "path", "required": True, "schema": _ID}],
            "responses": {
                "200": _json("AwardCycle", "The cycle"),
                "401": {"$ref": "#/components/responses/Unauthorized"},
                "404": {"$ref": "#/components/responses/NotFound"},
            },
        }
    },
    "/recognition/wall": {
        "get": {
            "summary": "The recognition wall: approved and awarded nominations, newest first",
            "tags": ["recognition"],
            "parameters": [
                *_PAGE,
                _TEAM,
                {"name": "category_id", "in": "query", "schema": _ID},
            ],
            "responses": {
                "200": {"$ref": "#/components/responses/WallItemList"},
                "401": {"$ref": "#/components/responses/Unauthorized"},
                "422": {"$ref": "#/components/responses/ValidationError"},
            },
        }
    },
    "/recognition/leaderboard": {
        "get": {
            "summary": "Service heroes of a month, quarter or year (award 5, approved "
            "nomination 3, praise 1 point)",
            "tags": ["recognition"],
            "parameters": [
                {
                    "name": "period",
                    "in": "query",
                    "schema": {"type": "string", "enum": list(PERIODS), "default": "month"},
                },
                {
                    "name": "date",
                    "in": "query",
                    "schema": _DATE,
                    "description": "Any day of the wanted period (default today)",
                },
                _TEAM,
            ],
            "responses": {
                "200": _json("Leaderboard", "The ranking"),
                "401": {"$ref": "#/components/responses/Unauthorized"},
                "422": {"$ref": "#/components/responses/ValidationError"},
            },
        }
    },
}
