"""`POST /api/v1/auth/token` (sign in for a token) and `DELETE` (revoke the token in use)."""

from typing import Annotated

from flask import g, request
from pydantic import PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from eximpact.api.declare import operation
from eximpact.api.praise import EMAIL_MAX
from eximpact.api.schema import ApiModel, Moment
from eximpact.auth import services
from eximpact.auth.ratelimit import record_failure, sign_in_limits
from eximpact.errors import api_error_response
from eximpact.extensions import db


def _given(value):
    """A non-empty string, kept exactly as sent (a password's spaces are part of it)."""
    if not isinstance(value, str) or not value:
        raise PydanticCustomError("required_string", "Required, as a string.")
    return value


def _credential(limit: int, **schema):
    return Annotated[
        str,
        PlainValidator(_given),
        WithJsonSchema({"type": "string", "minLength": 1, "maxLength": limit, **schema}),
    ]


class Credentials(ApiModel):
    email: _credential(EMAIL_MAX, format="email")
    password: _credential(services.PASSWORD_MAX_LENGTH)


class Token(ApiModel):
    token: str
    expires_at: Moment


@operation(
    "POST",
    "/auth/token",
    tag="auth",
    public=True,
    body=Credentials,
    response=Token,
    status=201,
    errors=(401, 429),
    guards=(sign_in_limits,),
)
def create_token(body: Credentials):
    """Exchange an e-mail and password for a short-lived token."""
    person = services.authenticate(body.email, body.password)
    if person is None:
        record_failure()  # counted by the limiter on the way out, so return rather than raise
        return api_error_response(401, "That e-mail and password do not match an active account.")
    token, plain = services.issue_session_token(person)
    db.session.commit()
    return {"token": plain, "expires_at": token.expires_at}


@operation("DELETE", "/auth/token", tag="auth", status=204)
def revoke_token():
    """Revoke the token this request is made with (sign out of the API)."""
    _, _, plain = request.headers.get("Authorization", "").partition(" ")
    token = services.find_token(plain.strip())
    if token is not None and token.person_id == g.api_user.id:
        services.revoke_token(token)
        db.session.commit()
    return "", 204
