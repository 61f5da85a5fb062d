"""Imported survey results on the scorecard, the team card, the exports and the EX–CX link:
each team's figure combines its own results with its sub-teams', weighted by responses."""

import csv
import io
from decimal import Decimal

import pytest

from eximpact.periods import parse_period
from eximpact.scorecards.services import exports, link
from eximpact.scorecards.services.scorecard import ScorecardQuery, scorecard
from eximpact.scorecards.services.series import SeriesQuery, team_series
from tests.scorecards.factories import care_org
from tests.surveys.factories import ExternalMetricFactory

Q3 = parse_period("2026-Q3")


@pytest.fixture
def org(app):
    org = care_org()
    ExternalMetricFactory(team=org.north, period="2026-Q3", value=Decimal(40), n=100)
    ExternalMetricFactory(team=org.south, period="2026-Q3", value=Decimal(60), n=300)
    ExternalMetricFactory(team=org.north, period="2026-Q2", value=Decimal(30), n=50)
    ExternalMetricFactory(team=org.north, period="2026-07", value=Decimal(99), n=10)  # the
    # quarter from the same source wins over its month
    ExternalMetricFactory(team=org.south, period="2026-Q3", metric="csat", value=Decimal(81), n=7)
    return org


def _rows(viewer, period=Q3):
    data = scorecard(viewer, ScorecardQuery(period, None))
    return data, {row["team_id"]: row["external"]["survey"] for row in data["teams"]}


def test_each_team_shows_its_survey_metrics_with_responses_and_the_change(org):
    _, rows = _rows(org.hr)
    assert rows[org.north.id]["nps"] == {"value": 40.0, "n": 100, "previous": 30.0, "change": 10.0}
    assert rows[org.south.id]["nps"] == {"value": 60.0, "n": 300, "previous": None, "change": None}
    assert rows[org.south.id]["csat"]["value"] == 81.0
    assert "csat" not in rows[org.north.id]


def test_a_parent_team_combines_its_sub_teams_results_by_responses(org):
    _, rows = _rows(org.hr)
    assert rows[org.care.id]["nps"]["value"] == 55.0  # (40·100 + 60·300) / 400
    assert rows[org.care.id]["nps"]["n"] == 400


def test_a_year_combines_the_quarters_inside_it(org):
    _, rows = _rows(org.hr, parse_period("2026"))
    assert rows[org.north.id]["nps"] == {
        "value": round((30 * 50 + 40 * 100) / 150, 2),
        "n": 150,
        "previous": None,
        "change": None,
    }


def test_the_csv_export_has_a_value_n_previous_and_change_column_per_survey_metric(org):
    data, _ = _rows(org.hr)
    table = list(csv.DictReader(io.StringIO(exports.csv_text(data))))
    north = next(row for row in table if row["team"] == "Care North")
    assert north["survey_nps"] == "40.0" and north["survey_nps_n"] == "100"
    assert north["survey_nps_change"] == "10.0" and north["survey_csat"] == ""


def test_the_page_shows_the_survey_columns(org, client, auth):
    auth.login(org.hr)
    page = client.get("/scorecards/?period=2026-Q3").get_data(as_text=True)
    assert "NPS (survey)" in page and "CSAT (survey)" in page and "n = 400" in page


def test_the_team_card_series_holds_the_survey_metrics_per_period(org):
    series = team_series(org.care, SeriesQuery(parse_period("2026-Q2"), Q3, "quarter"))
    by_period = {point["period"]: point["survey"] for point in series["series"]}
    assert by_period["2026-Q2"]["nps"] == {"value": 30.0, "n": 50}
    assert by_period["2026-Q3"]["nps"] == {"value": 55.0, "n": 400}


def test_the_link_may_use_an_imported_metric_as_the_customer_figure(org, api):
    assert "nps" in link.y_metrics() and "csat" in link.y_metrics()
    answer = api(org.hr).get("/api/v1/insight/link?y=nps&period=2026-Q3")
    assert answer.status_code == 200 and answer.get_json()["y"] == "nps"
    refused = api(org.hr).get("/api/v1/insight/link?y=weather")
    assert refused.status_code == 422
    assert "nps" in refused.get_json()["error"]["fields"]["y"][0]
