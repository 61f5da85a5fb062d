"""The entry lifecycle after logging: submit, approve or reject, reopen; the approval queue.

Decisions are conditional UPDATEs (`... WHERE status = 'submitted'`) whose RETURNING
clause says which rows this call changed, so two approvers acting on the same entry
at once end with exactly one decision, on SQLite and PostgreSQL alike.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.orm import joinedload

from eximpact import audit, clock
from eximpact.ambassadors.models import (
    APPROVED,
    DRAFT,
    EDITABLE_STATUSES,
    REJECTED,
    SUBMITTED,
    TimeEntry,
    monday_of,
)
from eximpact.ambassadors.services import rollup
from eximpact.ambassadors.services.entries import WeekLoad, entries_query, week_loads
from eximpact.extensions import db
from eximpact.notifications.inbox import notify
from eximpact.notifications.models import WAITING_FOR_YOU
from eximpact.notifications.services import queue_email
from eximpact.org.models import HR, Person
from eximpact.pagination import paginate_rows
from eximpact.validation import Conflict, NotAllowed, ValidationFailed, too_long, whole_number

LIMITS = {"reason": 500}  # a rejection's reason: page, API and this rule read it


def ensure_own(actor: Person, entries: list[TimeEntry]) -> None:
    """Only the ambassador submits their time: anyone else's entry is refused (403)."""
    if any(entry.person_id != actor.id for entry in entries):
        raise NotAllowed("You can only submit your own entries.")


def entries_to_submit(
    actor: Person,
    ids: list[int] | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[TimeEntry]:
    """The actor's entries to submit, named by `ids` or by a period (`start`, `end`).

    Named entries must exist (422), be the actor's own (403) and still be editable (409);
    a period takes whatever of the actor's time falls in it.
    """
    if ids is not None:
        entries = list(db.session.scalars(select(TimeEntry).where(TimeEntry.id.in_(ids))))
        if missing := sorted(set(ids) - {entry.id for entry in entries}):
            raise ValidationFailed.single("ids", f"No such entries: {missing}.")
        ensure_own(actor, entries)
        if locked := sorted(entry.id for entry in entries if not entry.editable):
            raise Conflict(f"Already submitted or approved: {locked}.")
        return entries
    if start is None or end is None:
        raise ValidationFailed(
            {"from": ["Send from and to, or ids."]}, "Say which entries to submit."
        )
    if end < start:
        raise ValidationFailed.single("to", "The end cannot be before the start.")
    return list(
        db.session.scalars(
            entries_query(actor, person_id=actor.id, start=start, end=end).order_by(None)
        )
    )


def submit(actor: Person, entries: list[TimeEntry], now: datetime | None = None) -> list[TimeEntry]:
    """Hand the actor's draft and rejected entries to their approver; others are left alone."""
    ensure_own(actor, entries)
    now = now or clock.now()
    chosen = [entry for entry in entries if entry.status in EDITABLE_STATUSES]
    for entry in chosen:
        audit.record("time_entry", entry.id, "submitted", actor, entry.status, SUBMITTED)
        entry.status = SUBMITTED
        entry.submitted_at = now
        entry.rejection_reason = None
    db.session.flush()
    if chosen:
        hours = sum((entry.hours for entry in chosen), Decimal(0))
        notify(
            actor.manager,
            WAITING_FOR_YOU,
            f"{actor.name} submitted {hours:g} h of CX time for approval.",
            "/ambassadors/approvals",
            actor=actor,
        )
    return chosen


NOTHING_TO_RECALL = (
    "Nothing in this week waits for approval any more: it has been decided, or it was "
    "never submitted."
)


def recall_week(actor: Person, day: date) -> int:
    """Take back the actor's submitted week (the one holding `day`) before it is decided:
    what still waits becomes a draft again; what an approver decided meanwhile stays
    decided. Conflict when nothing waits. Safe against an approval at the same moment:
    each entry moves once, by whichever statement comes first."""
    week_start = monday_of(day)
    ids = list(
        db.session.scalars(
            select(TimeEntry.id).where(
                TimeEntry.person_id == actor.id,
                TimeEntry.week_start == week_start,
                TimeEntry.status == SUBMITTED,
            )
        )
    )
    moved = _conditional_update(ids, SUBMITTED, {"status": DRAFT, "submitted_at": None})
    if not moved:
        raise Conflict(NOTHING_TO_RECALL)
    for entry_id in sorted(moved):
        audit.record("time_entry", entry_id, "recalled", actor, SUBMITTED, DRAFT)
    return len(moved)


def _conditional_update(ids: list[int], from_status: str, values: dict) -> set[int]:
    """Move the rows of `ids` still in `from_status`; returns the ids this statement moved."""
    if not ids:
        return set()
    statement = (
        update(TimeEntry)
        .where(TimeEntry.id.in_(ids), TimeEntry.status == from_status)
        .values(**values, updated_at=clock.now())
        .returning(
            TimeEntry.id,
            TimeEntry.person_id,
            TimeEntry.project_id,
            TimeEntry.work_date,
            TimeEntry.hours,
        )
        .execution_options(synchronize_session="fetch")
    )
    moved = db.session.execute(statement).all()
    rollup.move_state([row[1:] for row in moved], from_status, values["status"])
    return {row[0] for row in moved}


def reason_problem(reason: str | None) -> str | None:
    if not (reason or "").strip():
        return "Say why, so the ambassador can put it right."
    if len(reason.strip()) > LIMITS["reason"]:
        return too_long(LIMITS["reason"])
    return None


def decide(
    actor: Person,
    entries: list[TimeEntry],
    approve: bool,
    reason: str | None = None,
    now: datetime | None = None,
) -> list[TimeEntry]:
    """Approve or reject submitted entries; returns the ones this call decided.

    The caller has checked `time.decide` on each entry. Entries someone else decided a
    moment earlier are not in the result, and keep that other decision.
    """
    if not approve and (problem := reason_problem(reason)):
        raise ValidationFailed.single("reason", problem)
    now = now or clock.now()
    status = APPROVED if approve else REJECTED
    decided_ids = _conditional_update(
        [entry.id for entry in entries],
        SUBMITTED,
        {
            "status": status,
            "decided_at": now,
            "decided_by_id": actor.id,
            "rejection_reason": None if approve else reason.strip(),
        },
    )
    decided = [entry for entry in entries if entry.id in decided_ids]
    for entry in decided:
        audit.record(
            "time_entry",
            entry.id,
            status,
            actor,
            SUBMITTED,
            status,
            **({} if approve else {"comment": reason.strip()}),
        )
    if not approve:
        _notify_rejected(actor, decided, reason.strip())
    return decided


def decide_one(actor: Person, entry: TimeEntry, approve: bool, reason: str | None = None) -> None:
    """`decide` for a single entry: anything but a submitted entry is a conflict."""
    if entry.status != SUBMITTED:
        raise Conflict(f"Only a submitted entry can be decided; this one is {entry.status}.")
    if not decide(actor, [entry], approve, reason):
        raise Conflict("Someone else decided this entry a moment ago.")


def reopen(actor: Person, entry: TimeEntry, reason: str | None = None) -> None:
    """An approved entry goes back to draft so its owner can change it; audited and notified."""
    if not _conditional_update(
        [entry.id], APPROVED, {"status": DRAFT, "decided_at": None, "decided_by_id": None}
    ):
        raise Conflict(f"Only an approved entry can be reopened; this one is {entry.status}.")
    comment = (reason or "").strip()[: LIMITS["reason"]]
    audit.record(
        "time_entry", entry.id, "reopened", actor, APPROVED, DRAFT, comment=comment or None
    )
    queue_email(
        entry.person.email,
        "time_reopened",
        "A CX time entry of yours was reopened",
        "ambassadors/time_reopened",
        person=entry.person,
        actor=actor,
        entries=[entry],
        reason=comment,
    )


def _notify_rejected(actor: Person, entries: list[TimeEntry], reason: str) -> None:
    """One e-mail per ambassador listing what was rejected and why."""
    by_person: dict[int, list[TimeEntry]] = {}
    for entry in entries:
        by_person.setdefault(entry.person_id, []).append(entry)
    for person_entries in by_person.values():
        person = person_entries[0].person
        queue_email(
            person.email,
            "time_rejected",
            "CX time to put right",
            "ambassadors/time_rejected",
            person=person,
            actor=actor,
            entries=sorted(person_entries, key=lambda e: (e.work_date, e.id)),
            reason=reason,
        )


# -- the approval queue ------------------------------------------------------------------


@dataclass
class WeekToApprove:
    person: Person
    week_start: date
    waiting_hours: Decimal
    waiting_since: datetime
    load: WeekLoad
    entries: list[TimeEntry] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.person.id}:{self.week_start.isoformat()}"


def queue_query(actor: Person, everyone: bool = True):
    """(person, week) groups of submitted entries `actor` may decide, longest waiting first."""
    query = (
        select(
            TimeEntry.person_id,
            TimeEntry.week_start,
            func.sum(TimeEntry.hours).label("hours"),
            func.min(TimeEntry.submitted_at).label("since"),
        )
        .join(Person, Person.id == TimeEntry.person_id)
        .where(TimeEntry.status == SUBMITTED, TimeEntry.person_id != actor.id)
        .group_by(TimeEntry.person_id, TimeEntry.week_start)
        .order_by(func.min(TimeEntry.submitted_at), TimeEntry.person_id, TimeEntry.week_start)
    )
    if not (everyone and actor.has_role(HR)):
        query = query.where(Person.manager_id == actor.id)
    return query


def approval_queue(actor: Person, page: int, per_page: int, everyone: bool = True):
    """A page of weeks to approve with their entries and loads, in five queries in all."""
    results = paginate_rows(queue_query(actor, everyone), page, per_page, count_in_page=True)
    keys = {(row.person_id, row.week_start) for row in results.items}
    people = {}
    entries: dict[tuple[int, date], list[TimeEntry]] = {key: [] for key in keys}
    if keys:
        people = {
            person.id: person
            for person in db.session.scalars(
                select(Person)
                .options(joinedload(Person.team))
                .where(Person.id.in_({key[0] for key in keys}))
            )
        }
        for entry in db.session.scalars(
            select(TimeEntry)
            .options(joinedload(TimeEntry.project))
            .where(
                TimeEntry.status == SUBMITTED,
                TimeEntry.person_id.in_({key[0] for key in keys}),
                TimeEntry.week_start.in_({key[1] for key in keys}),
            )
            .order_by(TimeEntry.work_date, TimeEntry.id)
        ):
            # The IN lists cross people and weeks: keep only the pairs on this page.
            if (key := (entry.person_id, entry.week_start)) in entries:
                entries[key].append(entry)
    loads = week_loads(keys)
    results.items = [
        WeekToApprove(
            person=people[row.person_id],
            week_start=row.week_start,
            waiting_hours=row.hours,
            waiting_since=row.since,
            load=loads[(row.person_id, row.week_start)],
            entries=entries[(row.person_id, row.week_start)],
        )
        for row in results.items
    ]
    return results


def parse_week_key(value: str) -> tuple[int, date] | None:
    """`"12:2026-11-16"` → (12, date(2026, 11, 16)); anything malformed → None."""
    person_id, _, week = (value or "").partition(":")
    try:
        day = date.fromisoformat(week)
    except ValueError:
        return None
    person = whole_number(person_id)
    return (person, day) if person is not None else None


def submitted_entries_of_weeks(keys: list[tuple[int, date]]) -> list[TimeEntry]:
    """The submitted entries of the given (person, week) pairs, with their people loaded."""
    if not keys:
        return []
    wanted = set(keys)
    rows = db.session.scalars(
        select(TimeEntry)
        .options(joinedload(TimeEntry.person))
        .where(
            TimeEntry.status == SUBMITTED,
            TimeEntry.person_id.in_({key[0] for key in wanted}),
            TimeEntry.week_start.in_({key[1] for key in wanted}),
        )
        .order_by(TimeEntry.id)
    )
    return [entry for entry in rows if (entry.person_id, entry.week_start) in wanted]
