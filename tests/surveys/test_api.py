"""`/api/v1/insight/external-metrics`: batches all or nothing, faults by index, idempotent."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from eximpact.audit.models import AuditEvent
from eximpact.extensions import db
from eximpact.surveys.models import ExternalMetric
from tests.factories import PersonFactory, TeamFactory
from tests.surveys.factories import ExternalMetricFactory

URL = "/api/v1/insight/external-metrics"


@pytest.fixture
def hr(app):
    return PersonFactory(roles=["hr"])


def _item(team, **changes):
    return {
        "team_id": team.id,
        "period": "2026-Q3",
        "metric": "nps",
        "value": 42.5,
        "n": 120,
        "source": "Medallia",
        "external_id": None,
        **changes,
    }


def _stored() -> int:
    return db.session.scalar(select(func.count()).select_from(ExternalMetric))


def test_one_result_is_stored_normalised_and_answered_201(api, hr, team):
    """One object is stored with its period normalised, and answered 201 with the item."""
    response = api(hr).post(URL, json=_item(team, period=" 2026-09 ", metric="NPS"))
    assert response.status_code == 201, response.json
    (item,) = response.json["items"]
    assert item["period"] == "2026-09" and item["grain"] == "month" and item["metric"] == "nps"
    assert item["value"] == 42.5 and item["n"] == 120
    row = db.session.get(ExternalMetric, item["id"])
    assert row.period_start.isoformat() == "2026-09-01" and row.value == Decimal("42.5")


def test_a_batch_is_stored_with_one_audit_row(api, hr, team):
    """A list of results is stored at once, and the audit trail holds one row for the batch."""
    items = [_item(team, metric=name, value=value) for name, value in [("nps", 10), ("ces", 5)]]
    response = api(hr).post(URL, json=items)
    assert response.status_code == 201
    assert len(response.json["items"]) == 2 and _stored() == 2
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.entity_type == "external_metric")
    ).all()
    assert len(events) == 1 and events[0].detail["created"] == 2


def test_a_bad_item_saves_nothing_and_each_fault_is_named_by_index(api, hr, team):
    """One bad item refuses the whole batch, and every fault names the item's index."""
    items = [
        _item(team),
        _item(team, metric="csat", value=140),
        _item(team, metric="ces", period="2026-Q5", n=0),
        _item(team, team_id=team.id + 999, metric="x"),
    ]
    response = api(hr).post(URL, json=items)
    assert response.status_code == 422
    fields = response.json["error"]["fields"]
    assert "1.value" in fields and "2.period" in fields and "2.n" in fields
    assert "3.team_id" in fields and "0.value" not in fields
    assert _stored() == 0


def test_values_outside_a_known_metrics_scale_are_refused(api, hr, team):
    """NPS lies in −100…100, CSAT 0…100, CES 1…7; other metrics any number within ±1e9."""
    client = api(hr)
    for metric, value in [("nps", -101), ("csat", -1), ("ces", 0.5), ("revenue", 2e9)]:
        response = client.post(URL, json=_item(team, metric=metric, value=value))
        assert response.status_code == 422, (metric, value)
        assert "value" in response.json["error"]["fields"]
    assert client.post(URL, json=_item(team, metric="revenue", value=-5e8)).status_code == 201


def test_an_inactive_team_is_refused(api, hr):
    """Results for a team that was deactivated are refused."""
    old = TeamFactory(active=False)
    response = api(hr).post(URL, json=_item(old))
    assert response.status_code == 422 and "team_id" in response.json["error"]["fields"]


def test_a_repeated_external_id_answers_the_stored_item_with_200(api, hr, team):
    """The same external id again stores nothing new: 200 with the stored item."""
    client = api(hr)
    first = client.post(URL, json=_item(team, external_id="m-1"))
    again = client.post(URL, json=_item(team, external_id="m-1", value=99))
    assert first.status_code == 201 and again.status_code == 200
    assert again.json["items"][0]["id"] == first.json["items"][0]["id"]
    assert again.json["items"][0]["value"] == 42.5 and _stored() == 1


def test_the_same_result_without_external_id_is_not_duplicated(api, hr, team):
    """Without external ids, team × metric × period × source is the key: stored once."""
    client = api(hr)
    assert client.post(URL, json=[_item(team)]).status_code == 201
    assert client.post(URL, json=[_item(team)]).status_code == 200
    corrected = client.post(URL, json=[_item(team, value=44)])
    assert corrected.status_code == 201 and _stored() == 1
    assert corrected.json["items"][0]["value"] == 44


def test_the_same_result_twice_in_one_batch_is_refused(api, hr, team):
    """A batch that holds one result twice names the second one."""
    response = api(hr).post(URL, json=[_item(team), _item(team, value=1)])
    assert response.status_code == 422 and "1.period" in response.json["error"]["fields"]


def test_more_than_1000_items_are_refused(api, hr, team):
    """A batch of 1001 items is refused with 422, and nothing is stored."""
    response = api(hr).post(URL, json=[_item(team, n=i + 1) for i in range(1001)])
    assert response.status_code == 422 and _stored() == 0


def test_a_batch_costs_the_same_queries_for_10_items_as_for_1000(api, hr, count_queries):
    """Checking and storing results queries a fixed number of times, not once per item."""
    teams = TeamFactory.create_batch(10)
    client = api(hr)

    def selects_for(count: int, metric: str) -> int:
        items = [
            _item(teams[i % 10], period=f"{2000 + i // 12}-{i % 12 + 1:02d}", metric=metric)
            for i in range(count)
        ]
        with count_queries() as counter:
            assert client.post(URL, json=items).status_code == 201
        return sum(s.lstrip().upper().startswith("SELECT") for s in counter.statements)

    selects_for(1, "warm")  # the first request also loads what the app caches
    assert selects_for(10, "small") == selects_for(1000, "large")


@pytest.mark.parametrize("role", [None, "manager", "ambassador"])
def test_only_hr_and_admins_send_results(api, team, role):
    """Employees, managers and ambassadors may not send survey results."""
    person = PersonFactory(roles=[role] if role else [])
    assert api(person).post(URL, json=_item(team)).status_code == 403


def test_a_manager_lists_only_their_teams_results(api, team):
    """A manager reads the results of the teams they manage and below, nobody else's."""
    manager = PersonFactory(roles=["manager"])
    team.manager = manager
    below = TeamFactory(parent=team)
    mine = [ExternalMetricFactory(team=team), ExternalMetricFactory(team=below)]
    ExternalMetricFactory(team=TeamFactory())
    db.session.flush()
    response = api(manager).get(URL)
    assert response.status_code == 200
    assert sorted(item["id"] for item in response.json["items"]) == sorted(r.id for r in mine)


def test_the_list_filters_by_metric_and_period(api, hr, team):
    """`metric` and `period` narrow the list; a bad period answers 422."""
    keep = ExternalMetricFactory(team=team, metric="csat", period="2026-Q2")
    ExternalMetricFactory(team=team, metric="nps", period="2026-Q2")
    ExternalMetricFactory(team=team, metric="csat", period="2026-Q3")
    client = api(hr)
    response = client.get(f"{URL}?metric=csat&period=2026-Q2")
    assert [item["id"] for item in response.json["items"]] == [keep.id]
    assert client.get(f"{URL}?period=2026-13").status_code == 422
