"""The entries behind an hours report as a streamed CSV or an XLSX workbook."""

import io
from collections.abc import Iterator
from decimal import Decimal

from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import aliased

from eximpact.ambassadors.models import CxProject, TimeEntry
from eximpact.ambassadors.services.reports import (
    GROUPING_LABELS,
    GROUPING_NOUNS,
    HoursFilter,
    HoursReport,
    conditions,
)
from eximpact.campaigns.models import Initiative
from eximpact.csvio import csv_chunks, csv_column, safe_cell
from eximpact.extensions import db
from eximpact.org.models import Person, Team

EXPORT_COLUMNS = (
    "entry_id",
    "date",
    "week_start",
    "person_id",
    "person",
    "email",
    "team",
    "project_id",
    "project",
    "initiative",
    "pillar",
    "hours",
    "status",
    "note",
    "rejection_reason",
    "submitted_at",
    "decided_at",
    "decided_by",
)


def export_query(actor: Person, hours_filter: HoursFilter, as_text: bool = False):
    """One row per entry, in the order people read them: day, person, project.

    `as_text`: every value already the CSV's text, made by the database (`csv_column`).
    """
    decider = aliased(Person)
    columns = [
        TimeEntry.id,
        TimeEntry.work_date,
        TimeEntry.week_start,
        TimeEntry.person_id,
        Person.name,
        Person.email,
        Team.name,
        TimeEntry.project_id,
        CxProject.name,
        Initiative.title,
        Initiative.pillar,
        TimeEntry.hours,
        TimeEntry.status,
        TimeEntry.note,
        TimeEntry.rejection_reason,
        TimeEntry.submitted_at,
        TimeEntry.decided_at,
        decider.name,
    ]
    if as_text:
        columns = [
            csv_column(column).label(name)
            for column, name in zip(columns, EXPORT_COLUMNS, strict=True)
        ]
    return (
        select(*columns)
        .select_from(TimeEntry)
        .join(Person, Person.id == TimeEntry.person_id)
        .outerjoin(Team, Team.id == Person.team_id)
        .join(CxProject, CxProject.id == TimeEntry.project_id)
        .join(Initiative, Initiative.id == CxProject.initiative_id)
        .outerjoin(decider, decider.id == TimeEntry.decided_by_id)
        .where(*conditions(actor, hours_filter))
        .order_by(TimeEntry.work_date, Person.name, CxProject.name, TimeEntry.id)
    )


def export_rows(actor: Person, hours_filter: HoursFilter, batch: int = 1000):
    """The entries as tuples, fetched `batch` at a time (a server-side cursor on PostgreSQL)."""
    result = db.session.execute(
        export_query(actor, hours_filter).execution_options(yield_per=batch)
    )
    yield from result


def export_text_batches(actor: Person, hours_filter: HoursFilter, batch: int = 1000):
    """The entries as CSV text, `batch` rows at a time, straight from one query's cursor
    (server-side on PostgreSQL): no ORM object, nothing converted in Python."""
    query = export_query(actor, hours_filter, as_text=True).execution_options(yield_per=batch)
    yield from db.session.connection().execute(query).partitions()


def csv_lines(actor: Person, hours_filter: HoursFilter) -> Iterator[str]:
    """A header line, then the entries a batch at a time, written as the rows arrive
    (the text made by the database: `export_text_batches`)."""
    return csv_chunks(EXPORT_COLUMNS, export_text_batches(actor, hours_filter))


def export_filename(hours_filter: HoursFilter, extension: str) -> str:
    return (
        f"cx-hours-{hours_filter.start.isoformat()}-to-{hours_filter.end.isoformat()}.{extension}"
    )


def _xlsx_value(value):
    """Numbers stay numbers; text that a spreadsheet would run as a formula is defused."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        return safe_cell(value)
    return value


def xlsx_bytes(actor: Person, hours_filter: HoursFilter, report: HoursReport) -> bytes:
    """A workbook with the grouped figures on the first sheet and every entry on the second.

    Write-only mode streams rows to the file, so memory stays flat for large periods.
    """
    workbook = Workbook(write_only=True)
    summary = workbook.create_sheet(f"By {report.group_by}")
    summary.append(
        [
            f"CX hours by {GROUPING_NOUNS[report.group_by]}",
            f"{hours_filter.start.isoformat()} to {hours_filter.end.isoformat()}",
        ]
    )
    summary.append([GROUPING_LABELS[report.group_by], "Hours", "Approved hours"])
    for row in report.rows:
        summary.append([_xlsx_value(row.label), float(row.hours), float(row.approved)])
    summary.append(["Total", float(report.total), float(report.approved)])

    entries = workbook.create_sheet("Entries")
    entries.append(list(EXPORT_COLUMNS))
    for row in export_rows(actor, hours_filter):
        entries.append([_xlsx_value(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
