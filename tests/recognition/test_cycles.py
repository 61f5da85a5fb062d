"""Award cycles and categories: HR sets them up, everyone reads them, budgets hold."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from eximpact import clock
from eximpact.extensions import db
from eximpact.recognition.models import AwardCycle, Category
from eximpact.recognition.periods import period_bounds, period_name, shift
from tests.factories import PersonFactory
from tests.recognition.factories import AwardCycleFactory, CategoryFactory, NominationFactory

pytestmark = pytest.mark.usefixtures("frozen_clock")


@pytest.fixture
def hr(app):
    return PersonFactory(roles=["hr"])


CYCLE = {
    "name": "Customer heroes — Q1 2027",
    "cadence": "quarterly",
    "period_start": "2027-01-01",
    "period_end": "2027-03-31",
    "opens_on": "2027-03-01",
    "closes_on": "2027-04-10",
    "budget": "1500.00",
}


def test_hr_sets_up_a_cycle_through_the_api(api, hr):
    response = api(hr).post("/api/v1/award-cycles", json=CYCLE)
    assert response.status_code == 201
    data = response.get_json()
    assert (data["budget"], data["budget_used"], data["budget_left"], data["open"]) == (
        "1500.00",
        "0.00",
        "1500.00",
        False,
    )


def test_the_nomination_window_defaults_to_the_period(api, hr):
    body = {k: v for k, v in CYCLE.items() if k not in ("opens_on", "closes_on", "budget")}
    data = api(hr).post("/api/v1/award-cycles", json=body).get_json()
    assert (data["opens_on"], data["closes_on"], data["budget"]) == (
        "2027-01-01",
        "2027-03-31",
        None,
    )


@pytest.mark.parametrize("roles", [[], ["manager"], ["admin"], ["ambassador"]])
def test_only_hr_sets_up_cycles(api, roles):
    assert (
        api(PersonFactory(roles=roles)).post("/api/v1/award-cycles", json=CYCLE).status_code == 403
    )
    assert db.session.scalars(select(AwardCycle)).all() == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"period_end": "2026-12-31"}, "period_end"),
        ({"closes_on": "2027-02-01"}, "closes_on"),
        ({"budget": "-5"}, "budget"),
        ({"cadence": "weekly"}, "cadence"),
        ({"name": ""}, "name"),
    ],
)
def test_a_cycle_that_makes_no_sense_is_refused(api, hr, changes, field):
    response = api(hr).post("/api/v1/award-cycles", json={**CYCLE, **changes})
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]


def test_cycle_names_are_unique(api, hr):
    api(hr).post("/api/v1/award-cycles", json=CYCLE)
    response = api(hr).post("/api/v1/award-cycles", json={**CYCLE, "name": CYCLE["name"].upper()})
    assert response.get_json()["error"]["fields"]["name"] == [
        "Another cycle already has this name."
    ]


def test_a_budget_cannot_shrink_below_what_was_awarded(client, auth, hr):
    cycle = AwardCycleFactory(budget=Decimal("500.00"))
    NominationFactory(cycle=cycle, status="awarded", reward_value=Decimal("300.00"))
    auth.login(hr)
    form = {
        "name": cycle.name,
        "cadence": "monthly",
        "period_start": cycle.period_start.isoformat(),
        "period_end": cycle.period_end.isoformat(),
        "opens_on": cycle.opens_on.isoformat(),
        "closes_on": cycle.closes_on.isoformat(),
        "budget": "200.00",
    }
    response = client.post(f"/recognition/cycles/{cycle.id}/edit", data=form)
    assert response.status_code == 422
    assert "This cycle has already awarded 300.00." in response.get_data(as_text=True)
    response = client.post(f"/recognition/cycles/{cycle.id}/edit", data={**form, "budget": "300"})
    assert response.status_code == 302


def test_the_new_cycle_page_suggests_the_current_period(client, auth, hr):
    auth.login(hr)
    page = client.get("/recognition/cycles/new?cadence=monthly").get_data(as_text=True)
    start, end = period_bounds("month", clock.today())
    assert f'value="{start.isoformat()}"' in page and f'value="{end.isoformat()}"' in page


def test_the_cycle_page_shows_budget_winners_and_visible_nominations(client, auth, team):
    cycle = AwardCycleFactory(name="Spring", budget=Decimal("100.00"))
    NominationFactory(
        cycle=cycle,
        nominee=team.bob,
        status="awarded",
        reward="Gold star",
        reward_value=Decimal("25.00"),
        recognised_at=clock.now(),
    )
    NominationFactory(cycle=cycle, nominee=team.carol, nominator=team.bob)  # submitted
    auth.login(team.alice)
    page = client.get(f"/recognition/cycles/{cycle.id}").get_data(as_text=True)
    assert "€25.00 of €100.00 awarded" in page
    assert "Awarded: Gold star" in page
    assert "Carol Carer" not in page  # a submitted nomination Alice may not see


def test_the_cycle_api_lists_winners(api, team):
    cycle = AwardCycleFactory()
    NominationFactory(
        cycle=cycle, nominee=team.bob, status="awarded", reward="Gold", recognised_at=clock.now()
    )
    data = api(team.alice).get(f"/api/v1/award-cycles/{cycle.id}").get_json()
    assert [w["nominee"]["name"] for w in data["winners"]] == ["Bob Builder"]
    assert api(team.alice).get("/api/v1/award-cycles/999999").status_code == 404


def test_categories_with_their_rewards_are_listed_for_everyone(api):
    CategoryFactory(name="Ownership", reward="A voucher", reward_value=Decimal("75"))
    CategoryFactory(name="Retired", active=False)
    items = api(PersonFactory()).get("/api/v1/categories").get_json()["items"]
    assert [(c["name"], c["reward"], c["reward_value"]) for c in items] == [
        ("Ownership", "A voucher", "75.00")
    ]
    assert len(api(PersonFactory()).get("/api/v1/categories?status=all").get_json()["items"]) == 2


def test_hr_adds_a_category_with_its_reward(client, auth, hr):
    auth.login(hr)
    response = client.post(
        "/recognition/categories/new",
        data={
            "name": "Customer hero",
            "description": "Made a customer's day",
            "reward_kind": "badge",
            "reward": "The hero badge",
            "reward_value": "0",
            "active": "y",
        },
    )
    assert response.status_code == 302
    category = db.session.scalars(select(Category)).one()
    assert (category.reward_kind, category.reward, category.active) == (
        "badge",
        "The hero badge",
        True,
    )


@pytest.mark.parametrize(
    ("kind", "day", "bounds", "name"),
    [
        ("month", date(2026, 2, 14), (date(2026, 2, 1), date(2026, 2, 28)), "February 2026"),
        ("quarter", date(2026, 11, 22), (date(2026, 10, 1), date(2026, 12, 31)), "Q4 2026"),
        ("year", date(2026, 6, 1), (date(2026, 1, 1), date(2026, 12, 31)), "2026"),
    ],
)
def test_periods_have_the_right_bounds_and_names(kind, day, bounds, name):
    assert period_bounds(kind, day) == bounds
    assert period_name(kind, day) == name


def test_periods_step_backwards_and_forwards():
    assert shift("quarter", date(2026, 11, 22), -1) == date(2026, 7, 1)
    assert shift("month", date(2026, 12, 31), 1) == date(2027, 1, 1)
    assert shift("year", date(2026, 3, 3), 0) == date(2026, 1, 1)
    assert shift("month", date(2026, 3, 31), -1) == date(2026, 2, 1)
