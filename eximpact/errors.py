"""Error responses: JSON under /api/v1 (the API.md body), friendly pages elsewhere."""

from flask import Flask, current_app, jsonify, render_template, request
from werkzeug.exceptions import (
    Forbidden,
    HTTPException,
    InternalServerError,
    NotFound,
    SecurityError,
)

from eximpact.validation import NotAllowed

# API.md's error codes by HTTP status.
API_ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
    500: "server_error",
}
FRIENDLY_TITLES = {
    400: "That request did not make sense",
    401: "Please sign in",
    403: "You do not have access to this page",
    404: "We could not find that page",
    405: "That action is not available here",
    409: "That change is no longer possible",
    413: "That request is too large",
    429: "Too many attempts",
    500: "Something went wrong on our side",
}


def wants_json() -> bool:
    return request.path.startswith("/api/")


def api_error_response(status: int, message: str, fields: dict | None = None, headers=None):
    body = {"error": {"code": API_ERROR_CODES.get(status, "error"), "message": message}}
    if fields:
        body["error"]["fields"] = fields
    response = jsonify(body)
    response.status_code = status
    if headers:
        response.headers.extend(headers)
    return response


DEFAULT_MESSAGES = {
    403: "Your roles do not allow this.",
    404: "There is nothing at this address.",
    405: "This address does not take that method.",
    413: "The request is larger than this address accepts.",
    429: "Too many attempts. Wait a minute, then try again.",
    500: "Something went wrong on our side. It has been logged.",
}


def _message_for(error: HTTPException) -> str:
    """The error's own description when a view gave one, else a plain sentence of ours."""
    if error.code == 429:
        return DEFAULT_MESSAGES[429]
    if error.description and error.description != type(error).description:
        return error.description
    return (
        DEFAULT_MESSAGES.get(error.code)
        or error.description
        or FRIENDLY_TITLES.get(error.code, "Error")
    )


def _no_such_resource(error: HTTPException) -> bool:
    """A 405 that is really a 404: werkzeug checks the method before the id's converter, so
    PATCH /campaigns/<an id too large for a column> is 'method not allowed' though nothing
    is there for any method."""
    if error.code != 405 or not getattr(error, "valid_methods", None):
        return False
    adapter = current_app.url_map.bind_to_environ(request.environ)
    try:
        adapter.match(method=sorted(error.valid_methods)[0])
    except NotFound:
        return True
    except HTTPException:
        return False
    return False


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException):
        if _no_such_resource(error):
            error = NotFound()
        if wants_json():
            headers = [
                (key, value)
                for key, value in error.get_headers()
                if key.lower() not in ("content-type", "content-length")
            ]
            return api_error_response(error.code, _message_for(error), headers=headers)
        if isinstance(error, SecurityError):
            # An untrusted Host: no URL can be built for it, so no page with links either.
            return "That host name is not served here.", 400, {"Content-Type": "text/plain"}
        template = "errors/error.html"
        response = render_template(
            template,
            code=error.code,
            title=FRIENDLY_TITLES.get(error.code, error.name),
            message=_message_for(error),
        )
        return (
            response,
            error.code,
            [
                (key, value)
                for key, value in error.get_headers()
                if key.lower() == "retry-after" or key.lower() == "allow"
            ],
        )

    @app.errorhandler(NotAllowed)
    def handle_not_allowed(error: NotAllowed):
        """A service refused on a rule of who may act: the same 403 as a route check."""
        return handle_http_error(Forbidden(error.message))

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception):
        """Anything unhandled: log it, roll back, and answer 500 in the caller's language."""
        from eximpact.extensions import db

        if isinstance(error, HTTPException):
            return handle_http_error(error)
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        db.session.rollback()
        return handle_http_error(InternalServerError())
