"""What every API resource shares: bearer authentication, the JSON body loader, errors."""

from flask import abort, current_app, g, request
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Unauthorized

from eximpact.access import is_public_endpoint
from eximpact.api import bp
from eximpact.auth.services import person_for_token
from eximpact.errors import api_error_response
from eximpact.validation import Conflict, NotAllowed, RateLimited, ValidationFailed


@bp.before_request
def authenticate_bearer_token():
    """Resolve `Authorization: Bearer <token>`; every endpoint not marked public needs one."""
    g.api_user = None
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        g.api_user = person_for_token(value.strip())
    if g.api_user is None and not is_public_endpoint(request.endpoint):
        raise Unauthorized(
            "Send a valid token: 'Authorization: Bearer <token>'.",
            www_authenticate=WWWAuthenticate("Bearer"),
        )


@bp.after_request
def no_store(response):
    response.headers.setdefault("Cache-Control", "no-store")
    return response


@bp.errorhandler(ValidationFailed)
def validation_failed(error: ValidationFailed):
    return api_error_response(422, error.message, error.fields)


@bp.errorhandler(Conflict)
def conflict(error: Conflict):
    return api_error_response(409, error.message)


@bp.errorhandler(RateLimited)
def rate_limited(error: RateLimited):
    return api_error_response(429, error.message, headers={"Retry-After": str(error.retry_after)})


@bp.errorhandler(NotAllowed)
def not_allowed(error: NotAllowed):
    return api_error_response(403, error.message)


def json_body(kind: type = dict):
    """The request's JSON body, which must be a `kind` (an object unless said otherwise)."""
    if not request.is_json:
        abort(400, "Send a JSON body with 'Content-Type: application/json'.")
    try:
        body = current_app.json.loads(request.get_data(cache=True))
    except ValueError as error:  # includes UnicodeDecodeError: the bytes were not UTF-8
        abort(400, f"The body is not valid JSON: {error}")
    if not isinstance(body, kind):
        kinds = {dict: "an object", list: "a list"}
        wanted = (
            kinds.get(kind) if not isinstance(kind, tuple) else " or ".join(kinds[k] for k in kind)
        )
        abort(400, f"The JSON body must be {wanted}.")
    return body
