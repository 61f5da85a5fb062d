"""The application shell: configuration, security headers, error pages, templates."""

import re
from pathlib import Path

import pytest

from config import PROJECT_ROOT, ProductionConfig
from eximpact import create_app

TEMPLATES = PROJECT_ROOT / "templates"


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    """Secrets only come from the environment: no default key in production."""
    config = type("NoSecret", (ProductionConfig,), {"SECRET_KEY": None})
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(config)


def test_production_cookies_are_secure():
    assert ProductionConfig.SESSION_COOKIE_SECURE is True
    assert ProductionConfig.REMEMBER_COOKIE_SECURE is True
    assert ProductionConfig.SESSION_COOKIE_HTTPONLY is True
    assert ProductionConfig.SESSION_COOKIE_SAMESITE == "Lax"


@pytest.mark.parametrize("path", ["/sign-in", "/", "/api/v1/openapi.json", "/api/v1/nothing"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert (
        "script-src 'self'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_session_cookie_is_httponly_and_samesite_lax(client, person, auth):
    response = auth.login(person)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def _template_files() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize("template", _template_files(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_templates_have_no_inline_script(template):
    """The CSP forbids inline script, so no template may rely on it."""
    source = template.read_text()
    for tag in re.findall(r"<script\b[^>]*>", source):
        assert "src=" in tag, f"inline <script> in {template.name}"
    assert not re.search(r"\son[a-z]+\s*=", source), f"inline event handler in {template.name}"
    assert "javascript:" not in source


def test_unknown_page_is_a_friendly_404(client, auth, person):
    auth.login(person)
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert b"We could not find that page" in response.data


def test_an_unexpected_error_gives_the_friendly_500_page(app, client, auth, person):
    @app.get("/boom-for-test")
    def boom():
        raise RuntimeError("kaboom")

    auth.login(person)
    response = client.get("/boom-for-test")
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.data
    assert b"kaboom" not in response.data


def test_static_assets_are_served_locally_without_a_cdn(client):
    page = client.get("/sign-in").get_data(as_text=True)
    assert "cdn." not in page and "jsdelivr" not in page and "https://" not in page
    for asset in ("/bootstrap/static/css/bootstrap.min.css", "/static/app.js"):
        response = client.get(asset)
        assert response.status_code == 200
        response.close()
