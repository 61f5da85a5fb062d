"""Who may reach what: every route × every role, forbidden cases included.

`ROUTES` must name every endpoint of the app: a new route without an entry here
fails `test_every_route_is_in_the_matrix`, so nobody can add a page or an API
call without deciding who may use it.
"""

from dataclasses import dataclass, field

import pytest

from eximpact.auth.services import issue_personal_token
from eximpact.extensions import db
from tests.factories import PersonFactory, TeamFactory

PERSONAS = ("anonymous", "employee", "manager", "ambassador", "hr", "admin")
PUBLIC = frozenset(PERSONAS)
SIGNED_IN = PUBLIC - {"anonymous"}
PEOPLE_ADMINS = frozenset({"hr", "admin"})
ADMINS = frozenset({"admin"})


@dataclass
class World:
    """The rows the URLs point at, made fresh for each test."""

    personas: dict
    target_person: object
    target_team: object
    tokens: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Route:
    allowed: frozenset
    requests: tuple  # (method, url template, json body or None) …


def r(allowed, *requests) -> Route:
    return Route(frozenset(allowed), tuple(requests))


ROUTES: dict[str, Route] = {
    # sign-in and settings
    "auth.sign_in": r(PUBLIC, ("GET", "/sign-in", None)),
    "auth.sign_out": r(SIGNED_IN, ("POST", "/sign-out", None)),
    "auth.settings": r(SIGNED_IN, ("GET", "/settings", None)),
    "auth.change_password": r(SIGNED_IN, ("POST", "/settings/password", None)),
    "auth.create_token": r(SIGNED_IN, ("POST", "/settings/tokens", None)),
    "auth.revoke_token": r(SIGNED_IN, ("POST", "/settings/tokens/{own_token}/revoke", None)),
    "main.index": r(SIGNED_IN, ("GET", "/", None)),
    # organisation admin
    "org.people": r(PEOPLE_ADMINS, ("GET", "/org/people", None)),
    "org.new_person": r(
        PEOPLE_ADMINS, ("GET", "/org/people/new", None), ("POST", "/org/people/new", None)
    ),
    "org.edit_person": r(
        PEOPLE_ADMINS,
        ("GET", "/org/people/{person}/edit", None),
        ("POST", "/org/people/{person}/edit", None),
    ),
    "org.deactivate_person": r(PEOPLE_ADMINS, ("POST", "/org/people/{person}/deactivate", None)),
    "org.reactivate_person": r(PEOPLE_ADMINS, ("POST", "/org/people/{person}/reactivate", None)),
    "org.import_csv": r(PEOPLE_ADMINS, ("GET", "/org/import", None), ("POST", "/org/import", None)),
    "org.import_template": r(PEOPLE_ADMINS, ("GET", "/org/import/people-template.csv", None)),
    "org.teams": r(ADMINS, ("GET", "/org/teams", None)),
    "org.new_team": r(ADMINS, ("GET", "/org/teams/new", None), ("POST", "/org/teams/new", None)),
    "org.edit_team": r(
        ADMINS, ("GET", "/org/teams/{team}/edit", None), ("POST", "/org/teams/{team}/edit", None)
    ),
    "org.deactivate_team": r(ADMINS, ("POST", "/org/teams/{team}/deactivate", None)),
    "org.reactivate_team": r(ADMINS, ("POST", "/org/teams/{team}/reactivate", None)),
    # API
    "api.openapi_document": r(PUBLIC, ("GET", "/api/v1/openapi.json", None)),
    "api.create_token": r(PUBLIC, ("POST", "/api/v1/auth/token", {})),  # 422: reached, not refused
    "api.revoke_token": r(SIGNED_IN, ("DELETE", "/api/v1/auth/token", None)),
    "api.me": r(SIGNED_IN, ("GET", "/api/v1/me", None)),
    "api.people": r(SIGNED_IN, ("GET", "/api/v1/people", None)),
    "api.teams": r(SIGNED_IN, ("GET", "/api/v1/teams", None)),
}
# Served files need no check: static assets carry no data.
UNCHECKED = {"static", "bootstrap.static"}


def test_every_route_is_in_the_matrix(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()} - UNCHECKED
    assert endpoints - set(ROUTES) == set(), "routes without an access rule in the matrix"
    assert set(ROUTES) - endpoints == set(), "matrix entries for routes that no longer exist"


@pytest.fixture
def world(app) -> World:
    team = TeamFactory()
    personas = {
        "employee": PersonFactory(team=team),
        "manager": PersonFactory(team=team, roles=["manager"]),
        "ambassador": PersonFactory(team=team, roles=["ambassador"]),
        "hr": PersonFactory(roles=["hr"]),
        "admin": PersonFactory(roles=["admin"]),
    }
    world = World(personas, PersonFactory(team=team), TeamFactory())
    for name, person in personas.items():
        token, plain = issue_personal_token(person, "matrix", None)
        world.tokens[name] = (token.id, plain)
    db.session.commit()
    return world


def _url(template: str, world: World, persona: str) -> str:
    own_token = world.tokens.get(persona, (0, None))[0]
    return template.format(
        person=world.target_person.id,
        team=world.target_team.id,
        own_token=own_token,
    )


def _is_refused(response, persona: str, is_api: bool) -> bool:
    if persona == "anonymous":
        if is_api:
            return response.status_code == 401
        return response.status_code == 302 and "/sign-in" in response.headers["Location"]
    return response.status_code == 403


CASES = [(endpoint, persona) for endpoint in ROUTES for persona in PERSONAS]


@pytest.mark.parametrize(("endpoint", "persona"), CASES, ids=[f"{e}-{p}" for e, p in CASES])
def test_access(client, auth, world, endpoint, persona):
    """Allowed personas get through; everyone else is refused on the server."""
    route = ROUTES[endpoint]
    for method, template, body in route.requests:
        url = _url(template, world, persona)
        is_api = url.startswith("/api/")
        headers = {}
        if persona != "anonymous":
            if is_api:
                headers["Authorization"] = f"Bearer {world.tokens[persona][1]}"
            else:
                auth.login(world.personas[persona])
        response = client.open(url, method=method, json=body, headers=headers)
        refused = _is_refused(response, persona, is_api)
        if persona in route.allowed:
            assert not refused, f"{persona} was refused {method} {url}: {response.status_code}"
            assert response.status_code < 500, f"{method} {url} failed: {response.status_code}"
        else:
            assert refused, f"{persona} reached {method} {url}: {response.status_code}"
