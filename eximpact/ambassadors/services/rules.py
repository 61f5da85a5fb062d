"""The rules every time entry obeys, written once and checked set-wise.

The timesheet, the API (one entry or a batch of a thousand) and the demo loader all
describe what they want as `Change`s and call `check_changes`, which loads the
projects, the enrolments and the day totals it needs in three queries whatever the
number of changes, and names every problem by the change's key.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sqlalchemy import select

from eximpact.ambassadors.models import (
    ENROLMENT_APPROVED,
    ENROLMENT_DECLINED,
    ENROLMENT_PENDING,
    CxProject,
    Enrolment,
    TimeEntry,
)
from eximpact.extensions import db
from eximpact.org.models import Person
from eximpact.validation import Problems, too_long

MAX_HOURS_PER_DAY = Decimal(24)
CENT = Decimal("0.01")
LIMITS = {"note": 500}  # a time entry's note: the timesheet, the API and this rule read it
_CLOCK = re.compile(r"^(\d{1,2}):([0-5]\d)$")


class HoursFormatError(ValueError):
    """Text that is not a number of hours; its message is shown to the user."""


def parse_hours(raw) -> Decimal:
    """`1.5`, `1,5`, `"1.5"` or `1:30` (h:mm) as hours; h:mm is rounded to the cent of an hour.

    Only the form is checked here; `hours_problem` holds the rules.
    """
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str, Decimal)):
        raise HoursFormatError("Enter hours as a number, like 1.5 or 1:30.")
    text = str(raw).strip()
    if match := _CLOCK.match(text):
        hours, minutes = int(match[1]), int(match[2])
        return (Decimal(hours) + Decimal(minutes) / 60).quantize(CENT, ROUND_HALF_UP)
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise HoursFormatError("Enter hours as a number, like 1.5 or 1:30.") from None
    if not value.is_finite():
        raise HoursFormatError("Enter hours as a number, like 1.5 or 1:30.")
    return value


def hours_problem(hours: Decimal) -> str | None:
    """More than zero, at most a day, and at most two decimals."""
    if hours <= 0:
        return "Enter more than 0 hours."
    if hours > MAX_HOURS_PER_DAY:
        return "At most 24 hours a day."
    if hours != hours.quantize(CENT):
        return "Use at most two decimals (or h:mm)."
    return None


def date_problem(day: date, today: date) -> str | None:
    if day > today:
        return "You cannot log time for a day that has not happened yet."
    return None


def enrolment_for(day: date, enrolments: list[Enrolment]) -> Enrolment | None:
    """The approved enrolment covering `day`, if any (enrolments never overlap)."""
    return next((e for e in enrolments if e.status == ENROLMENT_APPROVED and e.covers(day)), None)


def enrolment_problem(day: date, enrolments: list[Enrolment]) -> str | None:
    """Time counts only inside an approved enrolment: not before it starts nor after it ends."""
    if enrolment_for(day, enrolments) is not None:
        return None
    if any(e.status == ENROLMENT_PENDING and e.covers(day) for e in enrolments):
        return "Your ambassador enrolment for this day is still waiting for approval."
    approved = [e for e in enrolments if e.status == ENROLMENT_APPROVED]
    if approved and all(day < e.start_date for e in approved):
        first = min(e.start_date for e in approved)
        return f"Your ambassador enrolment starts on {first:%d %b %Y}."
    ended = [e.end_date for e in approved if e.end_date is not None and e.end_date < day]
    if ended:
        return f"Your ambassador enrolment ended on {max(ended):%d %b %Y}."
    return "You are not enrolled as a CX ambassador on this day."


def project_problem(project: CxProject | None) -> str | None:
    if project is None:
        return "Choose a CX project."
    if not project.takes_time:
        return f"{project.name} is {project.status}: only active projects take time."
    return None


def note_problem(note: str) -> str | None:
    if len(note) > LIMITS["note"]:
        return too_long(LIMITS["note"])
    return None


@dataclass
class Change:
    """One wanted change to a person's time.

    `entry` None creates; an entry with `hours` None deletes it; otherwise it is updated
    to the values given (callers fill in every field, changed or not). Problems are
    named `key + field`, e.g. `"2.hours"` for the API's third item.
    """

    key: str
    entry: TimeEntry | None = None
    project_id: int | None = None
    work_date: date | None = None
    hours: Decimal | None = None
    note: str = ""

    @property
    def deletes(self) -> bool:
        return self.entry is not None and self.hours is None

    @property
    def moves_time(self) -> bool:
        """Creating, or changing the project, day or hours: what the time rules are about.

        Rewording the note of an entry is not, so it stays possible after a project pauses.
        """
        entry = self.entry
        return entry is None or (entry.project_id, entry.work_date, entry.hours) != (
            self.project_id,
            self.work_date,
            self.hours,
        )


def lock_person(person_id: int) -> None:
    """Serialise changes to one person's time (or enrolments) until the transaction ends.

    The day limit and the no-overlap rule read, then write: two requests of the same
    person at once could each pass alone and break the rule together. On PostgreSQL the
    row lock makes the second wait and then see the first; SQLite has one writer anyway.
    """
    db.session.execute(select(Person.id).where(Person.id == person_id).with_for_update())


def load_enrolments(person_id: int) -> list[Enrolment]:
    return list(
        db.session.scalars(
            select(Enrolment)
            .where(Enrolment.person_id == person_id, Enrolment.status != ENROLMENT_DECLINED)
            .order_by(Enrolment.start_date)
        )
    )


def _day_totals(person_id: int, days: set[date], skip_ids: set[int]) -> dict[date, Decimal]:
    """Hours already logged on `days` by the person in every state, leaving out `skip_ids`."""
    totals: dict[date, Decimal] = defaultdict(Decimal)
    if not days:
        return totals
    rows = db.session.execute(
        select(TimeEntry.id, TimeEntry.work_date, TimeEntry.hours).where(
            TimeEntry.person_id == person_id, TimeEntry.work_date.in_(days)
        )
    )
    for entry_id, work_date, hours in rows:
        if entry_id not in skip_ids:
            totals[work_date] += hours
    return totals


def check_changes(person: Person, changes: list[Change], today: date) -> Problems:
    """Every rule on every change, in three queries however many changes there are."""
    problems = Problems()
    kept = [c for c in changes if not c.deletes]
    projects = {}
    if project_ids := {c.project_id for c in kept if c.project_id is not None}:
        projects = {
            p.id: p
            for p in db.session.scalars(select(CxProject).where(CxProject.id.in_(project_ids)))
        }
    enrolments = load_enrolments(person.id) if kept else []
    touched = {c.entry.id for c in changes if c.entry is not None and c.entry.id is not None}
    days = {c.work_date for c in kept if c.work_date is not None}
    totals = _day_totals(person.id, days, touched)

    for change in kept:
        if problem := note_problem(change.note):
            problems.add(change.key + "note", problem)
        hours_wrong = change.hours is None or hours_problem(change.hours)
        if change.work_date is not None and not hours_wrong:
            totals[change.work_date] += change.hours
        if not change.moves_time:
            continue
        if change.hours is not None and hours_wrong:
            problems.add(change.key + "hours", hours_wrong)
        if problem := project_problem(projects.get(change.project_id)):
            problems.add(change.key + "project_id", problem)
        if change.work_date is not None and (
            problem := date_problem(change.work_date, today)
            or enrolment_problem(change.work_date, enrolments)
        ):
            problems.add(change.key + "date", problem)

    for change in kept:
        total = totals.get(change.work_date)
        if total is not None and total > MAX_HOURS_PER_DAY and change.moves_time:
            problems.add(
                change.key + "hours",
                f"That makes {total.normalize():f} hours on {change.work_date:%d %b %Y}: "
                "at most 24 a day across all your entries.",
            )
    return problems
