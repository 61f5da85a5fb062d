"""`/me`, `/people` and `/teams`."""

from flask import g, jsonify, request

from eximpact.api import bp
from eximpact.api.common import int_arg, paginated
from eximpact.org.models import Person, Team
from eximpact.org.services import people_query, teams_query
from eximpact.validation import ValidationFailed

STATUSES = ("active", "inactive", "all")


def person_json(person: Person) -> dict:
    return {
        "id": person.id,
        "name": person.name,
        "email": person.email,
        "roles": sorted(person.roles),
        "team_id": person.team_id,
        "manager_id": person.manager_id,
        "active": person.active,
    }


def team_json(team: Team) -> dict:
    return {
        "id": team.id,
        "name": team.name,
        "manager_id": team.manager_id,
        "parent_id": team.parent_id,
        "active": team.active,
    }


def _status_arg() -> str:
    status = request.args.get("status", "active")
    if status not in STATUSES:
        raise ValidationFailed.single("status", f"Use one of: {', '.join(STATUSES)}.")
    return status


@bp.get("/me")
def me():
    return jsonify(person_json(g.api_user))


@bp.get("/people")
def people():
    """The directory: every employee may read it (nominations and praise need it)."""
    query = people_query(request.args.get("q"), int_arg("team_id"), _status_arg())
    return paginated(query, person_json)


@bp.get("/teams")
def teams():
    return paginated(teams_query(request.args.get("q"), _status_arg()), team_json)


_LIST_PARAMS = [
    {"$ref": "#/components/parameters/page"},
    {"$ref": "#/components/parameters/per_page"},
    {"name": "q", "in": "query", "schema": {"type": "string"}, "description": "Search text"},
    {
        "name": "status",
        "in": "query",
        "schema": {"type": "string", "enum": list(STATUSES), "default": "active"},
    },
]
OPENAPI_SCHEMAS = {
    "Person": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "email": {"type": "string", "format": "email"},
            "roles": {
                "type": "array",
                "items": {
                    "type": "string",
                    "enum": ["employee", "manager", "hr", "ambassador", "admin"],
                },
            },
            "team_id": {"type": "integer", "nullable": True},
            "manager_id": {"type": "integer", "nullable": True},
            "active": {"type": "boolean"},
        },
    },
    "Team": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "manager_id": {"type": "integer", "nullable": True},
            "parent_id": {"type": "integer", "nullable": True},
            "active": {"type": "boolean"},
        },
    },
}
OPENAPI_PATHS = {
    "/me": {
        "get": {
            "summary": "The person the token belongs to",
            "tags": ["people"],
            "responses": {
                "200": {
                    "description": "You",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Person"}}
                    },
                },
                "401": {"$ref": "#/components/responses/Unauthorized"},
            },
        }
    },
    "/people": {
        "get": {
            "summary": "People, searchable and filterable by team",
            "tags": ["people"],
            "parameters": [
                *_LIST_PARAMS,
                {"name": "team_id", "in": "query", "schema": {"type": "integer"}},
            ],
            "responses": {
                "200": {"$ref": "#/components/responses/PersonList"},
                "401": {"$ref": "#/components/responses/Unauthorized"},
                "422": {"$ref": "#/components/responses/ValidationError"},
            },
        }
    },
    "/teams": {
        "get": {
            "summary": "Teams",
            "tags": ["people"],
            "parameters": _LIST_PARAMS,
            "responses": {
                "200": {"$ref": "#/components/responses/TeamList"},
                "401": {"$ref": "#/components/responses/Unauthorized"},
                "422": {"$ref": "#/components/responses/ValidationError"},
            },
        }
    },
}
