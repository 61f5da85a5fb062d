"""With CSRF protection on (as in production), every form POST needs the session's token."""

import re

import pytest

from tests.access import all_routes, build_world, url_for_persona
from tests.factories import TEST_PASSWORD, PersonFactory


@pytest.fixture
def app(make_app):
    return make_app(WTF_CSRF_ENABLED=True)


def csrf_token(client, path="/sign-in") -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def sign_in(client, person):
    token = csrf_token(client)
    response = client.post(
        "/sign-in", data={"email": person.email, "password": TEST_PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


def test_sign_in_without_the_token_is_refused(client, app):
    person = PersonFactory()
    response = client.post("/sign-in", data={"email": person.email, "password": TEST_PASSWORD})
    assert response.status_code == 400
    assert b"CSRF" in response.data


def test_sign_in_with_the_token_works(client, app):
    sign_in(client, PersonFactory())
    assert client.get("/").status_code == 200


FORM_POSTS = sorted(
    (endpoint, template)
    for endpoint, route in all_routes().items()
    for method, template, _ in route.requests
    if method == "POST" and not template.startswith("/api/")
)


@pytest.mark.parametrize(("endpoint", "template"), FORM_POSTS, ids=[e for e, _ in FORM_POSTS])
def test_every_form_post_refuses_a_missing_token(client, app, endpoint, template):
    world = build_world()
    sign_in(client, world.personas["admin"])
    response = client.post(url_for_persona(template, world, "admin"), data={"name": "Forged"})
    assert response.status_code == 400, f"{endpoint} accepted a POST without a CSRF token"


def test_the_api_needs_no_csrf_token_because_it_takes_no_cookies(client, app):
    person = PersonFactory()
    response = client.post(
        "/api/v1/auth/token", json={"email": person.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 201
