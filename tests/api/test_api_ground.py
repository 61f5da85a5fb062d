"""The API's shared behaviour: errors, authentication, lists, the OpenAPI document."""

import re

import pytest
from openapi_spec_validator import validate

from eximpact.access import public
from tests.factories import PersonFactory, TeamFactory


@pytest.mark.parametrize("path", ["/api/v1/nothing-here", "/api/v1/people/abc/xyz"])
def test_an_unknown_api_url_is_a_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.is_json
    assert response.get_json()["error"]["code"] == "not_found"
    assert response.get_json()["error"]["message"]


def test_a_wrong_method_is_a_json_405(api, person):
    response = api(person).delete("/api/v1/people")
    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "method_not_allowed"


def test_no_token_is_a_json_401_with_a_bearer_challenge(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"
    assert response.headers["WWW-Authenticate"].lower().startswith("bearer")


def test_a_made_up_token_is_refused(client):
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer exi_made_up"})
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("body", "content_type"),
    [("{not json", "application/json"), ("[1, 2]", "application/json"), ("email=x", "text/plain")],
)
def test_a_body_that_is_not_a_json_object_is_a_400(client, body, content_type):
    response = client.post("/api/v1/auth/token", data=body, content_type=content_type)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_request"


def test_an_unexpected_error_under_the_api_is_a_json_500(app, api, person):
    @app.get("/api/v1/boom-for-test")
    @public
    def boom():
        raise RuntimeError("kaboom")

    response = api(person).get("/api/v1/boom-for-test")
    assert response.status_code == 500
    assert response.get_json()["error"]["code"] == "server_error"
    assert "kaboom" not in response.get_data(as_text=True)


def test_me_shows_the_roles(api):
    hr = PersonFactory(roles=["hr"])
    body = api(hr).get("/api/v1/me").get_json()
    assert body["roles"] == ["employee", "hr"]
    assert set(body) >= {"id", "name", "email", "roles", "team_id", "manager_id"}


def test_people_are_listed_with_the_page_envelope(api, person):
    for _ in range(7):
        PersonFactory()
    body = api(person).get("/api/v1/people?per_page=3&page=2").get_json()
    assert body["page"] == 2 and body["per_page"] == 3 and body["total"] == 8
    assert len(body["items"]) == 3


def test_per_page_is_capped_at_200(api, person):
    assert api(person).get("/api/v1/people?per_page=5000").get_json()["per_page"] == 200


def test_people_can_be_searched_and_filtered_by_team(api, person):
    care = TeamFactory(name="Care")
    PersonFactory(name="Zelda Quist", team=care)
    PersonFactory(name="Zelda Other")
    client = api(person)
    assert [p["name"] for p in client.get("/api/v1/people?q=zelda q").get_json()["items"]] == [
        "Zelda Quist"
    ]
    by_team = client.get(f"/api/v1/people?team_id={care.id}").get_json()
    assert [p["name"] for p in by_team["items"]] == ["Zelda Quist"]


def test_a_malformed_filter_is_a_422_naming_it(api, person):
    response = api(person).get("/api/v1/people?team_id=abc")
    assert response.status_code == 422
    assert "team_id" in response.get_json()["error"]["fields"]


def test_teams_are_listed(api, person):
    TeamFactory(name="Alpha")
    body = api(person).get("/api/v1/teams").get_json()
    assert [t["name"] for t in body["items"]] == ["Alpha"]


def test_the_openapi_document_is_valid_openapi_3(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    validate(response.get_json())


def test_every_api_route_is_described_in_the_openapi_document(app, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    documented = {re.sub(r"\{[^}]+\}", "{}", path): ops for path, ops in spec["paths"].items()}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        path = re.sub(r"<[^>]+>", "{}", rule.rule.removeprefix("/api/v1"))
        assert path in documented, f"{rule.rule} is not in the OpenAPI document"
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert method.lower() in documented[path], f"{method} {rule.rule} is not described"


def test_an_integer_no_database_column_can_hold_is_a_422_not_a_500(api, person):
    client = api(person)
    response = client.get("/api/v1/people?team_id=99999999999999999999")
    assert response.status_code == 422 and "team_id" in response.get_json()["error"]["fields"]


@pytest.mark.parametrize(
    "path", ["/api/v1/campaigns/99999999999999999999", "/org/people/99999999999999999999/edit"]
)
def test_an_id_too_large_for_the_database_is_a_404_not_a_500(client, auth, api, path):
    hr = PersonFactory(roles=["hr"])
    auth.login(hr)
    response = api(hr).get(path) if path.startswith("/api/") else client.get(path)
    assert response.status_code == 404
