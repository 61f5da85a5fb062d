"""The demo's survey results: two years of quarterly NPS and CSAT per customer-facing
team, through the import's own checks, and the demo campaign's KPIs that follow them."""

from datetime import date

from sqlalchemy import func, select

from eximpact import clock
from eximpact.campaigns.models import Campaign
from eximpact.campaigns.services.dashboard import build_dashboard
from eximpact.demo import load_demo
from eximpact.extensions import db
from eximpact.surveys.models import ExternalMetric

TODAY = date(2026, 11, 22)


def test_each_customer_facing_team_has_eight_quarters_of_nps_and_csat(app):
    load_demo(TODAY)
    rows = db.session.execute(
        select(
            ExternalMetric.metric,
            func.count(),
            func.min(ExternalMetric.period_key),
            func.max(ExternalMetric.period_key),
        )
        .group_by(ExternalMetric.metric)
        .order_by(ExternalMetric.metric)
    ).all()
    assert rows == [("csat", 32, "2024-Q4", "2026-Q3"), ("nps", 32, "2024-Q4", "2026-Q3")]


def test_loading_the_demo_again_adds_no_survey_result(app):
    load_demo(TODAY)
    before = db.session.scalar(select(func.count()).select_from(ExternalMetric))
    load_demo(TODAY)
    assert db.session.scalar(select(func.count()).select_from(ExternalMetric)) == before


def test_the_demo_campaigns_nps_follows_the_imported_results(app):
    load_demo(TODAY)
    campaign = db.session.scalar(select(Campaign).where(Campaign.start_date == date(2026, 1, 1)))
    with clock.frozen(TODAY):
        board = build_dashboard(campaign)
    nps = next(item for item in board.kpis if item.kpi.name == "NPS")
    assert nps.kpi.source == "survey:nps" and nps.actual is not None
    assert "Q3 2026" in nps.live.described
