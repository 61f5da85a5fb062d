"""Enrolling ambassadors: the agreed allocation, approval by the manager, and the role.

The `ambassador` role follows the enrolments: it is granted when one is approved and
taken away once none is current (approved and not ended). `sync_roles` catches the
enrolments whose end date passed since; run it daily (`flask ambassadors sync-roles`).
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from flask import current_app
from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.orm import joinedload

from eximpact import audit, clock
from eximpact.ambassadors.models import (
    ENROLMENT_APPROVED,
    ENROLMENT_DECLINED,
    ENROLMENT_PENDING,
    Enrolment,
)
from eximpact.ambassadors.services.rules import lock_person
from eximpact.ambassadors.services.scope import visible_person_ids
from eximpact.extensions import db
from eximpact.notifications.inbox import notify
from eximpact.notifications.models import WAITING_FOR_YOU
from eximpact.org.models import AMBASSADOR, HR, MANAGER, Person
from eximpact.validation import Conflict, Problems, ValidationFailed

CENT = Decimal("0.01")


def working_week_hours() -> Decimal:
    return Decimal(current_app.config["WORKING_WEEK_HOURS"])


def hours_from_percent(percent: Decimal) -> Decimal:
    """A share of the working week (EXIMPACT_WORKING_WEEK_HOURS) in hours, to the cent."""
    return (working_week_hours() * percent / 100).quantize(CENT, ROUND_HALF_UP)


def allocation_problems(hours: Decimal | None, percent: Decimal | None, problems: Problems):
    """Exactly one of hours or percent; more than nothing, at most the whole working week."""
    if (hours is None) == (percent is None):
        problems.add(
            "allocation_hours_per_week", "Give the allocation in hours per week or as a %."
        )
        return
    if percent is not None:
        if not 0 < percent <= 100:
            problems.add("allocation_percent", "Use a share above 0 and at most 100 %.")
        elif percent != percent.quantize(CENT):
            problems.add("allocation_percent", "Use at most two decimals.")
        return
    week = working_week_hours()
    if not 0 < hours <= week:
        problems.add(
            "allocation_hours_per_week", f"Use more than 0 and at most {week.normalize():f} hours."
        )
    elif hours != hours.quantize(CENT):
        problems.add("allocation_hours_per_week", "Use at most two decimals.")


def overlapping(person_id: int, start: date, end: date | None, exclude_id: int | None = None):
    """A pending or approved enrolment of the person that shares a day with start..end."""
    query = select(Enrolment).where(
        Enrolment.person_id == person_id,
        Enrolment.status.in_((ENROLMENT_PENDING, ENROLMENT_APPROVED)),
        or_(Enrolment.end_date.is_(None), Enrolment.end_date >= start),
    )
    if end is not None:
        query = query.where(Enrolment.start_date <= end)
    if exclude_id is not None:
        query = query.where(Enrolment.id != exclude_id)
    return db.session.scalars(query.limit(1)).first()


def enrol(
    actor: Person,
    person: Person | None,
    *,
    start_date: date | None,
    end_date: date | None = None,
    hours: Decimal | None = None,
    percent: Decimal | None = None,
) -> Enrolment:
    """Propose `person` as an ambassador; it waits for their manager's (or HR's) approval.

    The caller has checked `ambassadors.enrol_person` on the person.
    """
    problems = Problems()
    if person is None or not person.active:
        problems.add("person_id", "Choose an active person.")
    else:
        lock_person(person.id)  # two proposals at once must not both pass the overlap check
    allocation_problems(hours, percent, problems)
    if start_date is None:
        problems.add("start_date", "Enter the first day.")
    elif end_date is not None and end_date < start_date:
        problems.add("end_date", "The last day cannot be before the first.")
    elif person is not None and (clash := overlapping(person.id, start_date, end_date)):
        problems.add(
            "start_date",
            f"{person.name} already has an enrolment from {clash.start_date:%d %b %Y}"
            + (f" to {clash.end_date:%d %b %Y}" if clash.end_date else "")
            + ": end it first.",
        )
    problems.raise_if_any()
    enrolment = Enrolment(
        person=person,
        allocation_hours_per_week=hours if percent is None else hours_from_percent(percent),
        allocation_percent=percent,
        start_date=start_date,
        end_date=end_date,
        status=ENROLMENT_PENDING,
        requested_by=actor,
    )
    db.session.add(enrolment)
    db.session.flush()
    audit.record("ambassador_enrolment", enrolment.id, "requested", actor, None, ENROLMENT_PENDING)
    if person.manager is not None:
        notify(
            person.manager,
            WAITING_FOR_YOU,
            f"Approve {person.name} as a CX ambassador?",
            f"/ambassadors/enrolments/{enrolment.id}",
            email_template="ambassadors/enrolment_to_approve",
            actor=actor,
            enrolment=enrolment,
            manager=person.manager,
        )
    return enrolment


def decide_enrolment(actor: Person, enrolment: Enrolment, approve: bool, today: date) -> None:
    """Approve (the role follows) or decline a pending enrolment, exactly once.

    A conditional UPDATE: when two approvers click at once, the second gets a conflict.
    """
    status = ENROLMENT_APPROVED if approve else ENROLMENT_DECLINED
    moved = db.session.execute(
        update(Enrolment)
        .where(Enrolment.id == enrolment.id, Enrolment.status == ENROLMENT_PENDING)
        .values(
            status=status, decided_by_id=actor.id, decided_at=clock.now(), updated_at=clock.now()
        )
        .execution_options(synchronize_session="fetch")
    ).rowcount
    if not moved:
        raise Conflict(f"This enrolment is already {enrolment.status}.")
    audit.record("ambassador_enrolment", enrolment.id, status, actor, ENROLMENT_PENDING, status)
    sync_role(enrolment.person, today, actor)


def end_enrolment(actor: Person, enrolment: Enrolment, end_date: date | None, today: date) -> None:
    """Set (or bring forward) the last day of an approved enrolment; the role follows."""
    if enrolment.status != ENROLMENT_APPROVED:
        raise Conflict("Only an approved enrolment can be ended.")
    if end_date is None:
        raise ValidationFailed.single("end_date", "Enter the last day.")
    if end_date < enrolment.start_date:
        raise ValidationFailed.single("end_date", "The last day cannot be before the first.")
    before = enrolment.end_date
    enrolment.end_date = end_date
    audit.record(
        "ambassador_enrolment",
        enrolment.id,
        "end_date_set",
        actor,
        before.isoformat() if before else None,
        end_date.isoformat(),
    )
    db.session.flush()
    sync_role(enrolment.person, today, actor)


def sync_role(person: Person, today: date, actor: Person | None = None) -> bool:
    """Grant or remove the ambassador role to match the person's enrolments; True if changed."""
    current = db.session.scalar(
        select(Enrolment.id)
        .where(
            Enrolment.person_id == person.id,
            Enrolment.status == ENROLMENT_APPROVED,
            or_(Enrolment.end_date.is_(None), Enrolment.end_date >= today),
        )
        .limit(1)
    )
    before = set(person.extra_roles)
    after = before | {AMBASSADOR} if current is not None else before - {AMBASSADOR}
    if after == before:
        return False
    person.set_roles(after)
    audit.record(
        "person",
        person.id,
        "roles_changed",
        actor,
        before=sorted(before),
        after=sorted(after),
        comment="The ambassador role follows the enrolment.",
    )
    db.session.flush()
    return True


def sync_roles(today: date) -> int:
    """`sync_role` for everyone whose role disagrees with their enrolments; returns how many."""
    people = db.session.scalars(
        select(Person)
        .where(
            Person.id.in_(select(Enrolment.person_id).where(Enrolment.status == ENROLMENT_APPROVED))
        )
        .options(joinedload(Person.role_rows))
    ).unique()
    return sum(sync_role(person, today) for person in people)


def count_to_decide(actor: Person) -> int:
    """Pending enrolments `actor` may approve: HR anyone's, a manager their direct reports'
    (`scope.may_decide_for` in SQL), never their own."""
    if not actor.has_role(HR, MANAGER):
        return 0
    query = (
        select(func.count())
        .select_from(Enrolment)
        .join(Person, Person.id == Enrolment.person_id)
        .where(Enrolment.status == ENROLMENT_PENDING, Enrolment.person_id != actor.id)
    )
    if not actor.has_role(HR):
        query = query.where(Person.manager_id == actor.id)
    return db.session.scalar(query)


def enrolments_query(
    actor: Person, status: str | None = None, person_id: int | None = None
) -> Select:
    """The enrolments `actor` may see, newest first: HR all, managers their people's."""
    query = (
        select(Enrolment)
        .options(joinedload(Enrolment.person).joinedload(Person.team))
        .order_by(Enrolment.start_date.desc(), Enrolment.id.desc())
    )
    if (visible := visible_person_ids(actor)) is not None:
        query = query.where(Enrolment.person_id.in_(visible))
    if status:
        query = query.where(Enrolment.status == status)
    if person_id is not None:
        query = query.where(Enrolment.person_id == person_id)
    return query
