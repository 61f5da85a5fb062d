"""Request hooks that keep every response safe: body size cap, default-deny sign-in, headers."""

from urllib.parse import urlsplit

from flask import Flask, abort, current_app, request
from flask_login import current_user

from eximpact.access import is_public_endpoint
from eximpact.extensions import login_manager
from eximpact.requests import refuse_unstorable_text

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        # Inline styles only (progress bar widths, pygal's SVG styles); never inline script.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}


def is_safe_next(target: str | None) -> bool:
    """Only a local path may follow sign-in: no scheme, no host, no `//` or `/\\` tricks."""
    if not target or not target.startswith("/"):
        return False
    if target.startswith("//") or "\\" in target or "%5c" in target.lower():
        return False
    if any(ord(char) < 32 for char in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def large_upload(view):
    """Mark a view that takes CSV files: its body may reach MAX_UPLOAD_LENGTH, not just 1 MiB."""
    view.large_upload = True
    return view


def body_cap() -> int | None:
    """The most bytes this request's view may receive."""
    view = current_app.view_functions.get(request.endpoint or "")
    if getattr(view, "large_upload", False):
        return current_app.config["MAX_UPLOAD_LENGTH"]
    return current_app.config["MAX_CONTENT_LENGTH"]


def refuse_oversized_body():
    """413 before anything (the rate limiter's key function included) reads the body.

    A declared Content-Length over the cap is refused here unread; a chunked body is cut
    off by Werkzeug's stream limit at the same cap (request.max_content_length).
    """
    cap = body_cap()
    request.max_content_length = cap
    if cap is not None and (request.content_length or 0) > cap:
        abort(413, body_too_large_message(cap))


def body_too_large_message(cap: int) -> str:
    return f"The request is larger than this address accepts (at most {cap // 1024:,} KiB)."


def register(app: Flask) -> None:
    # First of all hooks: Flask-Limiter registered its own when it was bound to the app.
    hooks = app.before_request_funcs.setdefault(None, [])
    hooks[0:0] = [refuse_oversized_body, refuse_unstorable_text]

    @app.before_request
    def require_sign_in():
        """Every page needs a signed-in person unless its view is marked public."""
        if request.blueprint == "api" or is_public_endpoint(request.endpoint):
            return None
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        return None

    @app.after_request
    def add_security_headers(response):
        for header, value in SECURITY_HEADERS.items():
            response.headers.setdefault(header, value)
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        if current_user and getattr(current_user, "is_authenticated", False):
            response.headers.setdefault("Cache-Control", "no-store")
        return response
