"""The OpenAPI description of `/pulse` (api/pulse.py), kept apart so the routes stay short."""

from eximpact.pulse.items import KINDS
from eximpact.pulse.services.rounds import LIMITS

_FIGURE = {"$ref": "#/components/schemas/DisclosedFigure"}
_ID = {"name": "round_id", "in": "path", "required": True, "schema": {"type": "integer"}}
_ROUND_RESPONSE = {
    "description": "The round",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PulseRound"}}},
}


def _err(*codes) -> dict:
    names = {
        "400": "BadRequest",
        "401": "Unauthorized",
        "403": "Forbidden",
        "404": "NotFound",
        "409": "Conflict",
        "422": "ValidationError",
    }
    return {code: {"$ref": f"#/components/responses/{names[code]}"} for code in codes}


def _json(description: str, schema: dict | None = None) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": schema or {"type": "object"}}},
    }


_ROUND_INPUT_BODY = {
    "required": True,
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PulseRoundInput"}}},
}
OPENAPI_SCHEMAS = {
    "DisclosedFigure": {
        "type": "object",
        "required": ["value", "status"],
        "description": "A figure under the disclosure rule: value null when hidden.",
        "properties": {
            "value": {"nullable": True},
            "status": {
                "type": "string",
                "enum": [
                    "shown",
                    "not_enough_responses",
                    "withheld_to_protect_others",
                    "no_comparison",
                ],
            },
        },
    },
    "PulseRoundInput": {
        "type": "object",
        "required": ["kind", "title", "opens_on", "closes_on"],
        "properties": {
            "kind": {"type": "string", "enum": list(KINDS)},
            "title": {"type": "string", "maxLength": LIMITS["title"]},
            "opens_on": {"type": "string", "format": "date"},
            "closes_on": {"type": "string", "format": "date"},
            "team_ids": {"type": "array", "items": {"type": "integer"}},
            "min_group": {"type": "integer", "minimum": 3, "default": 5},
            "enps": {"type": "boolean"},
            "comments": {"type": "boolean"},
        },
    },
    "PulseRound": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "kind": {"type": "string", "enum": list(KINDS)},
            "title": {"type": "string"},
            "opens_on": {"type": "string", "format": "date"},
            "closes_on": {"type": "string", "format": "date"},
            "status": {"type": "string", "enum": ["draft", "open", "closed"]},
            "min_group": {"type": "integer"},
            "enps": {"type": "boolean"},
            "comments": {"type": "boolean"},
            "team_ids": {"type": "array", "items": {"type": "integer"}},
        },
    },
    "PulseTeamResult": {
        "type": "object",
        "properties": {
            "team_id": {"type": "integer", "nullable": True},
            "name": {"type": "string"},
            "parent_id": {"type": "integer", "nullable": True},
            "status": {"type": "string"},
            "invited": {"type": "integer"},
            "responses": _FIGURE,
            "participation": _FIGURE,
            "engaged_share": _FIGURE,
            "mean": _FIGURE,
            "climate_index": _FIGURE,
            "bands": {"type": "object", "additionalProperties": _FIGURE},
            "items": {"type": "object", "additionalProperties": _FIGURE},
            "enps": _FIGURE,
            "change": _FIGURE,
            "context": {"type": "object"},
        },
    },
}
OPENAPI_PATHS = {
    "/pulse/rounds": {
        "get": {
            "summary": "Rounds the caller may see (HR: all; managers: reaching their teams)",
            "tags": ["pulse"],
            "parameters": [
                {"$ref": "#/components/parameters/page"},
                {"$ref": "#/components/parameters/per_page"},
            ],
            "responses": {"200": _json("Rounds"), **_err("401")},
        },
        "post": {
            "summary": "Create a draft round (HR)",
            "tags": ["pulse"],
            "requestBody": _ROUND_INPUT_BODY,
            "responses": {"201": _ROUND_RESPONSE, **_err("400", "401", "403", "422")},
        },
    },
    "/pulse/rounds/{round_id}": {
        "get": {
            "summary": "One round",
            "tags": ["pulse"],
            "parameters": [_ID],
            "responses": {"200": _ROUND_RESPONSE, **_err("401", "403", "404")},
        },
        "patch": {
            "summary": "Change a draft; once open only raise min_group (HR)",
            "tags": ["pulse"],
            "parameters": [_ID],
            "requestBody": _ROUND_INPUT_BODY,
            "responses": {"200": _ROUND_RESPONSE, **_err("400", "401", "403", "404", "409", "422")},
        },
    },
    "/pulse/rounds/{round_id}/open": {
        "post": {
            "summary": "Open: one invitation and e-mail per person of the audience (HR)",
            "tags": ["pulse"],
            "parameters": [_ID],
            "responses": {"200": _ROUND_RESPONSE, **_err("401", "403", "404", "409")},
        }
    },
    "/pulse/rounds/{round_id}/close": {
        "post": {
            "summary": "Close: results become available (HR)",
            "tags": ["pulse"],
            "parameters": [_ID],
            "responses": {"200": _ROUND_RESPONSE, **_err("401", "403", "404", "409")},
        }
    },
    "/pulse/invitations": {
        "get": {
            "summary": "The caller's invitations to open rounds",
            "tags": ["pulse"],
            "responses": {"200": _json("Invitations"), **_err("401")},
        }
    },
    "/pulse/rounds/{round_id}/responses": {
        "post": {
            "summary": "Answer once, anonymously (the invited caller)",
            "tags": ["pulse"],
            "parameters": [_ID],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["answers"],
                            "properties": {
                                "answers": {
                                    "type": "object",
                                    "additionalProperties": {"type": "integer"},
                                },
                                "comment": {"type": "string", "maxLength": 2000},
                            },
                        }
                    }
                },
            },
            "responses": {
                "201": _json("Received; nothing that links back"),
                **_err("400", "401", "403", "404", "409", "422"),
            },
        }
    },
    "/pulse/rounds/{round_id}/results": {
        "get": {
            "summary": "Disclosed results of a closed round (before closing: 409)",
            "tags": ["pulse"],
            "parameters": [_ID],
            "responses": {
                "200": _json(
                    "Results",
                    {
                        "type": "object",
                        "properties": {
                            "round": {"$ref": "#/components/schemas/PulseRound"},
                            "min_group": {"type": "integer"},
                            "organisation": {"$ref": "#/components/schemas/PulseTeamResult"},
                            "teams": {
                                "type": "array",
                                "items": {"$ref": "#/components/schemas/PulseTeamResult"},
                            },
                        },
                    },
                ),
                **_err("401", "403", "404", "409"),
            },
        }
    },
    "/pulse/rounds/{round_id}/results.csv": {
        "get": {
            "summary": "The same results as CSV",
            "tags": ["pulse"],
            "parameters": [_ID],
            "responses": {
                "200": {
                    "description": "CSV",
                    "content": {"text/csv": {"schema": {"type": "string"}}},
                },
                **_err("401", "403", "404", "409"),
            },
        }
    },
    "/pulse/rounds/{round_id}/comments": {
        "get": {
            "summary": "Comments of groups with at least max(k, 10) respondents, shuffled",
            "tags": ["pulse"],
            "parameters": [_ID],
            "responses": {"200": _json("Comments"), **_err("401", "403", "404", "409")},
        }
    },
    "/pulse/items": {
        "get": {
            "summary": "The item keys, words and scales",
            "tags": ["pulse"],
            "parameters": [
                {"name": "kind", "in": "query", "schema": {"type": "string", "enum": list(KINDS)}}
            ],
            "responses": {"200": _json("Items"), **_err("401")},
        }
    },
}
