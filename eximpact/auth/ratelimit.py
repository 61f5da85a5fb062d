"""Sign-in throttling shared by the sign-in page and `POST /api/v1/auth/token`.

Only failures count: after the configured number of failed attempts in a minute
from one address, or against one account, further attempts get 429 until the
window passes. Both entry points share the counters, so switching between the
page and the API buys an attacker nothing.
"""

from flask import current_app, g, request
from flask_limiter.util import get_remote_address
from flask_login import current_user

from eximpact.extensions import limiter
from eximpact.org.models import normalise_email


def _limit() -> str:
    return current_app.config["SIGN_IN_FAILURE_LIMIT"]


def _attempted_account() -> str:
    """The account a request tries: the form's or JSON's e-mail, else the signed-in person's.

    The body was already held to MAX_CONTENT_LENGTH (eximpact.security) before this runs.
    """
    email = request.form.get("email")
    if email is None and request.is_json:
        body = request.get_json(silent=True)
        email = body.get("email") if isinstance(body, dict) else None
    if email is None and current_user.is_authenticated:
        email = current_user.email  # the password-change page: guesses at one's own password
    return "account:" + normalise_email(email if isinstance(email, str) else "")


def record_failure() -> None:
    """Called by a view when credentials were wrong; the limiter then counts this request."""
    g.sign_in_failed = True


def _failed(_response) -> bool:
    return bool(g.get("sign_in_failed"))


def sign_in_limits(view):
    """Apply the per-address and the per-account failure limits to a view."""
    by_address = limiter.shared_limit(
        _limit,
        scope="sign-in-address",
        key_func=get_remote_address,
        deduct_when=_failed,
        methods=["POST"],
    )
    by_account = limiter.shared_limit(
        _limit,
        scope="sign-in-account",
        key_func=_attempted_account,
        deduct_when=_failed,
        methods=["POST"],
    )
    return by_address(by_account(view))
