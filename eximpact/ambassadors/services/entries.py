"""Logging, changing and listing time entries, and the weekly over-allocation flag."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from flask_sqlalchemy.pagination import SelectPagination
from sqlalchemy import Select, func, select

from eximpact import audit
from eximpact.ambassadors.models import (
    APPROVED,
    DRAFT,
    ENROLMENT_APPROVED,
    REJECTED,
    SUBMITTED,
    Enrolment,
    TimeEntry,
)
from eximpact.ambassadors.services import rollup  # also keeps the hours rollup on every flush
from eximpact.ambassadors.services.rules import Change, check_changes, lock_person
from eximpact.ambassadors.services.scope import visible_person_ids
from eximpact.extensions import db
from eximpact.org.models import Person
from eximpact.validation import Conflict

NOTHING_SAVED = "Nothing was saved: some entries need your attention."
LOCKED_MESSAGES = {
    SUBMITTED: "This entry is submitted and waits for approval: it can no longer be changed.",
    APPROVED: "This entry is approved and locked: ask your manager to reopen it.",
}


def ensure_editable(entry: TimeEntry) -> None:
    """Only drafts and rejected entries change; anything else is a conflict (API 409)."""
    if not entry.editable:
        raise Conflict(LOCKED_MESSAGES.get(entry.status, "This entry can no longer be changed."))


def apply_changes(
    actor: Person, person: Person, changes: list[Change], today: date
) -> list[TimeEntry]:
    """Make every change to `person`'s time, or none: problems are raised all at once.

    Returns the entries created or updated, in the order of `changes`. Changes to time
    someone has already seen (submitted once, then rejected or reopened) are audited.
    """
    for change in changes:
        if change.entry is not None:
            ensure_editable(change.entry)
    lock_person(person.id)
    check_changes(person, changes, today).raise_if_any(NOTHING_SAVED)
    saved = []
    for change in changes:
        entry = change.entry
        if change.deletes:
            if entry.submitted_at is not None:
                audit.record("time_entry", entry.id, "deleted", actor, entry.status, None)
            db.session.delete(entry)
            continue
        if entry is None:
            entry = TimeEntry(person_id=person.id)
            db.session.add(entry)
        elif entry.submitted_at is not None and change.moves_time:
            audit.record(
                "time_entry",
                entry.id,
                "changed",
                actor,
                entry.status,
                entry.status,
                before=_snapshot(entry),
                after={
                    "project_id": change.project_id,
                    "date": change.work_date.isoformat(),
                    "hours": str(change.hours),
                },
            )
        entry.project_id = change.project_id
        entry.work_date = change.work_date
        entry.hours = change.hours
        entry.note = change.note
        saved.append(entry)
    db.session.flush()
    return saved


def _snapshot(entry: TimeEntry) -> dict:
    return {
        "project_id": entry.project_id,
        "date": entry.work_date.isoformat(),
        "hours": str(entry.hours),
    }


def entries_query(
    actor: Person,
    *,
    person_id: int | None = None,
    project_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
    status: str | None = None,
) -> Select:
    """The entries `actor` may see, newest day first, narrowed by the filters given."""
    query = select(TimeEntry).order_by(TimeEntry.work_date.desc(), TimeEntry.id.desc())
    if (visible := visible_person_ids(actor)) is not None:
        query = query.where(TimeEntry.person_id.in_(visible))
    if person_id is not None:
        query = query.where(TimeEntry.person_id == person_id)
    if project_id is not None:
        query = query.where(TimeEntry.project_id == project_id)
    if start is not None:
        query = query.where(TimeEntry.work_date >= start)
    if end is not None:
        query = query.where(TimeEntry.work_date <= end)
    if status is not None:
        query = query.where(TimeEntry.status == status)
    return query


class EntriesPage(SelectPagination):
    """A page of `entries_query`, found id first: the page's ids come from the ordering's
    index alone (`ix_time_entry_work_date`), then only those rows are read, so a deep
    page skips index entries rather than table rows. `options` load what the page shows.
    """

    def _query_items(self) -> list[TimeEntry]:
        select_ = self._query_args["select"]
        ids = select_.with_only_columns(TimeEntry.id).limit(self.per_page)
        rows = select_.where(TimeEntry.id.in_(ids.offset(self._query_offset).scalar_subquery()))
        rows = rows.options(*self._query_args.get("options", ()))
        return list(self._query_args["session"].scalars(rows).unique())

    def _query_count(self) -> int:
        """A plain COUNT over the filtered entries (no subquery of every column)."""
        select_ = self._query_args["select"]
        count = select_.with_only_columns(func.count(), maintain_column_froms=True)
        return self._query_args["session"].scalar(count.order_by(None))


def entries_page(
    query: Select, page: int, per_page: int, total: int | None = None, options=()
) -> EntriesPage:
    """`EntriesPage` of `query`; pass `total` when it is known more cheaply (the rollup)."""
    results = EntriesPage(
        select=query,
        session=db.session,
        options=options,
        page=page,
        per_page=per_page,
        error_out=False,
        count=total is None,
    )
    if total is not None:
        results.total = total
    return results


def state_totals(
    actor: Person,
    *,
    person_id: int | None = None,
    project_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
    status: str | None = None,
) -> tuple[dict[str, Decimal], int]:
    """Hours per state and the number of entries of `entries_query` with the same filters,
    in one grouped query over the hours rollup (no COUNT over every entry)."""
    source = rollup.month_hours(start, end)
    query = select(source.c.status, func.sum(source.c.hours), func.sum(source.c.entries))
    if (visible := visible_person_ids(actor)) is not None:
        query = query.where(source.c.person_id.in_(visible))
    if person_id is not None:
        query = query.where(source.c.person_id == person_id)
    if project_id is not None:
        query = query.where(source.c.project_id == project_id)
    if status is not None:
        query = query.where(source.c.status == status)
    rows = db.session.execute(query.group_by(source.c.status)).all()
    return {state: hours for state, hours, _ in rows}, sum(int(n) for _, _, n in rows)


@dataclass(frozen=True)
class WeekState:
    """A week of one ambassador's time as a whole: draft, submitted, approved or rejected."""

    status: str | None  # None: nothing logged that week
    hours: Decimal
    submitted_at: datetime | None = None
    reasons: tuple[str, ...] = ()  # why entries were sent back, when rejected


def week_state(person_id: int, week_start: date) -> WeekState:
    """The week's state, in one query: rejected if any entry was sent back, else draft if
    any is unsubmitted, else submitted if any waits, else approved."""
    rows = db.session.execute(
        select(
            TimeEntry.status, TimeEntry.hours, TimeEntry.submitted_at, TimeEntry.rejection_reason
        ).where(TimeEntry.person_id == person_id, TimeEntry.week_start == week_start)
    ).all()
    statuses = {row.status for row in rows}
    hours = sum((row.hours for row in rows), Decimal(0))
    for status in (REJECTED, DRAFT, SUBMITTED, APPROVED):
        if status in statuses:
            break
    else:
        return WeekState(None, hours)
    submitted = [row.submitted_at for row in rows if row.submitted_at and row.status != DRAFT]
    reasons = tuple(
        dict.fromkeys(
            r.rejection_reason for r in rows if r.status == REJECTED and r.rejection_reason
        )
    )
    return WeekState(status, hours, max(submitted) if submitted else None, reasons)


# -- the weekly allocation ---------------------------------------------------------------


def approved_enrolments(person_ids) -> dict[int, list[Enrolment]]:
    """Each person's approved enrolments, latest first, in one query."""
    by_person: dict[int, list[Enrolment]] = defaultdict(list)
    if person_ids:
        for enrolment in db.session.scalars(
            select(Enrolment)
            .where(Enrolment.person_id.in_(set(person_ids)), Enrolment.status == ENROLMENT_APPROVED)
            .order_by(Enrolment.start_date.desc())
        ):
            by_person[enrolment.person_id].append(enrolment)
    return by_person


def weekly_allocation(enrolments: list[Enrolment], week_start: date) -> Decimal | None:
    """The hours agreed for the week starting `week_start`: the latest enrolment touching it."""
    week_end = week_start + timedelta(days=6)
    for enrolment in enrolments:
        if enrolment.start_date <= week_end and (
            enrolment.end_date is None or enrolment.end_date >= week_start
        ):
            return enrolment.allocation_hours_per_week
    return None


def week_totals(person_ids, week_starts) -> dict[tuple[int, date], Decimal]:
    """Hours per (person, week) in every state, in one grouped query."""
    if not person_ids or not week_starts:
        return {}
    rows = db.session.execute(
        select(TimeEntry.person_id, TimeEntry.week_start, func.sum(TimeEntry.hours))
        .where(
            TimeEntry.person_id.in_(set(person_ids)),
            TimeEntry.week_start.in_(set(week_starts)),
        )
        .group_by(TimeEntry.person_id, TimeEntry.week_start)
    )
    return {(person_id, week): hours for person_id, week, hours in rows}


@dataclass(frozen=True)
class WeekLoad:
    """A person's hours in one week against what their enrolment agreed."""

    total: Decimal
    allocation: Decimal | None

    @property
    def over(self) -> bool:
        return self.allocation is not None and self.total > self.allocation


def week_loads(keys: set[tuple[int, date]]) -> dict[tuple[int, date], WeekLoad]:
    """The load of each (person, week) in `keys`: two queries whatever the number of keys."""
    people = {person_id for person_id, _ in keys}
    totals = week_totals(people, {week for _, week in keys})
    enrolments = approved_enrolments(people)
    return {
        key: WeekLoad(
            totals.get(key, Decimal(0)), weekly_allocation(enrolments.get(key[0], []), key[1])
        )
        for key in keys
    }


def over_allocation_flags(entries: list[TimeEntry]) -> dict[int, bool]:
    """Entry id → whether its person's week goes over the weekly allocation."""
    loads = week_loads({(entry.person_id, entry.week_start) for entry in entries})
    return {entry.id: loads[(entry.person_id, entry.week_start)].over for entry in entries}
