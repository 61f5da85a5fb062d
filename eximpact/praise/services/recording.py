"""The rules of customer praise, shared by the form, the CSV import, the API and the webhook.

Every entry point builds a `PraiseInput` and calls `record_praise`, which validates
it, stores it once per external id (a UNIQUE constraint settles races), writes the
audit trail and opens the leaders' outreach. Services flush; the caller commits.
"""

from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import Select, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from eximpact import audit, clock
from eximpact.extensions import db
from eximpact.notifications.inbox import notify
from eximpact.notifications.models import PRAISE_RECEIVED
from eximpact.org.models import Person, normalise_email
from eximpact.praise.models import (
    EMOTION_LEVEL,
    ENGAGEMENT_LEVELS,
    SOURCES,
    Outreach,
    Praise,
    praise_employee,
)
from eximpact.praise.services.outreach import open_outreach
from eximpact.validation import Problems, too_long

# The limits of praise: the form, the API's schema, the importer and the rules read these.
LIMITS = {"text": 5000, "customer_ref": 120, "external_id": 200, "employees": 50}


@dataclass
class PraiseInput:
    """Praise as any entry point received it, before the rules have looked at it."""

    source: str
    text: str
    received_at: date | None = None
    employee_ids: list[int] = field(default_factory=list)
    employee_emails: list[str] = field(default_factory=list)
    nps: int | None = None
    engagement_level: int | None = None
    emotion: str | None = None
    customer_ref: str | None = None
    external_id: str | None = None


def _blank_to_none(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def clean(data: PraiseInput) -> PraiseInput:
    """Trim what people and systems send; an emotion alone names its level (each word has one)."""
    emotion = _blank_to_none(data.emotion)
    emotion = emotion.lower() if emotion else None
    level = data.engagement_level
    if level is None and emotion in EMOTION_LEVEL:
        level = EMOTION_LEVEL[emotion]
    return replace(
        data,
        source=(data.source or "").strip().lower(),
        text=(data.text or "").strip(),
        emotion=emotion,
        engagement_level=level,
        customer_ref=_blank_to_none(data.customer_ref),
        external_id=_blank_to_none(data.external_id),
        employee_emails=[normalise_email(email) for email in data.employee_emails if email.strip()],
        employee_ids=list(dict.fromkeys(data.employee_ids)),
    )


def emotion_problem(level: int | None, emotion: str | None) -> str | None:
    """The emotion must be one of the words customers name at the chosen level."""
    if emotion is None:
        return None
    if emotion not in EMOTION_LEVEL:
        return "Use one of the scale's emotions: " + ", ".join(EMOTION_LEVEL) + "."
    if level in ENGAGEMENT_LEVELS and EMOTION_LEVEL[emotion] != level:
        label, words = ENGAGEMENT_LEVELS[level]
        return f"At level {level} ({label}) customers feel {', '.join(words)}."
    return None


def praise_problems(data: PraiseInput, on: date) -> Problems:
    """Every field rule of praise, checked without the database; `data` is already cleaned."""
    problems = Problems()
    if data.source not in SOURCES:
        problems.add("source", f"Use one of: {', '.join(SOURCES)}.")
    if not data.text:
        problems.add("text", "Enter the customer's words.")
    elif len(data.text) > LIMITS["text"]:
        problems.add("text", too_long(LIMITS["text"]))
    if data.received_at is None:
        problems.add("received_at", "Enter the date the praise was received.")
    elif data.received_at > on:
        problems.add("received_at", "The date cannot be in the future.")
    if data.nps is not None and not 0 <= data.nps <= 10:
        problems.add("nps", "NPS is a score from 0 to 10.")
    if data.engagement_level is not None and data.engagement_level not in ENGAGEMENT_LEVELS:
        problems.add("engagement_level", "Use a level from 1 to 5.")
    if problem := emotion_problem(data.engagement_level, data.emotion):
        problems.add("emotion", problem)
    for name in ("customer_ref", "external_id"):
        if len(getattr(data, name) or "") > LIMITS[name]:
            problems.add(name, too_long(LIMITS[name]))
    if not data.employee_ids and not data.employee_emails:
        problems.add("employee_ids", "Name at least one employee who was praised.")
    elif len(data.employee_ids) + len(data.employee_emails) > LIMITS["employees"]:
        problems.add("employee_ids", f"Name at most {LIMITS['employees']} people.")
    return problems


def resolve_employees(ids: list[int], emails: list[str], problems: Problems) -> list[Person]:
    """The praised people by id and/or e-mail, in one query; unknown ones become problems.

    People who have left may still be named (a survey answer can arrive late); they
    simply get no outreach.
    """
    if not ids and not emails:
        return []
    people = db.session.scalars(
        select(Person).where(or_(Person.id.in_(ids), Person.email.in_(emails)))
    ).all()
    by_id = {person.id: person for person in people}
    by_email = {person.email: person for person in people}
    for missing in [i for i in ids if i not in by_id]:
        problems.add("employee_ids", f"Nobody has the id {missing}.")
    for missing in [e for e in emails if e not in by_email]:
        problems.add("employee_emails", f"Nobody has the e-mail {missing}.")
    return sorted(set(people), key=lambda person: (person.name.lower(), person.id))


def find_by_external_id(external_id: str) -> Praise | None:
    return db.session.scalar(select(Praise).where(Praise.external_id == external_id))


def record_praise(
    actor: Person | None, data: PraiseInput, *, intake: str, on: date | None = None
) -> tuple[Praise, bool]:
    """Store praise and open its outreach: (praise, True).

    A known `external_id` returns the praise already stored: (praise, False), nothing
    new. Two deliveries racing each other both pass the look-up; the UNIQUE constraint
    refuses the second insert inside a SAVEPOINT and it answers with the winner's row.
    `actor` is None for the webhook.
    """
    on = on or clock.today()
    data = clean(data)
    if data.external_id and (existing := find_by_external_id(data.external_id)):
        return existing, False
    problems = praise_problems(data, on)
    people = resolve_employees(data.employee_ids, data.employee_emails, problems)
    problems.raise_if_any()

    praise = build_praise(actor, data, people, intake)
    try:
        with db.session.begin_nested():
            db.session.add(praise)
            db.session.flush()
    except IntegrityError:
        winner = find_by_external_id(data.external_id) if data.external_id else None
        if winner is None:
            raise
        return winner, False
    praise_logged(actor, praise, on)
    db.session.flush()
    return praise, True


def build_praise(
    actor: Person | None, data: PraiseInput, people: list[Person], intake: str
) -> Praise:
    """A Praise row from validated input (not yet added to the session)."""
    return Praise(
        source=data.source,
        received_at=data.received_at,
        text=data.text,
        nps=data.nps,
        engagement_level=data.engagement_level,
        emotion=data.emotion,
        customer_ref=data.customer_ref,
        external_id=data.external_id,
        intake=intake,
        logged_by=actor,
        employees=people,
    )


def praise_logged(actor: Person | None, praise: Praise, on: date) -> None:
    """What follows once praise is stored (and has its id): the audit trail and the outreach."""
    audit.record("praise", praise.id, "logged", actor, intake=praise.intake)
    for person in praise.employees:
        notify(
            person,
            PRAISE_RECEIVED,
            f"A customer praised you: “{praise.text[:120]}”",
            f"/praise/{praise.id}",
            email_template="praise_received",
            actor=actor,
            praise=praise,
        )
    open_outreach(praise, on)


def praise_query(
    *,
    person_id: int | None = None,
    team_ids: list[int] | None = None,
    source: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Select:
    """Praise newest first, with the people and outreach loaded in two more queries."""
    query = (
        select(Praise)
        .options(
            selectinload(Praise.employees).joinedload(Person.team),
            selectinload(Praise.employees).lazyload(Person.role_rows),
            selectinload(Praise.outreach),
        )
        .order_by(Praise.received_at.desc(), Praise.id.desc())
    )
    if person_id is not None:
        query = query.where(
            Praise.id.in_(
                select(praise_employee.c.praise_id).where(praise_employee.c.person_id == person_id)
            )
        )
    if team_ids is not None:
        query = query.where(
            Praise.id.in_(
                select(praise_employee.c.praise_id)
                .join(Person, Person.id == praise_employee.c.person_id)
                .where(Person.team_id.in_(team_ids))
            )
        )
    if source:
        query = query.where(Praise.source == source)
    if start:
        query = query.where(Praise.received_at >= start)
    if end:
        query = query.where(Praise.received_at <= end)
    return query


def get_praise(praise_id: int) -> Praise | None:
    return db.session.scalar(
        select(Praise)
        .options(
            selectinload(Praise.employees).joinedload(Person.manager),
            selectinload(Praise.outreach).joinedload(Outreach.leader),
            selectinload(Praise.outreach).joinedload(Outreach.completed_by),
        )
        .where(Praise.id == praise_id)
    )


def praise_of(person_id: int, limit: int = 20) -> list[Praise]:
    """A person's latest praise, for attaching as evidence to a nomination."""
    return list(db.session.scalars(praise_query(person_id=person_id).limit(limit)))
