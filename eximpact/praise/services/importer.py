"""CSV import of customer praise, validated as a whole.

Every row goes through the same field rules as the form and the API
(`services.praise_problems`); the praised people are looked up by e-mail in one
query. On any bad row nothing is imported and every bad row is listed with its line.

Importing the same file again adds nothing: a row is matched by its `external_id`,
or, when it has none, by a key derived from its content (source, date, customer,
text and people), which is stored as its external id.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from eximpact import clock
from eximpact.csvio import CsvFileError, RowError, read_rows, split_values
from eximpact.extensions import db
from eximpact.org.models import Person
from eximpact.praise.models import Praise
from eximpact.praise.services.recording import (
    PraiseInput,
    build_praise,
    clean,
    praise_logged,
    praise_problems,
)

PRAISE_FILE = "praise.csv"
REQUIRED_COLUMNS = {"source", "received_at", "text", "employee_emails"}
OPTIONAL_COLUMNS = {"customer_ref", "nps", "engagement_level", "emotion", "external_id"}
TEMPLATE = (
    "source,received_at,text,employee_emails,customer_ref,nps,engagement_level,emotion,external_id\n"
    'email,2026-11-02,"Erik solved my billing problem in one call, thank you!",'
    "employee@example.com,CASE-1042,10,4,delighted,\n"
)
_LOOKUP_CHUNK = 500


@dataclass
class PraiseImportResult:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def summary(self) -> str:
        return f"Import done: {self.created} added, {self.unchanged} already there."


@dataclass
class _Row:
    line: int
    data: PraiseInput


def content_key(data: PraiseInput) -> str:
    """A stable id for a row without an external id: the same row always gets the same key."""
    parts = [
        data.source,
        data.received_at.isoformat() if data.received_at else "",
        (data.customer_ref or "").lower(),
        data.text,
        ";".join(sorted(data.employee_emails)),
    ]
    return "csv:" + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:40]


def _int_cell(row: dict, column: str, problems: list[str]) -> int | None:
    value = row.get(column, "")
    if value == "":
        return None
    try:
        return int(value)
    except ValueError:
        problems.append(f"{column}: '{value}' is not a whole number.")
        return None


def _date_cell(row: dict, problems: list[str]) -> date | None:
    try:
        return date.fromisoformat(row["received_at"])
    except ValueError:
        problems.append(f"received_at: '{row['received_at']}' is not a date written YYYY-MM-DD.")
        return None


def _parse(line: int, row: dict, on: date) -> tuple[_Row | None, list[str]]:
    problems: list[str] = []
    data = PraiseInput(
        source=row["source"],
        text=row["text"],
        received_at=_date_cell(row, problems),
        employee_emails=split_values(row["employee_emails"]),
        nps=_int_cell(row, "nps", problems),
        engagement_level=_int_cell(row, "engagement_level", problems),
        emotion=row.get("emotion"),
        customer_ref=row.get("customer_ref"),
        external_id=row.get("external_id"),
    )
    data = clean(data)
    unparsed = {message.split(":")[0] for message in problems}
    for name, messages in praise_problems(data, on).fields.items():
        column = "employee_emails" if name == "employee_ids" else name
        if column not in unparsed:
            problems.extend(f"{column}: {message}" for message in messages)
    if problems:
        return None, problems
    if data.external_id is None:
        data.external_id = content_key(data)
    return _Row(line, data), []


def _existing_external_ids(keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), _LOOKUP_CHUNK):
        chunk = keys[start : start + _LOOKUP_CHUNK]
        found.update(
            db.session.scalars(select(Praise.external_id).where(Praise.external_id.in_(chunk)))
        )
    return found


def _people_by_email(emails: set[str]) -> dict[str, Person]:
    people: dict[str, Person] = {}
    ordered = sorted(emails)
    for start in range(0, len(ordered), _LOOKUP_CHUNK):
        chunk = ordered[start : start + _LOOKUP_CHUNK]
        people.update(
            (person.email, person)
            for person in db.session.scalars(select(Person).where(Person.email.in_(chunk)))
        )
    return people


def import_praise(actor: Person | None, text: str, on: date | None = None) -> PraiseImportResult:
    """Validate every row, then store the new ones; the caller commits (or rolls back on errors)."""
    on = on or clock.today()
    result = PraiseImportResult()
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    try:
        for line, raw in read_rows(text, PRAISE_FILE, REQUIRED_COLUMNS, OPTIONAL_COLUMNS):
            if raw is None:
                result.errors.append(
                    RowError(
                        PRAISE_FILE, line, "This row has more cells than the header has columns."
                    )
                )
                continue
            row, problems = _parse(line, raw, on)
            result.errors.extend(RowError(PRAISE_FILE, line, problem) for problem in problems)
            if row is None:
                continue
            if (first := seen.get(row.data.external_id)) is not None:
                result.errors.append(
                    RowError(PRAISE_FILE, line, f"The same praise is already on line {first}.")
                )
                continue
            seen[row.data.external_id] = line
            rows.append(row)
    except CsvFileError as error:
        result.errors = [error.error]
        return result

    people = _people_by_email({email for row in rows for email in row.data.employee_emails})
    for row in rows:
        for email in row.data.employee_emails:
            if email not in people:
                result.errors.append(
                    RowError(
                        PRAISE_FILE, row.line, f"employee_emails: nobody has the e-mail {email}."
                    )
                )
    if result.errors:
        result.errors.sort(key=lambda error: error.line)
        return result

    existing = _existing_external_ids([row.data.external_id for row in rows])
    new_rows = [row for row in rows if row.data.external_id not in existing]
    result.unchanged = len(rows) - len(new_rows)
    created = [
        build_praise(
            actor,
            row.data,
            sorted({people[email] for email in row.data.employee_emails}, key=lambda p: p.id),
            "csv",
        )
        for row in new_rows
    ]
    db.session.add_all(created)
    db.session.flush()
    for praise in created:
        praise_logged(actor, praise, on)
    db.session.flush()
    result.created = len(created)
    return result
