"""The weekly timesheet: a grid of rows (a project each) by the seven days of a week.

A cell holds at most one entry; two entries of one project on one day sit in two rows
of that project. The form names every cell (`r3-d4`) and carries the id of the entry
behind it (`r3-d4-entry`), so saving is an exact list of `Change`s that `apply_changes`
checks as a whole: on any problem nothing is saved and the grid comes back with every
typed value and the messages at their cells.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from eximpact.ambassadors.models import (
    EDITABLE_STATUSES,
    ENROLMENT_APPROVED,
    CxProject,
    TimeEntry,
    monday_of,
)
from eximpact.ambassadors.services.entries import weekly_allocation
from eximpact.ambassadors.services.projects import active_project_choices
from eximpact.ambassadors.services.rules import (
    Change,
    HoursFormatError,
    load_enrolments,
    lock_person,
    parse_hours,
)
from eximpact.extensions import db
from eximpact.org.models import Person
from eximpact.validation import whole_number

MAX_ROWS = 60
BLANK_ROWS = 2
DAYS = range(7)


@dataclass
class Cell:
    day: date
    entry: TimeEntry | None = None
    value: str = ""
    errors: list[str] = field(default_factory=list)
    closed: str | None = None  # why the day takes no time (future, outside the enrolment)

    @property
    def locked(self) -> bool:
        return self.entry is not None and not self.entry.editable

    @property
    def hours(self) -> Decimal:
        """Hours for the totals: the locked entry's, else what is typed (when it parses)."""
        if self.locked:
            return self.entry.hours
        try:
            hours = parse_hours(self.value) if self.value else Decimal(0)
        except HoursFormatError:
            return Decimal(0)
        return hours if hours > 0 else Decimal(0)


@dataclass
class Row:
    project: CxProject | None
    cells: list[Cell]
    note: str = ""
    note_was: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((cell.hours for cell in self.cells), Decimal(0))

    @property
    def fixed(self) -> bool:
        """Rows with saved entries keep their project; only new rows offer a choice."""
        return any(cell.entry is not None for cell in self.cells)


@dataclass
class Timesheet:
    person: Person
    week_start: date
    today: date
    rows: list[Row]
    allocation: Decimal | None
    project_choices: list[tuple[int, str]]
    notice: str | None = None
    errors: list[str] = field(default_factory=list)  # about the week as a whole

    @property
    def days(self) -> list[date]:
        return [self.week_start + timedelta(days=offset) for offset in DAYS]

    @property
    def previous_week(self) -> date:
        return self.week_start - timedelta(days=7)

    @property
    def next_week(self) -> date:
        return self.week_start + timedelta(days=7)

    @property
    def day_totals(self) -> list[Decimal]:
        return [sum((row.cells[i].hours for row in self.rows), Decimal(0)) for i in DAYS]

    @property
    def total(self) -> Decimal:
        return sum(self.day_totals, Decimal(0))

    @property
    def over_allocation(self) -> bool:
        return self.allocation is not None and self.total > self.allocation

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or any(
            row.errors or any(cell.errors for cell in row.cells) for row in self.rows
        )


def week_of(raw: str | None, today: date) -> date:
    """The Monday of the week asked for (`?week=` any day of it), this week by default."""
    try:
        return monday_of(date.fromisoformat(raw)) if raw else monday_of(today)
    except ValueError:
        return monday_of(today)


def _week_entries(person_id: int, week_start: date) -> list[TimeEntry]:
    return list(
        db.session.scalars(
            select(TimeEntry)
            .options(joinedload(TimeEntry.project))
            .where(TimeEntry.person_id == person_id, TimeEntry.week_start == week_start)
            .order_by(TimeEntry.work_date, TimeEntry.id)
        )
    )


def _rows_from_entries(entries: list[TimeEntry], week_start: date) -> list[Row]:
    """One row per project and line: the n-th entry of a project on a day goes to line n."""
    lines: dict[int, list[list[TimeEntry | None]]] = defaultdict(list)
    projects = {}
    for entry in entries:
        projects[entry.project_id] = entry.project
        project_lines = lines[entry.project_id]
        day = (entry.work_date - week_start).days
        line = next((line for line in project_lines if line[day] is None), None)
        if line is None:
            line = [None] * 7
            project_lines.append(line)
        line[day] = entry
    rows = []
    for project_id in sorted(projects, key=lambda pid: (projects[pid].name.lower(), pid)):
        for line in lines[project_id]:
            cells = [
                Cell(week_start + timedelta(days=i), e, _hours_text(e.hours) if e else "")
                for i, e in enumerate(line)
            ]
            notes = {e.note for e in line if e is not None}
            note = notes.pop() if len(notes) == 1 else ""
            rows.append(Row(projects[project_id], cells, note=note, note_was=note))
    return rows


def _hours_text(hours: Decimal) -> str:
    return f"{hours:.2f}".rstrip("0").rstrip(".")


def _blank_row(week_start: date) -> Row:
    return Row(None, [Cell(week_start + timedelta(days=i)) for i in DAYS])


def _sheet(person: Person, week_start: date, today: date, rows: list[Row], enrolments) -> Timesheet:
    """Rows as a timesheet: with the week's allocation, the project choices and closed days."""
    approved = sorted(
        (e for e in enrolments if e.status == ENROLMENT_APPROVED),
        key=lambda e: e.start_date,
        reverse=True,
    )
    sheet = Timesheet(
        person,
        week_start,
        today,
        rows,
        weekly_allocation(approved, week_start),
        active_project_choices(),
    )
    for cell in (cell for row in rows for cell in row.cells):
        if cell.day > today:
            cell.closed = "This day has not happened yet."
        elif not any(e.covers(cell.day) for e in approved):
            cell.closed = "Outside your ambassador enrolment."
    return sheet


def build(person: Person, week_start: date, today: date, copy_last_week: bool = False) -> Timesheet:
    """The week as stored, plus blank rows (and last week's rows when asked to copy them)."""
    rows = _rows_from_entries(_week_entries(person.id, week_start), week_start)
    notice = None
    if copy_last_week:
        copied = _copied_rows(person, week_start, today, {row.project.id for row in rows})
        rows.extend(copied)
        notice = (
            f"Copied {len(copied)} row(s) from last week: check the hours, then save."
            if copied
            else "Last week has no rows to copy (on active projects not already here)."
        )
    rows.extend(_blank_row(week_start) for _ in range(BLANK_ROWS))
    sheet = _sheet(person, week_start, today, rows, load_enrolments(person.id))
    sheet.notice = notice
    return sheet


def _copied_rows(person: Person, week_start: date, today: date, present: set[int]) -> list[Row]:
    """Last week's rows on active projects not yet in this week, hours typed but not saved."""
    rows = []
    for old in _rows_from_entries(
        _week_entries(person.id, week_start - timedelta(days=7)), week_start - timedelta(days=7)
    ):
        if old.project.id in present or not old.project.takes_time:
            continue
        cells = []
        for i, old_cell in enumerate(old.cells):
            day = week_start + timedelta(days=i)
            value = old_cell.value if old_cell.entry is not None and day <= today else ""
            cells.append(Cell(day, value=value))
        rows.append(Row(old.project, cells, note=old.note))
    return rows


# -- saving --------------------------------------------------------------------------------


def _int(raw) -> int | None:
    return whole_number(raw)


def read_form(
    person: Person, week_start: date, today: date, form
) -> tuple[Timesheet, list[Change]]:
    """The grid as posted, with form problems at their cells, and the changes it asks for.

    Rows keep their posted order, so problems named `r3-d4.hours` land on the right cell.
    Locked cells post only their entry id and come back as stored.

    The person is locked before the week is read, so the same form posted twice at once (a
    double click, a retry) is read the second time as the first one left it: a cell the
    first one filled with these very hours is that entry, not a second one, and an entry
    the first one deleted is gone as asked, not an error.
    """
    lock_person(person.id)
    stored = {entry.id: entry for entry in _week_entries(person.id, week_start)}
    posted_entries = {_int(value) for key, value in form.items() if key.endswith("-entry")}
    saved_meanwhile = [entry for entry in stored.values() if entry.id not in posted_entries]
    count = min(_int(form.get("rows")) or 0, MAX_ROWS)
    posted_ids = {_int(form.get(f"r{r}-project")) for r in range(count)} - {None}
    projects = (
        {
            project.id: project
            for project in db.session.scalars(select(CxProject).where(CxProject.id.in_(posted_ids)))
        }
        if posted_ids
        else {}
    )
    rows: list[Row] = []
    changes: list[Change] = []
    seen: set[int] = set()
    for r in range(count):
        project = projects.get(_int(form.get(f"r{r}-project")))
        row = Row(
            project,
            [],
            note=(form.get(f"r{r}-note") or "").strip(),
            note_was=(form.get(f"r{r}-note-was") or "").strip(),
        )
        for d in DAYS:
            cell = Cell(
                week_start + timedelta(days=d), value=(form.get(f"r{r}-d{d}") or "").strip()
            )
            row.cells.append(cell)
            if (entry_id := _int(form.get(f"r{r}-d{d}-entry"))) is not None:
                entry = stored.get(entry_id)
                if entry is None and not cell.value:
                    continue  # deleted meanwhile, as this cell asks
                if (
                    entry is None
                    or entry_id in seen
                    or entry.work_date != cell.day
                    or project is None
                    or entry.project_id != project.id
                ):
                    cell.errors.append("This entry changed meanwhile: reload the week.")
                    continue
                seen.add(entry_id)
                cell.entry = entry
                if entry.status not in EDITABLE_STATUSES:
                    cell.value = _hours_text(entry.hours)
                    continue
            elif twin := _same_entry(saved_meanwhile, seen, row, cell):
                seen.add(twin.id)
                cell.entry = twin
            if change := _cell_change(f"r{r}-d{d}.", row, cell):
                changes.append(change)
        if project is None and any(cell.value and cell.entry is None for cell in row.cells):
            row.errors.append("Choose a project for this row.")
        rows.append(row)
    # Entries saved elsewhere since the page was drawn come back as rows of their own.
    unseen = [entry for entry_id, entry in stored.items() if entry_id not in seen]
    rows.extend(_rows_from_entries(unseen, week_start))
    return _sheet(person, week_start, today, rows, load_enrolments(person.id)), changes


def _same_entry(candidates: list[TimeEntry], seen: set[int], row: Row, cell: Cell):
    """An entry saved since the page was drawn that is exactly what this new cell asks for."""
    if not cell.value or row.project is None:
        return None
    try:
        hours = parse_hours(cell.value)
    except HoursFormatError:
        return None
    for entry in candidates:
        if (
            entry.id not in seen
            and (entry.project_id, entry.work_date, entry.hours)
            == (row.project.id, cell.day, hours)
            and (entry.note or "") == row.note
        ):
            return entry
    return None


def _cell_change(key: str, row: Row, cell: Cell) -> Change | None:
    """What one editable cell asks for: create, update, delete, or nothing."""
    entry = cell.entry
    if not cell.value:
        return Change(key, entry) if entry is not None else None
    try:
        hours = parse_hours(cell.value)
    except HoursFormatError as error:
        cell.errors.append(str(error))
        return None
    if row.project is None:
        return None  # the row's own message asks for a project
    note = row.note if entry is None or row.note != row.note_was else entry.note
    if entry is not None and (entry.hours, entry.note) == (hours, note):
        return None
    return Change(key, entry, row.project.id, cell.day, hours, note)


def place_problems(sheet: Timesheet, fields: dict[str, list[str]]) -> None:
    """Put each problem at its cell (hours, day) or its row (project, note)."""
    for name, messages in fields.items():
        cell_key, _, field_name = name.partition(".")
        r, _, d = cell_key.removeprefix("r").partition("-d")
        row = sheet.rows[int(r)]
        target = row.cells[int(d)].errors if field_name in ("hours", "date") else row.errors
        target.extend(message for message in messages if message not in target)
