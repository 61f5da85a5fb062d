"""Who may see and review nominations, and who runs the award programme.

Each rule is one SQL condition, used both to filter lists and, through `can()`, to
decide on a single nomination, so a list can never show what the detail page refuses.

- Reviewing: the nominee's manager or HR, never the nominator or the nominee.
- Seeing: everyone sees approved and awarded nominations (they are on the wall); a
  nomination that is still submitted, or was declined, is seen by its nominator and
  by the people who may review it. The nominee learns of it once it is approved.
"""

from sqlalchemy import and_, exists, false, or_, select, true

from eximpact.access import role_rule, rule
from eximpact.extensions import db
from eximpact.org.models import ADMIN, HR, Person
from eximpact.recognition.models import PUBLIC_STATUSES, Nomination

role_rule("recognition.manage", HR)


def _reports_of(person: Person):
    return select(Person.id).where(Person.manager_id == person.id)


def reviewable_clause(person: Person):
    """Nominations `person` may approve, decline or award."""
    if not person.active:
        return false()
    may = true() if person.has_role(HR) else Nomination.nominee_id.in_(_reports_of(person))
    return and_(Nomination.nominator_id != person.id, Nomination.nominee_id != person.id, may)


def visible_clause(person: Person):
    """Nominations `person` may see."""
    if person.has_role(HR):
        return true()
    return or_(
        Nomination.status.in_(PUBLIC_STATUSES),
        Nomination.nominator_id == person.id,
        reviewable_clause(person),
    )


def _holds(clause, nomination) -> bool:
    if nomination is None or nomination.id is None:
        return False
    return bool(db.session.scalar(select(exists().where(Nomination.id == nomination.id, clause))))


@rule("nomination.review")
def can_review(person, nomination) -> bool:
    return _holds(reviewable_clause(person), nomination)


@rule("nomination.view")
def can_view(person, nomination) -> bool:
    return _holds(visible_clause(person), nomination)


def reviewable_ids(person: Person, ids: list[int]) -> set[int]:
    """Which of a page's nominations `person` may review, in one query."""
    if not ids:
        return set()
    return set(
        db.session.scalars(
            select(Nomination.id).where(Nomination.id.in_(ids), reviewable_clause(person))
        )
    )


@rule("comment.remove")
def can_remove_comment(person, comment) -> bool:
    """A comment on the wall is removed by its author, HR or an admin."""
    return comment is not None and (person.id == comment.author_id or person.has_role(HR, ADMIN))
