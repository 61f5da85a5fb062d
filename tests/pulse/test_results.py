"""Results: only once closed, only what the disclosure rule allows, the same everywhere."""

import csv
import html
import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from eximpact.audit.models import AuditEvent
from eximpact.extensions import db
from eximpact.pulse.items import CLIMATE_ITEMS
from eximpact.pulse.maths import clear_change, enps_stats
from tests.factories import PersonFactory, TeamFactory
from tests.pulse.factories import GOOD, CustomerCare, answer_as, make_round, open_round

CLIMATE_KEYS = [item.key for item in CLIMATE_ITEMS]

LOW = {"mission": 2, "feedback": 2, "tools": 2}


def _lead_check(api):
    """HR asks Customer Care; six of Care North and two of Care South answer; HR closes."""
    org = CustomerCare()
    hr = PersonFactory(roles=["hr"])
    hr_api = api(hr)
    round_ = open_round(hr, make_round(hr, teams=[org.care], enps=True))
    for person in org.north_people[:6] + org.south_people[:2]:
        response = api(person).post(
            f"/api/v1/pulse/rounds/{round_.id}/responses",
            json={"answers": {"mission": 6, "feedback": 5, "tools": 6, "enps": 9}},
        )
        assert response.status_code == 201
    return org, hr, hr_api, round_


def test_results_before_closing_are_a_409(api):
    _org, _hr, hr_api, round_ = _lead_check(api)
    response = hr_api.get(f"/api/v1/pulse/rounds/{round_.id}/results")
    assert response.status_code == 409
    assert hr_api.get(f"/api/v1/pulse/rounds/{round_.id}/results.csv").status_code == 409


def test_the_lead_check_care_south_hidden_and_no_subtraction_reaches_its_two_answers(api):
    org, _hr, hr_api, round_ = _lead_check(api)
    assert hr_api.post(f"/api/v1/pulse/rounds/{round_.id}/close").status_code == 200
    data = hr_api.get(f"/api/v1/pulse/rounds/{round_.id}/results").get_json()
    teams = {row["team_id"]: row for row in data["teams"]}
    south, north, care = teams[org.south.id], teams[org.north.id], teams[org.care.id]
    assert south["responses"] == {"value": None, "status": "not_enough_responses"}
    assert north["responses"] == {"value": None, "status": "withheld_to_protect_others"}
    assert care["responses"] == {"value": 8, "status": "shown"}
    assert data["organisation"]["responses"]["value"] == 8
    for hidden in (south, north):
        for name in ("engaged_share", "mean", "participation", "enps", "change"):
            assert hidden[name]["value"] is None
        assert all(f["value"] is None for f in hidden["items"].values())
        assert all(f["value"] is None for f in hidden["bands"].values())
    # Every published count minus every published count below it: never 1..k−1.
    published = [row["responses"]["value"] for row in data["teams"] if row["status"] == "shown"]
    total = data["organisation"]["responses"]["value"]
    assert all(total - value == 0 or total - value >= 5 for value in published)


def test_page_csv_and_api_hide_exactly_the_same_cells(api, client, auth):
    org, hr, hr_api, round_ = _lead_check(api)
    hr_api.post(f"/api/v1/pulse/rounds/{round_.id}/close")
    data = hr_api.get(f"/api/v1/pulse/rounds/{round_.id}/results").get_json()
    api_hidden = {row["name"] for row in data["teams"] if row["status"] != "shown"}
    text = hr_api.get(f"/api/v1/pulse/rounds/{round_.id}/results.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    csv_hidden = {row["team"] for row in rows if row["status"] != "shown"}
    assert all(row["responses"] == "" for row in rows if row["status"] != "shown")
    auth.login(hr)
    workbook = load_workbook(io.BytesIO(client.get(f"/pulse/rounds/{round_.id}/results.xlsx").data))
    sheet = list(workbook.active.iter_rows(min_row=2, values_only=True))
    columns = sheet[0]
    xlsx_rows = [dict(zip(columns, values, strict=True)) for values in sheet[1:]]
    xlsx_hidden = {row["team"] for row in xlsx_rows if row["status"] != "shown"}
    assert all(row["responses"] in (None, "") for row in xlsx_rows if row["status"] != "shown")
    page = client.get(f"/pulse/rounds/{round_.id}/results").get_data(as_text=True)
    rows_on_page = re.findall(r'<tr data-team="([^"]+)" data-status="([^"]+)">', page)
    page_hidden = {html.unescape(name) for name, status in rows_on_page if status != "shown"}
    assert page.count("heat-hidden") == 2 * 3  # two hidden teams × three items
    hidden = {org.north.name, org.south.name}
    assert api_hidden == csv_hidden == xlsx_hidden == page_hidden == hidden
    assert "Why some figures are hidden" in page
    chart = page[page.index("<svg") : page.index("</svg>")]
    assert org.care.name in chart  # the chart draws the shown team …
    assert org.north.name not in chart and org.south.name not in chart  # … and not the hidden


def test_viewing_results_is_audited(api):
    _org, hr, hr_api, round_ = _lead_check(api)
    hr_api.post(f"/api/v1/pulse/rounds/{round_.id}/close")
    hr_api.get(f"/api/v1/pulse/rounds/{round_.id}/results")
    events = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.entity_type == "pulse_round", AuditEvent.action == "results_viewed"
        )
    ).all()
    assert [(e.actor_id, e.detail) for e in events] == [(hr.id, {"output": "api"})]


def test_a_manager_sees_only_the_teams_they_manage_and_below(api):
    org, _hr, hr_api, round_ = _lead_check(api)
    hr_api.post(f"/api/v1/pulse/rounds/{round_.id}/close")
    north_manager = org.north_people[0]
    data = api(north_manager).get(f"/api/v1/pulse/rounds/{round_.id}/results").get_json()
    assert [row["team_id"] for row in data["teams"]] == [org.north.id]
    assert data["teams"][0]["status"] == "withheld_to_protect_others"  # the same cell as HR's
    head = api(org.head).get(f"/api/v1/pulse/rounds/{round_.id}/results").get_json()
    assert {row["team_id"] for row in head["teams"]} == {org.care.id, org.north.id, org.south.id}
    employee = org.north_people[3]
    assert api(employee).get(f"/api/v1/pulse/rounds/{round_.id}/results").status_code == 403
    stranger = PersonFactory(team=TeamFactory(), roles=["manager"])
    stranger.team.manager = stranger
    db.session.flush()
    assert api(stranger).get(f"/api/v1/pulse/rounds/{round_.id}/results").status_code == 403


def test_comments_need_max_k_and_ten_respondents(api):
    team = TeamFactory()
    hr = PersonFactory(roles=["hr"])
    people = [PersonFactory(team=team) for _ in range(12)]
    round_ = open_round(hr, make_round(hr, teams=[team], comments=True))
    answer_as(people[:9], round_, comment="Nine is not enough for a comment.")
    hr_api = api(hr)
    hr_api.post(f"/api/v1/pulse/rounds/{round_.id}/close")
    assert hr_api.get(f"/api/v1/pulse/rounds/{round_.id}/comments").get_json()["items"] == []
    results = hr_api.get(f"/api/v1/pulse/rounds/{round_.id}/results").get_json()
    assert results["organisation"]["responses"]["value"] == 9  # the scores still show

    other = open_round(hr, make_round(hr, teams=[team], comments=True, title="Second"))
    answer_as(people[:10], other, comment="Ten is enough.")
    hr_api.post(f"/api/v1/pulse/rounds/{other.id}/close")
    items = hr_api.get(f"/api/v1/pulse/rounds/{other.id}/comments").get_json()["items"]
    assert len(items) == 10 and all(set(item) == {"team_id", "text"} for item in items)


def test_engagement_figures_follow_temkin_bands_and_the_change_test(api):
    team = TeamFactory()
    hr = PersonFactory(roles=["hr"])
    people = [PersonFactory(team=team) for _ in range(20)]
    first = open_round(hr, make_round(hr, teams=[team], title="First"))
    answer_as(people, first, LOW)
    hr_api = api(hr)
    hr_api.post(f"/api/v1/pulse/rounds/{first.id}/close")
    second = open_round(hr, make_round(hr, teams=[team], title="Second"))
    answer_as(people[:10], second, {"mission": 7, "feedback": 6, "tools": 6})
    answer_as(people[10:], second, {"mission": 5, "feedback": 5, "tools": 6})
    hr_api.post(f"/api/v1/pulse/rounds/{second.id}/close")
    org = hr_api.get(f"/api/v1/pulse/rounds/{second.id}/results").get_json()["organisation"]
    assert org["engaged_share"]["value"] == 1.0
    assert org["bands"]["highly"]["value"] == 0.5  # 19
    assert org["bands"]["moderately"]["value"] == 0.5  # 16
    assert org["mean"]["value"] == 17.5
    assert org["items"]["mission"]["value"] == 6.0
    assert org["change"]["direction"] == "up" and org["change"]["clear"] is True


def test_clear_change_and_enps_maths():
    assert clear_change(12, 20, 6, 20) == "up"  # 60 % vs 30 %: z ≈ 1.9
    assert clear_change(11, 20, 9, 20) is None  # 55 % vs 45 %: no clear change
    assert clear_change(2, 20, 10, 20) == "down"
    assert enps_stats([10, 9, 8, 7, 6, 0]) == {
        "score": 0,
        "promoters": 2,
        "passives": 2,
        "detractors": 2,
        "n": 6,
    }


def test_climate_results_give_the_index_and_sit_beside_the_apps_facts(api):
    team = TeamFactory()
    hr = PersonFactory(roles=["hr"])
    people = [PersonFactory(team=team) for _ in range(5)]
    round_ = open_round(hr, make_round(hr, teams=[team], kind="climate"))
    values = {
        "greet": 5,
        "talk": 5,
        "surroundings": 3,
        "gratitude": 4,
        "results_visible": 4,
        "celebrate": 3,
    }
    answer_as(people, round_, values)
    hr_api = api(hr)
    hr_api.post(f"/api/v1/pulse/rounds/{round_.id}/close")
    data = hr_api.get(f"/api/v1/pulse/rounds/{round_.id}/results").get_json()
    row = data["teams"][0]
    assert row["climate_index"]["value"] == 75.0  # mean 4 → (4 − 1) × 25
    assert row["context"]["facts"]["people"] == 5
    assert row["context"]["facts"]["awards"] == 0


def _organisation(teams: int, per_team: int, kind: str):
    hr = PersonFactory(roles=["hr"])
    root = TeamFactory()
    people = []
    for _ in range(teams):
        team = TeamFactory(parent=root)
        people += [PersonFactory(team=team) for _ in range(per_team)]
    round_ = open_round(hr, make_round(hr, teams=[root], kind=kind, enps=kind == "engagement"))
    values = GOOD if kind == "engagement" else dict.fromkeys(CLIMATE_KEYS, 4)
    answer_as(people, round_, values)
    from eximpact.pulse.services.rounds import close_round

    close_round(hr, round_)
    return hr, round_


@pytest.mark.parametrize("kind", ["engagement", "climate"])
def test_results_take_the_same_number_of_queries_for_a_small_and_a_large_organisation(
    api, count_queries, kind
):
    counts = []
    _organisation(1, 5, kind)  # an earlier round, so both measured rounds compare with one
    for teams, per_team in ((2, 5), (12, 9)):
        hr, round_ = _organisation(teams, per_team, kind)
        client = api(hr)
        with count_queries() as counter:
            assert client.get(f"/api/v1/pulse/rounds/{round_.id}/results").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]
