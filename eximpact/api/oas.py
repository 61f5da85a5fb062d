"""Small builders for the OpenAPI fragments that resource modules keep beside their routes."""

ERROR_STATUS = {
    "BadRequest": "400",
    "Unauthorized": "401",
    "Forbidden": "403",
    "NotFound": "404",
    "Conflict": "409",
    "ValidationError": "422",
}


def ref(schema: str) -> dict:
    return {"$ref": f"#/components/schemas/{schema}"}


def json_response(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def request_body(schema: dict, required: bool = True) -> dict:
    return {"required": required, "content": {"application/json": {"schema": schema}}}


def errors(*names: str) -> dict:
    """Responses for the named errors (`"NotFound"` …), always with 401 for a missing token."""
    return {
        ERROR_STATUS[name]: {"$ref": f"#/components/responses/{name}"}
        for name in ("Unauthorized", *names)
    }


def path_id(name: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "integer"}}


def query(name: str, schema: dict, description: str | None = None) -> dict:
    parameter = {"name": name, "in": "query", "schema": schema}
    if description:
        parameter["description"] = description
    return parameter


PAGE = [{"$ref": "#/components/parameters/page"}, {"$ref": "#/components/parameters/per_page"}]
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}
HOURS = {"type": "number", "minimum": 0}
