"""Bad input is a 4xx, never a 500: the shared parsers (numbers, JSON, URLs) hold for every route.

Each case comes from the probe of issue 8; the fixes live in eximpact/validation.py
(whole_number), eximpact/requests.py (the request class and the JSON parser),
eximpact/pagination.py and templating.url_with, so these tests sweep every route.
"""

import json

import pytest

from eximpact.templating import url_with
from eximpact.validation import whole_number
from tests.factories import PersonFactory
from tests.praise.conftest import SECRET, Sender

HUGE = "99999999999999999999"
# Past 64 bits, and past PostgreSQL's 32-bit INTEGER ids (both signs).
QUERY_TRAPS = (
    f"page={HUGE}&per_page={HUGE}&team={HUGE}&team_id={HUGE}&cycle={HUGE}"
    "&person_id=3000000000&owner_id=-3000000000&project_id=2147483648&nominee_id=3000000000"
)
URL_FOR_TRAPS = "_anchor=x&_method=x&_scheme=x&_external=1&endpoint=x&values=x"


def _get_routes(app, api: bool) -> list[str]:
    """Every GET route without path arguments, under /api/v1 or not."""
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.arguments or rule.endpoint == "static":
            continue
        if rule.rule.startswith("/api/") == api:
            urls.append(rule.rule)
    return sorted(urls)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("2147483647", 2147483647),
        ("2147483648", None),
        ("²", None),
        ("٣", None),
        ("1_0", None),
        ("", None),
        (HUGE, None),
    ],
)
def test_a_whole_number_is_ascii_digits_that_fit_an_integer_column(raw, value):
    assert whole_number(raw) == value


def test_no_api_list_answers_500_to_a_page_beyond_64_bits(app, api):
    hr = api(PersonFactory(roles=["hr", "admin"]))
    for url in _get_routes(app, api=True):
        response = hr.get(f"{url}?{QUERY_TRAPS}")
        assert response.status_code < 500, (url, response.get_json())


def test_an_api_page_beyond_64_bits_is_a_422_naming_it(api, person):
    response = api(person).get(f"/api/v1/people?page={HUGE}")
    assert response.status_code == 422
    assert "page" in response.get_json()["error"]["fields"]


@pytest.mark.parametrize("query", [QUERY_TRAPS, URL_FOR_TRAPS])
def test_no_page_answers_500_to_huge_numbers_or_url_builder_arguments(app, client, auth, query):
    auth.login(PersonFactory(roles=["hr", "admin", "manager"]))
    for url in _get_routes(app, api=False):
        response = client.get(f"{url}?{query}")
        assert response.status_code < 500, url


def test_links_built_from_the_query_keep_url_builder_arguments_as_plain_query(app):
    with app.test_request_context("/org/people?_anchor=x&_scheme=y&endpoint=z&q=a%20b"):
        assert url_with(page=2) == "/org/people?_anchor=x&_scheme=y&endpoint=z&q=a+b&page=2"
        assert url_with("ambassadors.hours_csv").startswith("/ambassadors/reports/")


@pytest.fixture
def webhook_app(make_app):
    return make_app(PRAISE_WEBHOOK_SECRET=SECRET)


def test_a_huge_team_filter_on_the_praise_list_is_ignored(client, auth, person):
    auth.login(person)
    assert client.get(f"/praise/?team={HUGE}").status_code == 200


def test_an_id_past_32_bits_in_a_path_is_a_404(api, person):
    assert api(person).get("/api/v1/people/3000000000").status_code == 404


LONE_SURROGATE = '"\\ud800"'


@pytest.mark.parametrize(
    ("url", "template"),
    [
        ("/api/v1/auth/token", '{"email": %s, "password": "x"}'),
        ("/api/v1/praise", '{"source": "survey", "text": %s, "employee_ids": []}'),
        ("/api/v1/nominations", '{"nominee_id": 1, "category_id": 1, "reason": %s}'),
    ],
)
def test_a_lone_surrogate_in_any_json_string_is_a_400(api, person, url, template):
    response = api(person).post(
        url, data=template % LONE_SURROGATE, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert "surrogate" in response.get_json()["error"]["message"]


def test_json_nested_5000_deep_is_a_400(client):
    body = '{"email": ' + "[" * 5000 + "]" * 5000 + ', "password": "x"}'
    response = client.post("/api/v1/auth/token", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_request"


def test_json_nested_deeper_than_64_levels_is_a_400_even_below_pythons_limit(client):
    body = '{"email": ' + "[" * 100 + "]" * 100 + "}"
    response = client.post("/api/v1/auth/token", data=body, content_type="application/json")
    assert response.status_code == 400


def test_a_validly_signed_webhook_delivery_nested_5000_deep_is_a_400(webhook_app):
    response = Sender(webhook_app.test_client()).deliver(
        b'{"text": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    )
    assert response.status_code == 400


def test_a_webhook_timestamp_of_4301_digits_is_a_401(webhook_app):
    response = Sender(webhook_app.test_client()).deliver({"text": "x"}, timestamp="9" * 4301)
    assert response.status_code == 401


def test_a_template_that_is_an_object_is_a_422_naming_it(api):
    response = api(PersonFactory(roles=["hr"])).post("/api/v1/initiatives", json={"template": {}})
    assert response.status_code == 422
    assert "template" in response.get_json()["error"]["fields"]


def test_a_nul_character_in_json_is_a_400(api, person):
    body = json.dumps({"source": "survey", "text": "a\x00b", "employee_ids": [person.id]})
    response = api(person).post(
        "/api/v1/praise", data=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400


def test_a_nul_character_in_a_query_or_a_form_is_a_400(api, client, person):
    assert api(person).get("/api/v1/teams?q=a%00b").status_code == 400
    response = client.post("/sign-in", data={"email": "a\x00@example.com", "password": "x"})
    assert response.status_code == 400
