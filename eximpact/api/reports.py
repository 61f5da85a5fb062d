"""`/reports/hours` (grouped figures) and `/reports/hours.csv` (the entries behind them)."""

from flask import Response, g, jsonify, request, stream_with_context

from eximpact import clock
from eximpact.access import permission_required
from eximpact.ambassadors import permissions  # noqa: F401  (registers the rules)
from eximpact.ambassadors.models import ENTRY_STATUSES
from eximpact.ambassadors.services.exports import csv_lines, export_filename
from eximpact.ambassadors.services.reports import (
    EXPORT_COLUMNS,
    GROUPINGS,
    HoursFilter,
    hours_by,
    parse_hours_filter,
)
from eximpact.api import bp
from eximpact.api.oas import DATE, HOURS, errors, json_response, query


def hours_filter_from_args() -> HoursFilter:
    """The report's filter from the query string (one parse for page and API; 422 on faults)."""
    return parse_hours_filter(request.args, clock.today())[0]


def group_by_arg() -> str:
    return parse_hours_filter(request.args, clock.today())[1]


@bp.get("/reports/hours")
@permission_required("reports.hours")
def hours_report():
    """Hours grouped in SQL, within the people you oversee (HR: everyone)."""
    hours_filter = hours_filter_from_args()
    report = hours_by(g.api_user, hours_filter, group_by_arg())
    return jsonify(
        group_by=report.group_by,
        rows=[
            {
                "key": row.key,
                "label": row.label,
                "hours": float(row.hours),
                "approved_hours": float(row.approved),
            }
            for row in report.rows
        ],
        total=float(report.total),
        approved_total=float(report.approved),
        **{"from": hours_filter.start.isoformat(), "to": hours_filter.end.isoformat()},
    )


@bp.get("/reports/hours.csv")
@permission_required("reports.hours")
def hours_report_csv():
    """The entries behind the report: a header row, then one row per entry, streamed."""
    hours_filter = hours_filter_from_args()
    return Response(
        stream_with_context(csv_lines(g.api_user, hours_filter)),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f"attachment; filename={export_filename(hours_filter, 'csv')}"
        },
    )


_FILTERS = [
    query("from", DATE, "First day (inclusive); default 1 January of this year"),
    query("to", DATE, "Last day (inclusive); default today"),
    query(
        "status",
        {"type": "string", "enum": list(ENTRY_STATUSES)},
        "Only entries in this state; without it every entry counts",
    ),
    query("team_id", {"type": "integer"}, "Only people in this team or its sub-teams"),
    query("project_id", {"type": "integer"}),
    query("person_id", {"type": "integer"}),
]
OPENAPI_SCHEMAS = {
    "HoursReport": {
        "type": "object",
        "required": ["rows", "total"],
        "properties": {
            "group_by": {"type": "string", "enum": list(GROUPINGS)},
            "from": DATE,
            "to": DATE,
            "rows": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["key", "label", "hours"],
                    "properties": {
                        "key": {
                            "oneOf": [{"type": "integer"}, {"type": "string"}],
                            "nullable": True,
                            "description": "Project, person or team id; pillar; or YYYY-MM",
                        },
                        "label": {"type": "string"},
                        "hours": HOURS,
                        "approved_hours": HOURS,
                    },
                },
            },
            "total": HOURS,
            "approved_total": HOURS,
        },
    }
}
OPENAPI_PATHS = {
    "/reports/hours": {
        "get": {
            "summary": "Ambassador hours by project, person, team, pillar or month (HR; managers "
            "for their teams)",
            "tags": ["ambassadors"],
            "parameters": [
                query(
                    "group_by", {"type": "string", "enum": list(GROUPINGS), "default": "project"}
                ),
                *_FILTERS,
            ],
            "responses": {
                "200": json_response(
                    "The grouped hours", {"$ref": "#/components/schemas/HoursReport"}
                ),
                **errors("Forbidden", "ValidationError"),
            },
        }
    },
    "/reports/hours.csv": {
        "get": {
            "summary": "The entries behind the hours report, as CSV (streamed)",
            "tags": ["ambassadors"],
            "parameters": _FILTERS,
            "responses": {
                "200": {
                    "description": "A header row (" + ", ".join(EXPORT_COLUMNS) + "), then one "
                    "row per entry",
                    "content": {"text/csv": {"schema": {"type": "string"}}},
                },
                **errors("Forbidden", "ValidationError"),
            },
        }
    },
}
