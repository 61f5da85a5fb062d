"""Request hooks that keep every response safe: default-deny sign-in and security headers."""

from urllib.parse import urlsplit

from flask import Flask, request
from flask_login import current_user

from eximpact.access import is_public_endpoint
from eximpact.extensions import login_manager

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


def register(app: Flask) -> None:
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
