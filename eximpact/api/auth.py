"""`POST /api/v1/auth/token` (sign in for a token) and `DELETE` (revoke the token in use)."""

from flask import g, jsonify, request

from eximpact.access import public
from eximpact.api import bp
from eximpact.api.common import iso_datetime, json_body
from eximpact.auth import services
from eximpact.auth.ratelimit import record_failure, sign_in_limits
from eximpact.errors import api_error_response
from eximpact.extensions import db
from eximpact.validation import Problems


@bp.post("/auth/token")
@public
@sign_in_limits
def create_token():
    body = json_body()
    problems = Problems()
    for field in ("email", "password"):
        if not isinstance(body.get(field), str) or not body.get(field):
            problems.add(field, "Required, as a string.")
    problems.raise_if_any("Send an e-mail and a password.")
    person = services.authenticate(body["email"], body["password"])
    if person is None:
        record_failure()  # counted by the limiter on the way out, so return rather than raise
        return api_error_response(401, "That e-mail and password do not match an active account.")
    token, plain = services.issue_session_token(person)
    db.session.commit()
    return jsonify(token=plain, expires_at=iso_datetime(token.expires_at)), 201


@bp.delete("/auth/token")
def revoke_token():
    """Revoke the token this request was made with (sign out of the API)."""
    _, _, plain = request.headers.get("Authorization", "").partition(" ")
    token = services.find_token(plain.strip())
    if token is not None and token.person_id == g.api_user.id:
        services.revoke_token(token)
        db.session.commit()
    return "", 204


OPENAPI_PATHS = {
    "/auth/token": {
        "post": {
            "summary": "Exchange an e-mail and password for a short-lived token",
            "tags": ["auth"],
            "security": [],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["email", "password"],
                            "properties": {
                                "email": {"type": "string", "format": "email"},
                                "password": {"type": "string"},
                            },
                        }
                    }
                },
            },
            "responses": {
                "201": {
                    "description": "A token",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "token": {"type": "string"},
                                    "expires_at": {"type": "string", "format": "date-time"},
                                },
                            }
                        }
                    },
                },
                "400": {"$ref": "#/components/responses/BadRequest"},
                "401": {"$ref": "#/components/responses/Unauthorized"},
                "422": {"$ref": "#/components/responses/ValidationError"},
                "429": {"$ref": "#/components/responses/RateLimited"},
            },
        },
        "delete": {
            "summary": "Revoke the token this request is made with",
            "tags": ["auth"],
            "responses": {
                "204": {"description": "Revoked"},
                "401": {"$ref": "#/components/responses/Unauthorized"},
            },
        },
    },
}
