"""The scorecard page and exports, a team's card, and the EX–CX link page."""

from flask import Response, render_template, request
from flask_login import current_user

from eximpact import charts
from eximpact.access import permission_required
from eximpact.periods import PERIOD_HINT
from eximpact.scorecards.cells import row_cells
from eximpact.scorecards.loaders import get_team_scorecard_or_404
from eximpact.scorecards.routes import bp
from eximpact.scorecards.services import exports, link
from eximpact.scorecards.services.scorecard import (
    EXTERNAL,
    INTERNAL,
    LABELS,
    ScorecardQuery,
    parse_scorecard_args,
    scorecard,
)
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
        row_cells=row_cells,
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
    """One team's scorecard for a period, with a link to plan an initiative."""
    team = get_team_scorecard_or_404(team_id, current_user)
    query, problems = _query()
    data = None
    if query:
        data = scorecard(current_user, ScorecardQuery(query.period, team.id))
        data["teams"] = [row for row in data["teams"] if row["team_id"] == team.id]
    return render_template(
        "scorecards/team.html",
        team=team,
        data=data,
        problems=problems,
        internal=INTERNAL,
        external=EXTERNAL,
        row_cells=row_cells,
        labels=LABELS,
        hint=PERIOD_HINT,
    ), 422 if problems else 200


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
            "Share engaged against " + LABELS[data["y"]],
            {"Teams": [(p["x"], p["y"]) for p in data["points"]]},
        )
    return render_template(
        "scorecards/link.html",
        data=data,
        chart=chart,
        problems=problems,
        labels=LABELS,
        y_metrics=link.Y_METRICS,
        hint=PERIOD_HINT,
    ), 422 if problems else 200
