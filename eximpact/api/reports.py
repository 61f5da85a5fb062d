"""`/reports/hours` (grouped figures) and `/reports/hours.csv` (the entries behind them)."""

from datetime import date

from flask import Response, g, request, stream_with_context
from pydantic import Field

from eximpact.ambassadors import permissions  # noqa: F401  (registers the rules)
from eximpact.ambassadors.models import ENTRY_STATUSES
from eximpact.ambassadors.services.exports import csv_lines, export_filename
from eximpact.ambassadors.services.reports import (
    GROUPINGS,
    HoursFilter,
    hours_by,
    parse_hours_filter,
)
from eximpact.api.declare import operation
from eximpact.api.schema import ApiModel, QueryDay, QueryId, one_of
from eximpact.clock import today


class HoursQuery(ApiModel):
    from_: QueryDay = Field(None, alias="from", description="First day (default: this month)")
    to: QueryDay = Field(None, description="Last day (default: this month)")
    status: one_of(ENTRY_STATUSES) = None
    team_id: QueryId = Field(None, description="People in this team and the teams below it")
    project_id: QueryId = None
    person_id: QueryId = None

    def hours_filter(self) -> HoursFilter:
        """The report's filter, parsed by the one parser the page uses too (422 on faults)."""
        return parse_hours_filter(request.args, today())[0]


class GroupedHoursQuery(HoursQuery):
    group_by: one_of(GROUPINGS) = "project"


class HoursRow(ApiModel):
    key: int | str | None
    label: str
    hours: float
    approved_hours: float


class HoursReport(ApiModel):
    group_by: one_of(GROUPINGS)
    rows: list[HoursRow]
    total: float
    approved_total: float
    from_: date = Field(alias="from")
    to: date


@operation(
    "GET",
    "/reports/hours",
    tag="ambassadors",
    permission="reports.hours",
    query=GroupedHoursQuery,
    response=HoursReport,
)
def hours_report(query: GroupedHoursQuery):
    """Hours grouped in SQL, within the people you oversee (HR: everyone)."""
    hours_filter = query.hours_filter()
    report = hours_by(g.api_user, hours_filter, query.group_by)
    return {
        "group_by": report.group_by,
        "rows": [
            {"key": row.key, "label": row.label, "hours": row.hours, "approved_hours": row.approved}
            for row in report.rows
        ],
        "total": report.total,
        "approved_total": report.approved,
        "from": hours_filter.start,
        "to": hours_filter.end,
    }


@operation(
    "GET",
    "/reports/hours.csv",
    tag="ambassadors",
    permission="reports.hours",
    query=HoursQuery,
    response=str,
    content_type="text/csv",
)
def hours_report_csv(query: HoursQuery):
    """The entries behind the report: a header row, then one row per entry, streamed."""
    hours_filter = query.hours_filter()
    return Response(
        stream_with_context(csv_lines(g.api_user, hours_filter)),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f"attachment; filename={export_filename(hours_filter, 'csv')}"
        },
    )
