"""Reminder e-mails queued by `flask reminders send`, each at most once.

Ambassadors hear about past weeks they have not submitted (nothing logged, or entries
still in draft or rejected); managers about entries that have waited for them longer
than APPROVAL_REMINDER_DAYS. An `AmbassadorReminder` row per kind, person and week (or
day) makes a second run a no-op, so cron may run it as often as it likes.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from eximpact import clock
from eximpact.ambassadors.models import (
    EDITABLE_STATUSES,
    ENROLMENT_APPROVED,
    SUBMITTED,
    AmbassadorReminder,
    Enrolment,
    TimeEntry,
    monday_of,
)
from eximpact.extensions import db
from eximpact.notifications.services import queue_email
from eximpact.org.models import HR, Person, RoleAssignment

LOOKBACK_WEEKS = 4
WEEK_NOT_SUBMITTED = "week_not_submitted"
APPROVALS_WAITING = "approvals_waiting"


@dataclass(frozen=True)
class Sent:
    ambassadors: int
    approvers: int


def _already_sent(kind: str, person_ids, periods) -> set[tuple[int, date]]:
    if not person_ids:
        return set()
    rows = db.session.execute(
        select(AmbassadorReminder.person_id, AmbassadorReminder.period_start).where(
            AmbassadorReminder.kind == kind,
            AmbassadorReminder.person_id.in_(set(person_ids)),
            AmbassadorReminder.period_start.in_(set(periods)),
        )
    )
    return {(person_id, period) for person_id, period in rows}


def unsubmitted_weeks(today: date) -> dict[Person, list[date]]:
    """Each current ambassador's recent past weeks with nothing logged or something unsent."""
    this_week = monday_of(today)
    weeks = [this_week - timedelta(weeks=n) for n in range(LOOKBACK_WEEKS, 0, -1)]
    last_day = this_week - timedelta(days=1)
    enrolments = db.session.scalars(
        select(Enrolment)
        .options(joinedload(Enrolment.person))
        .join(Person, Person.id == Enrolment.person_id)
        .where(
            Enrolment.status == ENROLMENT_APPROVED,
            Person.active,
            Enrolment.start_date <= last_day,
            or_(Enrolment.end_date.is_(None), Enrolment.end_date >= weeks[0]),
        )
    )
    expected: dict[int, set[date]] = defaultdict(set)
    people: dict[int, Person] = {}
    for enrolment in enrolments:
        people[enrolment.person_id] = enrolment.person
        for week in weeks:
            if enrolment.start_date <= week + timedelta(days=6) and (
                enrolment.end_date is None or enrolment.end_date >= week
            ):
                expected[enrolment.person_id].add(week)
    if not expected:
        return {}
    open_entries = func.count().filter(TimeEntry.status.in_(EDITABLE_STATUSES))
    logged = {
        (person_id, week): bool(still_open)
        for person_id, week, still_open in db.session.execute(
            select(TimeEntry.person_id, TimeEntry.week_start, open_entries)
            .where(TimeEntry.person_id.in_(expected), TimeEntry.week_start.in_(weeks))
            .group_by(TimeEntry.person_id, TimeEntry.week_start)
        )
    }
    return {
        people[person_id]: sorted(
            week for week in person_weeks if logged.get((person_id, week), True)
        )
        for person_id, person_weeks in expected.items()
        if any(logged.get((person_id, week), True) for week in person_weeks)
    }


def remind_ambassadors(today: date) -> int:
    """One e-mail per ambassador with a past week not yet reminded of; returns how many."""
    pending = unsubmitted_weeks(today)
    sent = _already_sent(
        WEEK_NOT_SUBMITTED,
        [person.id for person in pending],
        {week for weeks in pending.values() for week in weeks},
    )
    count = 0
    for person, weeks in sorted(pending.items(), key=lambda item: item[0].id):
        new = [week for week in weeks if (person.id, week) not in sent]
        if not new:
            continue
        db.session.add_all(
            AmbassadorReminder(kind=WEEK_NOT_SUBMITTED, person_id=person.id, period_start=week)
            for week in new
        )
        queue_email(
            person.email,
            WEEK_NOT_SUBMITTED,
            "Your CX ambassador hours: a week to submit",
            "ambassadors/week_reminder",
            person=person,
            weeks=weeks,
        )
        count += 1
    return count


def _hr_people() -> list[Person]:
    return list(
        db.session.scalars(
            select(Person)
            .join(RoleAssignment, RoleAssignment.person_id == Person.id)
            .where(RoleAssignment.role == HR, Person.active)
            .order_by(Person.id)
        )
    )


def _waiting_by_approver(cutoff: datetime) -> dict[Person, tuple[int, datetime]]:
    """(entries, oldest submission) per approver for entries submitted before `cutoff`.

    A person's manager approves; entries of people without an active manager wait for
    HR, so every HR person hears of them.
    """
    rows = db.session.execute(
        select(Person.manager_id, func.count(), func.min(TimeEntry.submitted_at))
        .select_from(TimeEntry)
        .join(Person, Person.id == TimeEntry.person_id)
        .where(TimeEntry.status == SUBMITTED, TimeEntry.submitted_at <= cutoff)
        .group_by(Person.manager_id)
    ).all()
    manager_ids = {manager_id for manager_id, _, _ in rows if manager_id is not None}
    managers = (
        {
            person.id: person
            for person in db.session.scalars(
                select(Person).where(Person.id.in_(manager_ids), Person.active)
            )
        }
        if manager_ids
        else {}
    )
    waiting: dict[Person, tuple[int, datetime]] = {}
    orphaned: list[tuple[int, datetime]] = []
    for manager_id, count, since in rows:
        if manager_id in managers:
            waiting[managers[manager_id]] = (count, since)
        else:
            orphaned.append((count, since))
    if orphaned:
        count = sum(c for c, _ in orphaned)
        since = min(s for _, s in orphaned)
        for person in _hr_people():
            before = waiting.get(person, (0, since))
            waiting[person] = (before[0] + count, min(before[1], since))
    return waiting


def remind_approvers(today: date, now: datetime) -> int:
    """One e-mail a day per approver with entries waiting longer than the configured days."""
    days = current_app.config["APPROVAL_REMINDER_DAYS"]
    waiting = _waiting_by_approver(now - timedelta(days=days))
    sent = _already_sent(APPROVALS_WAITING, [person.id for person in waiting], {today})
    queued = 0
    for approver, (count, since) in sorted(waiting.items(), key=lambda item: item[0].id):
        if (approver.id, today) in sent:
            continue
        db.session.add(
            AmbassadorReminder(kind=APPROVALS_WAITING, person_id=approver.id, period_start=today)
        )
        queue_email(
            approver.email,
            APPROVALS_WAITING,
            f"{count} CX time entr{'y' if count == 1 else 'ies'} waiting for your approval",
            "ambassadors/approvals_waiting",
            person=approver,
            count=count,
            since=since,
            days=days,
        )
        queued += 1
    return queued


def send_reminders(today: date | None = None, now: datetime | None = None) -> Sent:
    """Queue every reminder due; the caller commits (the outbox sends them later).

    Given only `today` (the CLI's --today), the clock is set to that day too.
    """
    if now is None:
        now = clock.now() if today is None else datetime.combine(today, clock.now().time())
        today = today or clock.today()
    today = today or now.date()
    sent = Sent(remind_ambassadors(today), remind_approvers(today, now))
    db.session.flush()
    return sent
