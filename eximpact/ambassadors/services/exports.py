"""The entries behind an hours report as a streamed CSV or an XLSX workbook."""

import io
from collections.abc import Iterator
from decimal import Decimal

from openpyxl import Workbook

from eximpact.ambassadors.services.reports import (
    EXPORT_COLUMNS,
    GROUPING_LABELS,
    GROUPING_NOUNS,
    HoursFilter,
    HoursReport,
    export_rows,
    export_text_batches,
)
from eximpact.csvio import csv_chunks, safe_cell
from eximpact.org.models import Person


def csv_lines(actor: Person, hours_filter: HoursFilter) -> Iterator[str]:
    """A header line, then the entries a batch at a time, written as the rows arrive
    (the text made by the database: `reports.export_text_batches`)."""
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
