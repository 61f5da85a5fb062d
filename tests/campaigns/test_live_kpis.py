"""Live KPIs: a campaign KPI may follow imported survey results, the pulse or customer
praise; its actual then comes from the data of the campaign's own dates, and the
dashboard (page and API) says where it comes from."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from eximpact import clock
from eximpact.campaigns.services.dashboard import build_dashboard, dashboard_json
from eximpact.extensions import db
from eximpact.pulse.services import rounds
from tests.campaigns.factories import CampaignFactory, KpiFactory
from tests.factories import PersonFactory, TeamFactory
from tests.praise.factories import PraiseFactory
from tests.pulse.factories import answer_as, make_round, open_round
from tests.surveys.factories import ExternalMetricFactory

TODAY = date(2026, 11, 15)


@pytest.fixture
def campaign(app):
    """A campaign of 2026, seen on 15 November 2026."""
    with clock.frozen(TODAY):
        yield CampaignFactory(start_date=date(2026, 1, 1), end_date=date(2026, 12, 31))


def _live(campaign, source, **fields):
    kpi = KpiFactory(campaign=campaign, source=source, actual=None, **fields)
    db.session.flush()
    (item,) = [i for i in build_dashboard(campaign).kpis if i.kpi.id == kpi.id]
    return item


def test_a_survey_kpi_follows_the_latest_ended_period_since_the_start_weighted_by_responses(
    campaign,
):
    north, south = TeamFactory(), TeamFactory()
    ExternalMetricFactory(team=north, period="2025-Q4", value=Decimal(10), n=900)  # before
    ExternalMetricFactory(team=north, period="2026-Q2", value=Decimal(20), n=100)
    ExternalMetricFactory(team=north, period="2026-Q3", value=Decimal(40), n=100)
    ExternalMetricFactory(team=south, period="2026-Q3", value=Decimal(60), n=300)
    ExternalMetricFactory(team=south, period="2026-Q4", value=Decimal(99), n=50)  # not over
    ExternalMetricFactory(team=south, period="2026-Q3", metric="csat", value=Decimal(4), n=9)

    item = _live(campaign, "survey:nps", baseline=30, target=80)

    assert item.actual == Decimal("55.00")  # (40·100 + 60·300) / 400
    assert item.progress == pytest.approx(0.5)
    assert "Q3 2026" in item.live.described and "n = 400" in item.live.described


def test_a_survey_kpi_without_results_since_the_start_has_no_actual_yet(campaign):
    ExternalMetricFactory(period="2025-Q4", value=Decimal(10))
    item = _live(campaign, "survey:nps")
    assert item.actual is None and item.progress is None
    assert "none since the campaign started" in item.live.described


def test_the_praise_kpi_is_the_mean_customer_engagement_since_the_campaign_started(campaign):
    for level, day in ((4, date(2026, 3, 1)), (5, date(2026, 11, 15)), (1, date(2025, 12, 31))):
        PraiseFactory(
            engagement_level=level, received_at=datetime.combine(day, datetime.min.time())
        )
    PraiseFactory(engagement_level=None)  # unrated praise does not count

    item = _live(campaign, "praise:engagement")

    assert item.actual == Decimal("4.50")
    assert "2 rated praise" in item.live.described


def _closed_engagement_round(people, answered, min_group=5):
    hr = PersonFactory(roles=["hr"])
    team = TeamFactory()
    for person in people:
        person.team = team
    db.session.flush()
    with clock.frozen(date(2026, 10, 1)):
        round_ = open_round(
            hr,
            make_round(hr, [team], min_group=min_group, closes_on=date(2026, 10, 14), enps=True),
        )
        answer_as(people[:answered], round_, {"mission": 6, "feedback": 6, "tools": 6, "enps": 9})
        rounds.close_round(hr, round_)
    return round_


def test_the_pulse_kpi_follows_the_last_round_closed_since_the_start_as_a_percentage(campaign):
    people = [PersonFactory() for _ in range(6)]
    round_ = _closed_engagement_round(people, answered=6)

    engaged = _live(campaign, "pulse:engaged_share")
    enps = _live(campaign, "pulse:enps")

    assert engaged.actual == Decimal("100.00")
    assert enps.actual == Decimal("100.00")
    assert round_.title in engaged.live.described


def test_the_pulse_kpi_shows_nothing_the_disclosure_rule_withholds(campaign):
    people = [PersonFactory() for _ in range(6)]
    _closed_engagement_round(people, answered=3)  # fewer than the round's minimum of 5

    item = _live(campaign, "pulse:engaged_share")

    assert item.actual is None
    assert "too few answers" in item.live.described


def test_a_typed_in_kpi_keeps_its_own_actual(campaign):
    item = _live(campaign, None)
    assert item.live is None


def test_the_dashboard_api_gives_the_live_actual_and_where_it_comes_from(campaign, api):
    ExternalMetricFactory(period="2026-Q3", value=Decimal(42), n=10)
    KpiFactory(campaign=campaign, name="NPS", source="survey:nps", actual=None)
    hr = PersonFactory(roles=["hr"])
    with clock.frozen(TODAY):
        body = api(hr).get(f"/api/v1/campaigns/{campaign.id}/dashboard").get_json()
    (kpi,) = body["kpis"]
    assert kpi["actual"] == 42.0 and kpi["source"] == "survey:nps"
    assert "imported survey results" in kpi["source_note"]
    assert dashboard_json(build_dashboard(campaign))["kpis"][0]["source"] == "survey:nps"


@pytest.mark.parametrize(
    ("kpi", "field", "message"),
    [
        ({"source": "survey:nps", "actual": "3"}, "kpis.0.actual", "leave the actual empty"),
        ({"source": "weather:rain"}, "kpis.0.source", "survey:<metric>"),
    ],
)
def test_the_api_refuses_a_live_kpi_with_a_typed_actual_or_an_unknown_source(
    app, api, kpi, field, message
):
    hr = PersonFactory(roles=["hr"])
    body = {
        "name": "CX 2027",
        "start_date": "2027-01-01",
        "end_date": "2027-12-31",
        "kpis": [{"name": "NPS", "target": "50", **kpi}],
    }
    answer = api(hr).post("/api/v1/campaigns", json=body)
    assert answer.status_code == 422
    assert any(message in text for text in answer.get_json()["error"]["fields"][field])


def test_hr_chooses_a_live_source_on_the_campaign_page(app, client, auth):
    ExternalMetricFactory(period="2026-Q3", metric="csat")
    hr = PersonFactory(roles=["hr"])
    auth.login(hr)
    form = client.get("/campaigns/new").get_data(as_text=True)
    assert 'value="survey:csat"' in form and 'value="pulse:enps"' in form

    answer = client.post(
        "/campaigns/new",
        data={
            "name": "CX culture 2027",
            "owner_id": hr.email,
            "start_date": "2027-01-01",
            "end_date": "2027-12-31",
            "kpis-0-name": "CSAT",
            "kpis-0-target": "4.5",
            "kpis-0-source": "survey:csat",
        },
    )

    assert answer.status_code == 302
    from eximpact.campaigns.models import Kpi

    assert db.session.scalar(db.select(Kpi.source).where(Kpi.name == "CSAT")) == "survey:csat"
