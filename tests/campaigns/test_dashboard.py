"""The programme dashboard: pillar balance, cadence and KPIs; the page and the API agree."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from eximpact.campaigns.models import PILLARS
from eximpact.campaigns.services.dashboard import build_dashboard, dashboard_json, kpi_progress
from eximpact.extensions import db
from tests.campaigns.factories import CampaignFactory, InitiativeFactory, KpiFactory
from tests.factories import PersonFactory


@pytest.fixture
def campaign(app):
    return CampaignFactory(start_date=date(2026, 1, 1), end_date=date(2026, 12, 31))


def board_json(campaign):
    return dashboard_json(build_dashboard(campaign))


def test_all_five_pillars_are_reported_even_when_empty(campaign):
    pillars = board_json(campaign)["pillars"]
    assert list(pillars) == list(PILLARS)
    assert all(p["initiatives"] == 0 for p in pillars.values())
    assert all(p["warnings"][0]["code"] == "no_initiatives" for p in pillars.values())


def test_pillar_balance_counts_progress_money_and_two_way(campaign):
    InitiativeFactory(
        campaign=campaign,
        pillar="engage",
        status="in_progress",
        progress=40,
        budget=Decimal(100),
        actual_cost=Decimal(30),
        two_way=True,
    )
    InitiativeFactory(
        campaign=campaign,
        pillar="engage",
        status="done",
        progress=100,
        budget=Decimal(50),
        actual_cost=Decimal(60),
    )
    engage = board_json(campaign)["pillars"]["engage"]
    assert engage == {
        "initiatives": 2,
        "active": 1,
        "progress": 70.0,
        "budget": 150.0,
        "actual_cost": 90.0,
        "two_way": 1,
        "warnings": engage["warnings"],
    }
    assert [w["code"] for w in engage["warnings"]] == ["over_budget"]  # one initiative overspent


def test_a_pillar_with_only_one_way_initiatives_is_warned_about(campaign):
    InitiativeFactory(campaign=campaign, pillar="inform", two_way=False)
    InitiativeFactory(campaign=campaign, pillar="inform", two_way=False)
    codes = [w["code"] for w in board_json(campaign)["pillars"]["inform"]["warnings"]]
    assert codes == ["one_way_only"]


def test_spend_over_a_pillars_budget_is_warned_about(campaign):
    InitiativeFactory(
        campaign=campaign,
        pillar="reward",
        two_way=True,
        budget=Decimal(100),
        actual_cost=Decimal("100.01"),
    )
    warnings = board_json(campaign)["pillars"]["reward"]["warnings"]
    assert [w["code"] for w in warnings] == ["over_budget"]
    assert "100.01" in warnings[0]["message"]


def test_spend_over_the_campaign_budget_is_warned_about(campaign):
    campaign.budget = Decimal(100)
    InitiativeFactory(campaign=campaign, budget=Decimal(80), actual_cost=Decimal(120))
    assert [w["code"] for w in board_json(campaign)["warnings"]] == ["over_budget"]


def test_drafts_and_cancelled_initiatives_do_not_count(campaign):
    InitiativeFactory(campaign=campaign, pillar="inspire", status="draft", two_way=True)
    InitiativeFactory(campaign=campaign, pillar="inspire", status="cancelled", two_way=True)
    board = board_json(campaign)
    assert board["pillars"]["inspire"]["initiatives"] == 0
    assert board["cadence"]["covered_weeks"] == 0


def test_cadence_share_and_gaps(campaign):
    InitiativeFactory(
        campaign=campaign,
        frequency="weekly",
        start_date=date(2026, 3, 4),
        end_date=date(2026, 3, 25),
    )
    cadence = board_json(campaign)["cadence"]
    assert cadence["weeks"] == 53
    assert cadence["covered_weeks"] == 4
    assert cadence["share"] == round(4 / 53, 4)
    assert cadence["by_pillar"]["inform"] == round(4 / 53, 4)
    assert cadence["gaps"] == [
        {"from": "2026-01-01", "to": "2026-03-01", "weeks": 9},
        {"from": "2026-03-30", "to": "2026-12-31", "weeks": 40},
    ]


@pytest.mark.parametrize(
    ("baseline", "target", "actual", "expected"),
    [
        (30, 40, 35, 0.5),
        (14, 10, 12, 0.5),
        (30, 40, 45, 1.0),
        (30, 40, 20, 0.0),
        (None, 40, 10, 0.25),
        (30, 40, None, None),
        (10, 10, 10, 1.0),
    ],
)
def test_kpi_progress_runs_from_baseline_to_target_either_way(
    app, baseline, target, actual, expected
):
    kpi = KpiFactory(baseline=baseline, target=target, actual=actual)
    assert kpi_progress(kpi, kpi.actual) == expected


def test_the_page_shows_the_same_numbers_as_the_api(client, auth, api, campaign):
    hr = PersonFactory(roles=["hr"])
    InitiativeFactory(
        campaign=campaign,
        pillar="instruct",
        status="in_progress",
        two_way=True,
        budget=Decimal(1234),
        title="Coaching <b>circle</b>",
    )
    db.session.commit()
    body = api(hr).get(f"/api/v1/campaigns/{campaign.id}/dashboard").get_json()
    auth.login(hr)
    page = client.get(f"/campaigns/{campaign.id}").get_data(as_text=True)
    assert f"{round(body['cadence']['share'] * 100)}%" in page
    assert f"{body['cadence']['covered_weeks']} of {body['cadence']['weeks']} weeks" in page
    assert "1,234.00" in page


@pytest.mark.parametrize("path", ["/campaigns/{id}", "/api/v1/campaigns/{id}/dashboard"])
def test_the_dashboard_query_count_does_not_grow_with_initiatives(
    client, auth, api, campaign, count_queries, path
):
    """10 or 500 initiatives: the same number of queries (aggregation happens in SQL)."""
    hr = PersonFactory(roles=["hr"])
    bearer = api(hr)
    auth.login(hr)
    counts = {}
    for total in (10, 500):
        existing = len(campaign_initiatives(campaign))
        for n in range(existing, total):
            InitiativeFactory(
                campaign=campaign,
                pillar=PILLARS[n % 5],
                two_way=n % 2 == 0,
                frequency=("once", "weekly", "monthly")[n % 3],
                status="in_progress",
                start_date=date(2026, 1, 1) + timedelta(days=n % 300),
                end_date=date(2026, 12, 20),
                budget=Decimal(n),
                actual_cost=Decimal(n // 2),
            )
        db.session.commit()
        url = path.format(id=campaign.id)
        fetch = bearer.get if url.startswith("/api/") else client.get
        fetch(url)  # warm up: the first API call also records the token's last use
        with count_queries() as counter:
            assert fetch(url).status_code == 200
        counts[total] = counter.count
    assert counts[10] == counts[500], counts


def campaign_initiatives(campaign):
    from sqlalchemy import select

    from eximpact.campaigns.models import Initiative

    return db.session.scalars(
        select(Initiative.id).where(Initiative.campaign_id == campaign.id)
    ).all()
