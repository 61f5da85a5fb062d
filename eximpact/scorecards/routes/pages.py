"""The scorecard page and exports, a team's card, and the EX–CX link page."""

from flask import Response, render_template, request
from flask_login import current_user

from eximpact import charts, clock
from eximpact.access import permission_required
from eximpact.campaigns.models import PILLAR_LABELS
from eximpact.periods import PERIOD_HINT
from eximpact.pulse.services.scope import team_parents
from eximpact.scorecards.loaders import get_team_scorecard_or_404
from eximpact.scorecards.routes import bp
from eximpact.scorecards.services import exports, link, series
from eximpact.scorecards.services.scorecard import (
    EXTERNAL,
    INTERNAL,
    LABELS,
    ScorecardQuery,
    parse_scorecard_args,
    scorecard,
    survey_metrics,
)
from eximpact.scorecards.services.team_card import team_card
from eximpact.validation import ValidationFailed

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _query() -> tuple[ScorecardQuery | None, dict]:
    try:
        return parse_scorecard_args(request.args), {}
    except ValidationFailed as error:
        return None, error.fields


@bp.get("/")
@permission_required("scorecards.view")
def index():
    """A row per team in your scope for a month, quarter or year, with the change."""
    query, problems = _query()
    data = scorecard(current_user, query) if query else None
    return render_template(
        "scorecards/index.html",
        data=data,
        problems=problems,
        internal=INTERNAL,
        external=EXTERNAL,
        surveys=survey_metrics(data) if data else [],
        labels=LABELS,
        hint=PERIOD_HINT,
    ), 422 if problems else 200


@bp.get("/scorecard.csv")
@permission_required("scorecards.view")
def scorecard_csv():
    """The scorecard as CSV, under the same disclosure."""
    query, problems = _query()
    if problems:
        return Response(" ".join(m for ms in problems.values() for m in ms), 422)
    data = scorecard(current_user, query)
    name = f"scorecard-{data['period']['key']}.csv"
    return Response(
        exports.csv_text(data),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename={name}"},
    )


@bp.get("/scorecard.xlsx")
@permission_required("scorecards.view")
def scorecard_xlsx():
    """The scorecard as a workbook, under the same disclosure."""
    query, problems = _query()
    if problems:
        return Response(" ".join(m for ms in problems.values() for m in ms), 422)
    data = scorecard(current_user, query)
    name = f"scorecard-{data['period']['key']}.xlsx"
    return Response(
        exports.xlsx_bytes(data),
        mimetype=XLSX,
        headers={"Content-Disposition": f"attachment; filename={name}"},
    )


@bp.get("/teams/<int:team_id>")
@permission_required("scorecards.view")
def team(team_id: int):
    """One team's card: its figures for a period and the periods before, its pulse, the
    open actions reaching it and its weakest pillar, with a way to plan an initiative."""
    team = get_team_scorecard_or_404(team_id, current_user)
    query, problems = _query()
    data = card = trend = chart = None
    if query:
        data = scorecard(current_user, ScorecardQuery(query.period, team.id))
        data["teams"] = [row for row in data["teams"] if row["team_id"] == team.id]
        parents = team_parents()
        card = team_card(team, query.period, parents, clock.today())
        first = query.period.shifted(1 - TREND_PERIODS)
        trend = series.team_series(
            team, series.SeriesQuery(first, query.period, query.period.grain)
        )
        chart = _trend_chart(team, trend)
    return render_template(
        "scorecards/team.html",
        team=team,
        data=data,
        card=card,
        trend=trend,
        chart=chart,
        problems=problems,
        internal=INTERNAL,
        external=EXTERNAL,
        labels=LABELS,
        pillars=PILLAR_LABELS,
        hint=PERIOD_HINT,
    ), 422 if problems else 200


TREND_PERIODS = 4
TREND_METRICS = ("ambassador_hours_per_head", "praise_per_10")


def _trend_chart(team, trend: dict):
    points = trend["series"]
    lines = {
        LABELS[key]: [p["internal"].get(key, p["external"].get(key)) for p in points]
        for key in TREND_METRICS
    }
    lines[LABELS["engaged_share"] + " (%)"] = [
        None
        if p["employee"]["engaged_share"]["value"] is None
        else round(p["employee"]["engaged_share"]["value"] * 100)
        for p in points
    ]
    return charts.line(f"{team.name} over time", [p["name"] for p in points], lines)


@bp.get("/link")
@permission_required("scorecards.view")
def ex_cx_link():
    """Share engaged against a customer metric, a point per team that may be shown."""
    try:
        query, problems = link.parse_link_args(request.args), {}
    except ValidationFailed as error:
        query, problems = None, error.fields
    data = link.ex_cx_link(current_user, query) if query else None
    chart = None
    if data and data["points"]:
        chart = charts.scatter(
            "Share engaged against " + link.y_label(data["y"]),
            {"Teams": [(p["x"], p["y"]) for p in data["points"]]},
        )
    return render_template(
        "scorecards/link.html",
        data=data,
        chart=chart,
        problems=problems,
        y_options={metric: link.y_label(metric) for metric in link.y_metrics()},
        hint=PERIOD_HINT,
    ), 422 if problems else 200
