"""Reading nominations: the ones a person may see, their counts, and reviewers' flags.

Every list is filtered in SQL by the visibility clause in `permissions.py`, so a list
never shows what the detail page refuses.
"""

from dataclasses import dataclass

from sqlalchemy import Select, and_, exists, func, select, union
from sqlalchemy.orm import aliased, joinedload, selectinload

from eximpact.extensions import db
from eximpact.org.models import Person
from eximpact.praise.models import Praise, praise_employee
from eximpact.recognition.models import (
    APPROVED,
    SUBMITTED,
    AwardCycle,
    Nomination,
    nomination_praise,
)
from eximpact.recognition.permissions import reviewable_clause, visible_clause


def _loaded(query: Select) -> Select:
    return query.options(
        joinedload(Nomination.nominee).joinedload(Person.team),
        joinedload(Nomination.nominator),
        joinedload(Nomination.nominee).lazyload(Person.role_rows),
        joinedload(Nomination.nominator).lazyload(Person.role_rows),
        joinedload(Nomination.category),
        joinedload(Nomination.cycle),
        selectinload(Nomination.praise),
    )


def get_nomination(nomination_id: int) -> Nomination | None:
    return db.session.scalar(_loaded(select(Nomination)).where(Nomination.id == nomination_id))


def nominations_query(
    person: Person,
    *,
    status: str | None = None,
    nominee_id: int | None = None,
    nominator_id: int | None = None,
    cycle_id: int | None = None,
    extra=None,
) -> Select:
    """The nominations `person` may see, newest first, filtered."""
    query = _loaded(select(Nomination)).where(visible_clause(person))
    if status:
        query = query.where(Nomination.status == status)
    if nominee_id is not None:
        query = query.where(Nomination.nominee_id == nominee_id)
    if nominator_id is not None:
        query = query.where(Nomination.nominator_id == nominator_id)
    if cycle_id is not None:
        query = query.where(Nomination.cycle_id == cycle_id)
    if extra is not None:
        query = query.where(extra)
    return query.order_by(Nomination.created_at.desc(), Nomination.id.desc())


def has_waiting_reviews(person: Person) -> bool:
    """Whether a nomination waits for `person`'s decision or award (their landing tab)."""
    waiting = and_(reviewable_clause(person), Nomination.status.in_((SUBMITTED, APPROVED)))
    return bool(db.session.scalar(select(exists().where(waiting))))


def waiting_reviews(person: Person) -> dict[str, int]:
    """How many nominations wait for `person`: to decide (submitted) and to award (approved)."""
    rows = db.session.execute(
        select(Nomination.status, func.count())
        .where(reviewable_clause(person), Nomination.status.in_((SUBMITTED, APPROVED)))
        .group_by(Nomination.status)
    )
    return dict(rows.all())


def latest_made_by(person: Person, limit: int) -> list[Nomination]:
    """The newest nominations `person` made, whatever became of them: one query (and praise)."""
    return list(db.session.scalars(nominations_query(person, nominator_id=person.id).limit(limit)))


def status_counts(person: Person, cycle_id: int) -> dict[str, int]:
    rows = db.session.execute(
        select(Nomination.status, func.count())
        .where(Nomination.cycle_id == cycle_id, visible_clause(person))
        .group_by(Nomination.status)
    )
    return dict(rows.all())


@dataclass(frozen=True)
class Flag:
    """Something a reviewer should look at twice before deciding."""

    code: str
    message: str


def nomination_flags(nominations: list[Nomination]) -> dict[int, list[Flag]]:
    """Fair-play flags for a page of nominations, in two queries whatever its size.

    - reciprocal: the nominee also nominated the nominator in the same cycle;
    - repeat_customer: among the nominee's praise received in the cycle's period, or
      attached as evidence, one customer reference appears more than once.
    """
    flags: dict[int, list[Flag]] = {n.id: [] for n in nominations}
    if not nominations:
        return flags
    by_id = {n.id: n for n in nominations}
    other = aliased(Nomination)
    reciprocal = db.session.scalars(
        select(Nomination.id)
        .join(
            other,
            and_(
                other.cycle_id == Nomination.cycle_id,
                other.nominator_id == Nomination.nominee_id,
                other.nominee_id == Nomination.nominator_id,
            ),
        )
        .where(Nomination.id.in_(by_id))
    )
    for nomination_id in reciprocal:
        n = by_id[nomination_id]
        flags[n.id].append(
            Flag(
                "reciprocal",
                f"Reciprocal: {n.nominee.name} also nominated {n.nominator.name} in this cycle.",
            )
        )
    for nomination_id, ref, count in _repeat_customers(list(by_id)):
        n = by_id[nomination_id]
        flags[n.id].append(
            Flag(
                "repeat_customer",
                f"Repeated customer: {count} pieces of praise of {n.nominee.name} "
                f"come from customer {ref}.",
            )
        )
    return flags


def _repeat_customers(ids: list[int]) -> list[tuple[int, str, int]]:
    evidence = (
        select(
            nomination_praise.c.nomination_id.label("nomination_id"),
            Praise.id.label("praise_id"),
            Praise.customer_ref.label("ref"),
        )
        .join(Praise, Praise.id == nomination_praise.c.praise_id)
        .where(nomination_praise.c.nomination_id.in_(ids), Praise.customer_ref.is_not(None))
    )
    in_period = (
        select(Nomination.id, Praise.id, Praise.customer_ref)
        .join(AwardCycle, AwardCycle.id == Nomination.cycle_id)
        .join(praise_employee, praise_employee.c.person_id == Nomination.nominee_id)
        .join(Praise, Praise.id == praise_employee.c.praise_id)
        .where(
            Nomination.id.in_(ids),
            Praise.customer_ref.is_not(None),
            Praise.received_at.between(AwardCycle.period_start, AwardCycle.period_end),
        )
    )
    pairs = union(evidence, in_period).subquery()
    rows = db.session.execute(
        select(pairs.c.nomination_id, func.min(pairs.c.ref), func.count())
        .group_by(pairs.c.nomination_id, func.lower(pairs.c.ref))
        .having(func.count() > 1)
        .order_by(pairs.c.nomination_id, func.min(pairs.c.ref))
    )
    return [tuple(row) for row in rows]
