"""What every API resource shares: bearer authentication, JSON bodies, errors, pagination."""

from datetime import date

from flask import abort, current_app, g, jsonify, request
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Unauthorized

from eximpact.access import is_public_endpoint
from eximpact.api import bp
from eximpact.auth.services import person_for_token
from eximpact.errors import api_error_response
from eximpact.extensions import db
from eximpact.pagination import page_args
from eximpact.validation import Conflict, NotAllowed, ValidationFailed, whole_number


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


def paginated(query, serialize=None, *, serialize_page=None):
    """API.md's list envelope for a select: one count and one page query.

    Give `serialize(item)`, or `serialize_page(items) -> list` when the items need
    look-ups shared by the whole page (a grouped query instead of one per item).
    """
    config = current_app.config
    page, per_page = page_args(config["API_PER_PAGE"], config["API_MAX_PER_PAGE"], strict=True)
    pagination = db.paginate(query, page=page, per_page=per_page, error_out=False)
    if serialize_page is None:
        serialize_page = lambda items: [serialize(item) for item in items]  # noqa: E731
    return jsonify(
        items=serialize_page(pagination.items),
        page=page,
        per_page=per_page,
        total=pagination.total,
    )


def int_arg(name: str) -> int | None:
    """An optional integer query argument; a malformed one is a 422 naming it."""
    raw = request.args.get(name)
    if raw in (None, ""):
        return None
    value = whole_number(raw, signed=True)
    if value is None:
        raise ValidationFailed.single(name, "Must be a whole number.")
    return value


def date_arg(name: str) -> date | None:
    """An optional `YYYY-MM-DD` query argument; a malformed one is a 422 naming it."""
    raw = request.args.get(name)
    if raw in (None, ""):
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValidationFailed.single(name, "Must be a date written YYYY-MM-DD.") from None


def iso_datetime(value) -> str | None:
    """UTC date-times as API.md writes them: ISO 8601 with Z."""
    return value.replace(microsecond=0).isoformat() + "Z" if value else None
