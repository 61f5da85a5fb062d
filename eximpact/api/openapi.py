"""`GET /api/v1/openapi.json`: the OpenAPI 3 document, assembled from each resource module.

Every resource module keeps its own `OPENAPI_PATHS` (and `OPENAPI_SCHEMAS`) beside its
routes, so the document and the code change together; a test checks that every
route is described and that the document is valid.
"""

from functools import cache

from flask import jsonify

from eximpact import __version__
from eximpact.access import public
from eximpact.api import bp

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
ERROR_RESPONSES = {
    "BadRequest": "Malformed JSON or the wrong type of body (bad_request)",
    "Unauthorized": "No valid bearer token (unauthorized)",
    "Forbidden": "Your roles do not allow this (forbidden)",
    "NotFound": "No such resource (not_found)",
    "Conflict": "The record's state forbids this change (conflict)",
    "ValidationError": "Fields at fault, named in error.fields (validation_error)",
    "RateLimited": "Too many attempts (rate_limited)",
}


def list_response(schema_name: str) -> dict:
    return {
        "description": f"A page of {schema_name} items",
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["items", "page", "per_page", "total"],
                    "properties": {
                        "items": {
                            "type": "array",
                            "items": {"$ref": f"#/components/schemas/{schema_name}"},
                        },
                        "page": {"type": "integer"},
                        "per_page": {"type": "integer"},
                        "total": {"type": "integer"},
                    },
                }
            }
        },
    }


@cache
def build_spec() -> dict:
    from eximpact.api import RESOURCE_MODULES

    paths, schemas = {}, {"Error": ERROR_SCHEMA}
    for module in RESOURCE_MODULES:
        paths.update(getattr(module, "OPENAPI_PATHS", {}))
        schemas.update(getattr(module, "OPENAPI_SCHEMAS", {}))
    responses = {
        name: {
            "description": text,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        for name, text in ERROR_RESPONSES.items()
    }
    responses.update({f"{name}List": list_response(name) for name in schemas if name != "Error"})
    paths["/openapi.json"] = {
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
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "EX Impact API",
            "version": __version__,
            "description": "Campaigns, initiatives, ambassador hours, customer praise and "
            "recognition. Errors always use the Error body.",
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearerAuth": []}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
            "schemas": schemas,
            "responses": responses,
            "parameters": {
                "page": {
                    "name": "page",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 1, "default": 1},
                },
                "per_page": {
                    "name": "per_page",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50},
                },
                "id": {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}},
            },
        },
    }


@bp.get("/openapi.json")
@public
def openapi_document():
    return jsonify(build_spec())
