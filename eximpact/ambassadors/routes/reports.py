"""The hours report page (chart, table, allocation and budget use) and its CSV and XLSX exports."""

from flask import Response, render_template, request, stream_with_context
from flask_login import current_user
from sqlalchemy import func, select

from eximpact import charts, clock
from eximpact.access import permission_required
from eximpact.ambassadors.models import ENTRY_LABELS, CxProject
from eximpact.ambassadors.routes import bp
from eximpact.ambassadors.services import reports
from eximpact.ambassadors.services.exports import csv_lines, export_filename, xlsx_bytes
from eximpact.ambassadors.services.scope import managed_team_ids
from eximpact.extensions import db
from eximpact.org.models import HR, Team
from eximpact.validation import ValidationFailed

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filter_and_grouping() -> tuple[reports.HoursFilter, str]:
    """The report's filter from the query string: the same parse as the API's (422 on faults)."""
    return reports.parse_hours_filter(request.args, clock.today())


def _team_choices() -> list[tuple[int, str]]:
    query = select(Team.id, Team.name).where(Team.active).order_by(func.lower(Team.name))
    if not current_user.has_role(HR):
        query = query.where(Team.id.in_(managed_team_ids(current_user) or [-1]))
    return [(tid, name) for tid, name in db.session.execute(query)]


def _chart(report: reports.HoursReport):
    labels = [row.label for row in report.rows]
    values = [float(row.hours) for row in report.rows]
    title = f"Hours by {reports.GROUPING_NOUNS[report.group_by]}"
    if report.group_by == "month":
        return charts.bar(title, labels, {"Hours": values}, show_legend=False)
    if report.group_by == "pillar":
        colours = [charts.PILLAR_COLOURS.get(row.key, "#6c757d") for row in report.rows]
        return charts.bar(
            title,
            [""],
            {row.label: [v] for row, v in zip(report.rows, values, strict=True)},
            colours=colours,
        )
    height = max(240, 48 + 28 * len(labels))
    return charts.horizontal_bar(title, labels, {"Hours": values}, show_legend=False, height=height)


def _refused(error: ValidationFailed):
    """A faulty filter: the default report, the problems named, the user's input kept (422)."""
    hours_filter, group_by = reports.parse_hours_filter({}, clock.today())
    return _page(hours_filter, group_by, problems=error.fields), 422


@bp.get("/reports")
@permission_required("reports.hours")
def hours_report():
    try:
        hours_filter, group_by = _filter_and_grouping()
    except ValidationFailed as error:
        return _refused(error)
    return _page(hours_filter, group_by)


def _page(hours_filter: reports.HoursFilter, group_by: str, problems=None):
    report = reports.hours_by(current_user, hours_filter, group_by)
    return render_template(
        "ambassadors/reports.html",
        report=report,
        hours_filter=hours_filter,
        chart=_chart(report) if report.rows else None,
        allocation=reports.allocation_use(current_user, hours_filter, clock.today()),
        budgets=reports.budget_use(
            current_user, hours_filter, report if group_by == "project" else None
        ),
        groupings=reports.GROUPING_LABELS,
        statuses=ENTRY_LABELS,
        teams=_team_choices(),
        projects=db.session.execute(
            select(CxProject.id, CxProject.name).order_by(func.lower(CxProject.name))
        ).all(),
        problems=problems or {},
    )


@bp.get("/reports/hours.csv")
@permission_required("reports.hours")
def hours_csv():
    """The entries behind the report, streamed row by row."""
    try:
        hours_filter, _ = _filter_and_grouping()
    except ValidationFailed as error:
        return _refused(error)
    return Response(
        stream_with_context(csv_lines(current_user, hours_filter)),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f"attachment; filename={export_filename(hours_filter, 'csv')}"
        },
    )


@bp.get("/reports/hours.xlsx")
@permission_required("reports.hours")
def hours_xlsx():
    """The grouped figures and the entries behind them, as a workbook."""
    try:
        hours_filter, group_by = _filter_and_grouping()
    except ValidationFailed as error:
        return _refused(error)
    report = reports.hours_by(current_user, hours_filter, group_by)
    return Response(
        xlsx_bytes(current_user, hours_filter, report),
        mimetype=XLSX,
        headers={
            "Content-Disposition": f"attachment; filename={export_filename(hours_filter, 'xlsx')}"
        },
    )
