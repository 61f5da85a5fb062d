"""The hours rollup: hours per person × project × month × state, kept with the entries.

Every write to `time_entry` moves the matching `hours_month` rows in the same
transaction, so a report over whole months sums the rollup and only the days of a
partial month at either end of a period read entries. One place keeps it for every way
in: ORM writes (the timesheet, the API, CSV, the demo, tests) through the session's flush
events below, and the one bulk UPDATE of states (approvals) through `move_state`. Bulk
loads that bypass the ORM (the benchmark) call `rebuild` afterwards.

`month_hours` is the plain read API the reports, and the scorecards to come, build on.
"""

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, delete, event, func, insert, inspect, literal, or_, select, union_all
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from eximpact.ambassadors.models import APPROVED, HoursMonth, TimeEntry
from eximpact.extensions import db

SUMMED = ("person_id", "project_id", "work_date", "status", "hours")


def month_of(day: date) -> date:
    return day.replace(day=1)


Key = tuple[int, int, date, str]  # person, project, month, state


class Deltas:
    """Hours and entry counts to add to (or take from) rollup rows, by key."""

    def __init__(self) -> None:
        self.by_key: dict[Key, list] = defaultdict(lambda: [Decimal(0), 0])

    def add(self, person_id, project_id, work_date, status, hours, sign: int = 1) -> None:
        if None in (person_id, project_id, work_date, status, hours):
            return
        cell = self.by_key[(person_id, project_id, month_of(work_date), status)]
        cell[0] += Decimal(hours) * sign
        cell[1] += sign

    def apply(self, connection) -> None:
        """Upsert every changed key (adding to what is there), then drop emptied rows."""
        rows = [
            {"person_id": p, "project_id": j, "month": m, "status": s, "hours": h, "entries": n}
            for (p, j, m, s), (h, n) in self.by_key.items()
            if h or n
        ]
        if not rows:
            return
        dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
        statement = dialect.insert(HoursMonth.__table__)
        table = HoursMonth.__table__
        statement = statement.on_conflict_do_update(
            index_elements=[table.c.person_id, table.c.project_id, table.c.month, table.c.status],
            set_={
                "hours": table.c.hours + statement.excluded.hours,
                "entries": table.c.entries + statement.excluded.entries,
            },
        )
        connection.execute(statement, rows)
        emptied = [
            and_(
                table.c.person_id == row["person_id"],
                table.c.project_id == row["project_id"],
                table.c.month == row["month"],
                table.c.status == row["status"],
            )
            for row in rows
            if row["entries"] < 0
        ]
        if emptied:
            connection.execute(delete(table).where(table.c.entries <= 0, or_(*emptied)))


def _old(entry: TimeEntry, name: str):
    """The value of a column as the database holds it now (before this flush)."""
    history = inspect(entry).attrs[name].history
    if history.deleted:
        return history.deleted[0]
    if history.unchanged:
        return history.unchanged[0]
    return getattr(entry, name)


def _summed_change(entry: TimeEntry) -> bool:
    state = inspect(entry)
    return any(state.attrs[name].history.has_changes() for name in SUMMED)


@event.listens_for(Session, "before_flush")
def _remember_old_values(session, _context, _instances) -> None:
    """Old keys of entries about to change or go (later, in after_flush, they are gone)."""
    old = Deltas()
    changed = []
    for entry in session.deleted:
        if isinstance(entry, TimeEntry) and inspect(entry).persistent:
            old.add(*(_old(entry, name) for name in SUMMED), sign=-1)
    for entry in session.dirty:
        if isinstance(entry, TimeEntry) and _summed_change(entry):
            old.add(*(_old(entry, name) for name in SUMMED), sign=-1)
            changed.append(entry)
    session.info["hours_rollup"] = (old, changed)


@event.listens_for(Session, "after_flush")
def _keep_rollup(session, _context) -> None:
    """New values in, old values out, in the flush's own transaction."""
    deltas, changed = session.info.pop("hours_rollup", (Deltas(), []))
    for entry in [*(e for e in session.new if isinstance(e, TimeEntry)), *changed]:
        deltas.add(*(getattr(entry, name) for name in SUMMED))
    deltas.apply(session.connection())


def move_state(rows, from_status: str, to_status: str) -> None:
    """After a bulk UPDATE of states: `rows` are (person_id, project_id, work_date, hours)."""
    deltas = Deltas()
    for person_id, project_id, work_date, hours in rows:
        deltas.add(person_id, project_id, work_date, from_status, hours, sign=-1)
        deltas.add(person_id, project_id, work_date, to_status, hours)
    deltas.apply(db.session.connection())


def month_start_sql(column):
    """First day of the month of a date column, in SQL, on SQLite and PostgreSQL."""
    if db.engine.dialect.name == "postgresql":
        return func.cast(func.date_trunc("month", column), db.Date)
    return func.date(column, literal("start of month"))


def rebuild() -> int:
    """The rollup recomputed from every entry (after a bulk load); returns its row count."""
    db.session.execute(delete(HoursMonth))
    month = month_start_sql(TimeEntry.work_date)
    grouped = select(
        TimeEntry.person_id,
        TimeEntry.project_id,
        month,
        TimeEntry.status,
        func.sum(TimeEntry.hours),
        func.count(),
    ).group_by(TimeEntry.person_id, TimeEntry.project_id, month, TimeEntry.status)
    db.session.execute(
        insert(HoursMonth).from_select(
            ["person_id", "project_id", "month", "status", "hours", "entries"], grouped
        )
    )
    return db.session.scalar(select(func.count()).select_from(HoursMonth))


# -- reading it ------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A period split into whole months (read from the rollup) and edge days (entries)."""

    months: tuple[date, date] | None  # first days of the first and last whole month
    days: list[tuple[date, date]]  # date ranges outside whole months


EARLIEST, LATEST = date(1, 2, 1), date(9999, 11, 30)


def split(start: date, end: date) -> Span:
    """Whole months of start..end, and the edge days, each edge inside one month."""
    first_whole = start if start.day == 1 else _next_month(start)
    last_whole = month_of(end) if _is_month_end(end) else _previous_month(month_of(end))
    if first_whole <= last_whole:
        days = []
        if start < first_whole:
            days.append((start, _day_before(first_whole)))
        if end >= _next_month(last_whole):
            days.append((_next_month(last_whole), end))
        return Span((first_whole, last_whole), days)
    if month_of(start) == month_of(end):  # no whole month: at most two months touched
        return Span(None, [(start, end)])
    return Span(None, [(start, _day_before(month_of(end))), (month_of(end), end)])


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _previous_month(first: date) -> date:
    return date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)


def _day_before(day: date) -> date:
    return date.fromordinal(day.toordinal() - 1)


def _is_month_end(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def month_hours(start: date | None, end: date | None):
    """A selectable of hours in start..end (None: no bound) with columns person_id,
    project_id, month, status, hours and entries (how many): rollup rows for whole months,
    entries for the days at either edge.

    Group and filter it like time entries (by person, project, state, or month: `month`
    is the first day of the entry's month), and the figures are exact for any period.
    """
    # Month arithmetic stays inside what `date` can hold; no entry is that old or that far
    # ahead (no time in the future, none outside an enrolment), so nothing is left out.
    start, end = start or EARLIEST, end or LATEST
    first, last = max(start, EARLIEST), min(end, LATEST)
    span = split(first, last) if first <= last else Span(None, [])
    parts = []
    if span.months is not None:
        parts.append(
            select(
                HoursMonth.person_id,
                HoursMonth.project_id,
                HoursMonth.month.label("month"),
                HoursMonth.status,
                HoursMonth.hours.label("hours"),
                HoursMonth.entries.label("entries"),
            ).where(HoursMonth.month.between(*span.months))
        )
    parts.extend(_entry_part(day_from, day_to) for day_from, day_to in span.days)
    if not parts:  # a period no entry can fall in
        parts.append(_entry_part(start, start).where(literal(False)))
    return (parts[0] if len(parts) == 1 else union_all(*parts)).subquery("hours_source")


def approved_months(person_id: int, first_month: date) -> list[tuple[date, Decimal]]:
    """A person's approved hours per month from `first_month` on, oldest first: one query
    over the rollup (a month's rows are exact: the rollup holds whole months)."""
    rows = db.session.execute(
        select(HoursMonth.month, func.sum(HoursMonth.hours))
        .where(
            HoursMonth.person_id == person_id,
            HoursMonth.status == APPROVED,
            HoursMonth.month >= month_of(first_month),
        )
        .group_by(HoursMonth.month)
        .order_by(HoursMonth.month)
    )
    return [(month, Decimal(hours)) for month, hours in rows]


def _entry_part(first: date, last: date):
    """Entries of first..last (inside one month) with the rollup's columns."""
    return select(
        TimeEntry.person_id,
        TimeEntry.project_id,
        literal(month_of(first), db.Date).label("month"),
        TimeEntry.status,
        TimeEntry.hours.label("hours"),
        literal(1).label("entries"),
    ).where(TimeEntry.work_date.between(first, last))
