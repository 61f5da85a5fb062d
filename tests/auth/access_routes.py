"""Access rules of sign-in, settings and the home page."""

from tests.access import PUBLIC, SIGNED_IN, r

ROUTES = {
    "auth.sign_in": r(PUBLIC, ("GET", "/sign-in", None)),
    "auth.sign_out": r(SIGNED_IN, ("POST", "/sign-out", None)),
    "auth.settings": r(SIGNED_IN, ("GET", "/settings", None)),
    "auth.change_password": r(SIGNED_IN, ("POST", "/settings/password", None)),
    "auth.create_token": r(SIGNED_IN, ("POST", "/settings/tokens", None)),
    "auth.revoke_token": r(SIGNED_IN, ("POST", "/settings/tokens/{own_token}/revoke", None)),
    "main.index": r(SIGNED_IN, ("GET", "/", None)),
    "api.openapi_document": r(PUBLIC, ("GET", "/api/v1/openapi.json", None)),
    "api.docs": r(PUBLIC, ("GET", "/api/v1/docs", None)),
    # 422 (no credentials): reached, not refused
    "api.create_token": r(PUBLIC, ("POST", "/api/v1/auth/token", {})),
    "api.revoke_token": r(SIGNED_IN, ("DELETE", "/api/v1/auth/token", None)),
    "api.me": r(SIGNED_IN, ("GET", "/api/v1/me", None)),
}
ROUTES["auth.forgot_password"] = r(PUBLIC, ("GET", "/password/forgot", None))
ROUTES["auth.set_password"] = r(PUBLIC, ("GET", "/password/set", None))
ROUTES["auth.set_password_legacy"] = r(PUBLIC, ("GET", "/password/set/not-a-valid-token", None))
