"""Who may reach what: every route × every role, forbidden cases included.

Each feature lists its routes in `tests/<feature>/access_routes.py`. A route of the
app that no list names fails `test_every_route_is_in_the_matrix`, so nobody can
add a page or an API call without deciding who may use it.
"""

import pytest

from tests.access import PERSONAS, World, all_routes, build_world, url_for_persona

ROUTES = all_routes()
# Served files need no check: static assets carry no data.
UNCHECKED = {"static", "bootstrap.static", "api_docs.static"}


def test_every_route_is_in_the_matrix(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()} - UNCHECKED
    assert endpoints - set(ROUTES) == set(), "routes without an access rule in the matrix"
    assert set(ROUTES) - endpoints == set(), "matrix entries for routes that no longer exist"


@pytest.fixture
def world(app) -> World:
    return build_world()


def _is_refused(response, persona: str, is_api: bool) -> bool:
    if persona == "anonymous":
        if is_api:
            return response.status_code == 401
        return response.status_code == 302 and "/sign-in" in response.headers["Location"]
    return response.status_code == 403


CASES = [(endpoint, persona) for endpoint in sorted(ROUTES) for persona in PERSONAS]


@pytest.mark.parametrize(("endpoint", "persona"), CASES, ids=[f"{e}-{p}" for e, p in CASES])
def test_access(client, auth, world, endpoint, persona):
    """Allowed personas get through; everyone else is refused on the server."""
    route = ROUTES[endpoint]
    if persona != "anonymous":
        auth.login(world.personas[persona])
    for method, template, body in route.requests:
        url = url_for_persona(template, world, persona)
        is_api = url.startswith("/api/")
        headers = {}
        if is_api and persona != "anonymous":
            headers["Authorization"] = f"Bearer {world.tokens[persona][1]}"
        response = client.open(url, method=method, json=body, headers=headers)
        refused = _is_refused(response, persona, is_api)
        if persona in route.allowed:
            assert not refused, f"{persona} was refused {method} {url}: {response.status_code}"
            assert response.status_code < 500, f"{method} {url} failed: {response.status_code}"
        else:
            assert refused, f"{persona} reached {method} {url}: {response.status_code}"
