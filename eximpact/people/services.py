"""What a person's page shows, read through the services of the features that own it.

Recognition received and awards come from `recognition.services.received`, praise from
`praise.services.recording`, hours from the ambassador rollup. Each part is a fixed
number of queries, so the page costs the same for a newcomer and a veteran.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from eximpact.access import can
from eximpact.ambassadors.services.rollup import approved_months
from eximpact.org.models import AMBASSADOR, Person
from eximpact.people import permissions  # noqa: F401  (registers the people rules)
from eximpact.praise.models import Praise
from eximpact.praise.services.recording import praise_of
from eximpact.recognition.models import Nomination, Thanks
from eximpact.recognition.services.received import awards_of, thanks_given_by

RECENT = 10  # praise and thanks given shown on the page
HOURS_MONTHS = 12


@dataclass(frozen=True)
class MonthHours:
    month: date
    hours: Decimal


@dataclass
class Profile:
    """A person's page, apart from the paginated recognition they received."""

    person: Person
    praise: list[Praise]
    awards: list[Nomination]
    thanks_given: list[Thanks]
    hours: list[MonthHours] | None = None  # None: the viewer may not see them
    hours_total: Decimal = field(default=Decimal(0))


def first_month(today: date, months: int = HOURS_MONTHS) -> date:
    """The first day of the month `months - 1` months before `today`'s."""
    index = today.year * 12 + today.month - 1 - (months - 1)
    return date(index // 12, index % 12 + 1, 1)


def hours_of(viewer: Person, person: Person, today: date) -> list[MonthHours] | None:
    """Approved ambassador hours by month over the last year, for those who may see them."""
    if not can(viewer, "people.see_hours", person):
        return None
    return [
        MonthHours(month, hours) for month, hours in approved_months(person.id, first_month(today))
    ]


def profile(viewer: Person, person: Person, today: date) -> Profile:
    hours = hours_of(viewer, person, today)
    if hours is not None and not hours and not person.has_role(AMBASSADOR):
        hours = None  # never an ambassador: nothing to show, not an empty table
    return Profile(
        person=person,
        praise=praise_of(person.id, RECENT),
        awards=awards_of(person.id),
        thanks_given=thanks_given_by(person.id, RECENT),
        hours=hours,
        hours_total=sum((h.hours for h in hours or []), Decimal(0)),
    )
