"""`GET /api/v1/openapi.json` and `/api/v1/docs`: the OpenAPI 3.1 document and its reader.

The document is generated from the declarations in `declare.OPERATIONS` (their
pydantic models give every schema), so it cannot drift from what is parsed.
"""

from functools import cache

from flask import jsonify
from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, models_json_schema

from eximpact import __version__
from eximpact.access import public
from eximpact.api import bp
from eximpact.api.declare import MAX_PAGE, OPERATIONS, Operation
from eximpact.validation import MAX_INTEGER

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
        }
    },
}
ERRORS = {
    400: ("BadRequest", "Malformed JSON or the wrong type of body (bad_request)"),
    401: ("Unauthorized", "No valid bearer token (unauthorized)"),
    403: ("Forbidden", "Your roles do not allow this (forbidden)"),
    404: ("NotFound", "No such resource (not_found)"),
    409: ("Conflict", "The record's state forbids this change (conflict)"),
    422: ("ValidationError", "Fields at fault, named in error.fields (validation_error)"),
    429: ("RateLimited", "Too many attempts (rate_limited)"),
}
REF = "#/components/schemas/{model}"
PAGING = [
    {
        "name": "page",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
    },
    {
        "name": "per_page",
        "in": "query",
        "description": "At most 200 items come back; a larger ask is capped",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 50},
    },
]


class _Schema(GenerateJsonSchema):
    """pydantic's JSON Schema without the titles it invents for every field."""

    def field_title_should_be_set(self, schema) -> bool:
        return False

    def default_schema(self, schema):
        json_schema = super().default_schema(schema)
        if json_schema.get("default", ...) is None:
            json_schema.pop("default")  # PATCH models: absent means unchanged, not null
        return json_schema


def _schemas() -> tuple[dict, dict]:
    """Component schemas for every model in use, and the refs by (model, mode)."""
    wanted = set()
    for op in OPERATIONS:
        if op.body is not None:
            wanted.add((op.body, "validation"))
        if op.query is not None:
            wanted.add((op.query, "validation"))
        if isinstance(op.response, type) and issubclass(op.response, BaseModel):
            wanted.add((op.response, "serialization"))
    wanted = sorted(wanted, key=lambda pair: (pair[0].__name__, pair[1]))
    refs, defs = models_json_schema(wanted, ref_template=REF, schema_generator=_Schema)
    return refs, defs.get("$defs", {})


def _query_parameters(schema: dict) -> list[dict]:
    required = set(schema.get("required", ()))
    parameters = []
    for name, prop in schema.get("properties", {}).items():
        prop = dict(prop)
        description = prop.pop("description", None)
        parameter = {"name": name, "in": "query", "required": name in required, "schema": prop}
        if description:
            parameter["description"] = description
        parameters.append(parameter)
    return parameters


def _responses(op: Operation, refs: dict) -> dict:
    description = "The list" if op.listing else "Done"
    if op.response is None:
        responses = {str(op.status): {"description": description}}
    elif op.content_type != "application/json":  # a file: CSV and the like
        content = {op.content_type: {"schema": {"type": "string"}}}
        responses = {str(op.status): {"description": description, "content": content}}
    else:
        schema = refs[(op.response, "serialization")]
        if op.listing:
            schema = {
                "type": "object",
                "required": ["items", "page", "per_page", "total"],
                "properties": {
                    "items": {"type": "array", "items": schema},
                    "page": {"type": "integer"},
                    "per_page": {"type": "integer"},
                    "total": {"type": "integer"},
                },
            }
        content = {op.content_type: {"schema": schema}}
        responses = {str(op.status): {"description": description, "content": content}}
    statuses = set(op.errors)
    if not op.public:
        statuses.add(401)
    if op.body is not None:
        statuses |= {400, 422}
    if op.query is not None or op.listing:
        statuses.add(422)
    if op.path_names:
        statuses.add(404)
    for status in sorted(statuses):
        responses[str(status)] = {"$ref": f"#/components/responses/{ERRORS[status][0]}"}
    # gunicorn's own answer to a request line over 4 KB; it never reaches the app.
    responses["414"] = {"description": "The URL is too long (answered by the web server)"}
    return responses


def _operation(op: Operation, refs: dict, defs: dict) -> dict:
    choices = op.path_choices
    parameters = [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": {"type": "string", "enum": choices[name]}
            if name in choices
            else {"type": "integer", "minimum": 1, "maximum": MAX_INTEGER},
        }
        for name in op.path_names
    ]
    if op.listing:
        parameters += PAGING
    if op.query is not None:
        parameters += _query_parameters(defs[op.query.__name__])
    document = {"summary": op.summary, "tags": [op.tag], "operationId": op.endpoint}
    if parameters:
        document["parameters"] = parameters
    if op.body is not None:
        schema = refs[(op.body, "validation")]
        document["requestBody"] = {
            "required": op.body_required,
            "content": {"application/json": {"schema": schema}},
        }
    document["responses"] = _responses(op, refs)
    if op.public:
        document["security"] = []
    for key, value in op.extra.items():
        if isinstance(value, dict) and isinstance(document.get(key), dict):
            document[key] = {**document[key], **value}
        elif isinstance(value, list) and isinstance(document.get(key), list):
            document[key] = [*value, *document[key]]
        else:
            document[key] = value
    return document


_META_PATHS = {
    "/openapi.json": {
        "get": {
            "summary": "This document",
            "tags": ["meta"],
            "security": [],
            "responses": {
                "200": {
                    "description": "The OpenAPI document",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                }
            },
        }
    },
    "/docs": {
        "get": {
            "summary": "Interactive documentation of this document (Swagger UI)",
            "tags": ["meta"],
            "security": [],
            "responses": {
                "200": {
                    "description": "The page",
                    "content": {"text/html": {"schema": {"type": "string"}}},
                }
            },
        }
    },
}


@cache
def build_spec() -> dict:
    refs, schemas = _schemas()
    schemas["Error"] = ERROR_SCHEMA
    paths: dict = {}
    for op in OPERATIONS:
        paths.setdefault(op.path, {})[op.method.lower()] = _operation(op, refs, schemas)
    paths.update(_META_PATHS)
    responses = {
        name: {
            "description": text,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        for name, text in ERRORS.values()
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "EX Impact API",
            "version": __version__,
            "description": "Campaigns, initiatives, ambassador hours, customer praise and "
            "recognition. Errors always use the Error body; money is a string with two "
            "decimals.",
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearerAuth": []}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
            "schemas": dict(sorted(schemas.items())),
            "responses": responses,
            "parameters": {param["name"]: param for param in PAGING},
        },
    }


@bp.get("/openapi.json")
@public
def openapi_document():
    return jsonify(build_spec())
