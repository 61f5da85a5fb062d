"""The rules of quick thanks: a public thank-you under a company value, straight to the wall.

Written once here and called by the page, the API and the demo data: never to yourself,
only to an active colleague, under an active company value, optionally with customer
praise of the recipient, a message within `LIMITS`, and at most `THANKS_PER_DAY` (config
`EXIMPACT_THANKS_PER_DAY`) per giver per day — the organisation's day, `clock.today()`.
The giver's row is locked while counting, so concurrent thanks cannot race past the
allowance.
"""

from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from eximpact import clock
from eximpact.extensions import db
from eximpact.notifications import chat
from eximpact.org.models import Person
from eximpact.praise.models import Praise
from eximpact.recognition.models import Category, Thanks
from eximpact.validation import Problems, RateLimited, too_long

# Limits of thanks: the form, the API's schema and these rules read them.
LIMITS = {"message": 500}


def value_categories() -> list[Category]:
    """The company values thanks are given under (active categories marked as values)."""
    return list(
        db.session.scalars(
            select(Category).where(Category.active, Category.company_value).order_by(Category.name)
        )
    )


def allowance() -> int:
    return current_app.config["THANKS_PER_DAY"]


def given_on(person: Person, on: date) -> int:
    """How many thanks `person` gave on the organisation's day `on`."""
    return db.session.scalar(
        select(func.count())
        .select_from(Thanks)
        .where(Thanks.giver_id == person.id, Thanks.given_on == on)
    )


def thanks_left(person: Person, on: date | None = None) -> int:
    return max(0, allowance() - given_on(person, on or clock.today()))


def renews_at(on: date) -> datetime:
    """When the allowance of `on` renews: the next midnight in the organisation's time zone."""
    return datetime.combine(on + timedelta(days=1), time(), tzinfo=clock.timezone())


def _renewal_message(on: date) -> tuple[str, int]:
    renews = renews_at(on)
    seconds = (renews - clock.now().replace(tzinfo=UTC)).total_seconds()
    cap = allowance()
    return (
        f"You have given all {cap} of today's thanks. "
        f"Your allowance renews at midnight, {renews:%A %d %B} (in {_hours(seconds)}).",
        int(seconds) + 1,
    )


def _hours(seconds: float) -> str:
    hours, rest = divmod(max(0, int(seconds)), 3600)
    minutes = rest // 60
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"


def _recipient(actor: Person, recipient_id: int | None, problems: Problems) -> Person | None:
    recipient = db.session.get(Person, recipient_id) if recipient_id is not None else None
    if recipient_id is None:
        problems.add("recipient_id", "Choose the colleague you thank.")
    elif recipient_id == actor.id:
        problems.add("recipient_id", "You cannot thank yourself: thank a colleague.")
    elif recipient is None or not recipient.active:
        problems.add("recipient_id", "Choose an active colleague.")
    else:
        return recipient
    return None


def _praise(praise_id: int | None, recipient: Person | None, problems: Problems):
    if praise_id is None:
        return None
    praise = db.session.get(Praise, praise_id)
    if praise is None:
        problems.add("praise_id", f"There is no praise {praise_id}.")
    elif recipient is not None and recipient not in praise.employees:
        problems.add("praise_id", f"Praise {praise_id} is not praise of {recipient.name}.")
    else:
        return praise
    return None


def _check_allowance(actor: Person, on: date) -> None:
    """At most `THANKS_PER_DAY` a day; the giver's row is locked, so concurrent thanks queue."""
    # NO KEY UPDATE: it does not block the key-share locks foreign keys take on the row.
    db.session.execute(
        select(Person.id).where(Person.id == actor.id).with_for_update(key_share=True)
    )
    if given_on(actor, on) >= allowance():
        message, seconds = _renewal_message(on)
        raise RateLimited(message, seconds)


def give_thanks(
    actor: Person,
    *,
    recipient_id: int | None,
    category_id: int | None,
    message: str,
    praise_id: int | None = None,
) -> Thanks:
    """Thank a colleague, on the wall and the chat channels; raises ValidationFailed naming
    every fault, RateLimited past the day's allowance."""
    on = clock.today()
    problems = Problems()
    message = (message or "").strip()
    recipient = _recipient(actor, recipient_id, problems)
    category = db.session.get(Category, category_id) if category_id is not None else None
    if category is None or not category.active or not category.company_value:
        problems.add("category_id", "Choose one of the company values.")
    if not message:
        problems.add("message", "Say what you thank them for.")
    elif len(message) > LIMITS["message"]:
        problems.add("message", too_long(LIMITS["message"]))
    praise = _praise(praise_id, recipient, problems)
    problems.raise_if_any("The thanks were not sent: " + _first(problems))
    _check_allowance(actor, on)
    thanks = Thanks(
        giver=actor,
        recipient=recipient,
        category=category,
        praise=praise,
        message=message,
        given_on=on,
    )
    db.session.add(thanks)
    db.session.flush()
    chat.queue_thanks(thanks)
    return thanks


def recent_thanks(limit: int = 10) -> list[Thanks]:
    """The latest thanks, newest first, with people and value loaded: one query."""
    return list(
        db.session.scalars(
            select(Thanks)
            .options(
                joinedload(Thanks.giver).lazyload(Person.role_rows),
                joinedload(Thanks.recipient).lazyload(Person.role_rows),
                joinedload(Thanks.category),
            )
            .order_by(Thanks.created_at.desc(), Thanks.id.desc())
            .limit(limit)
        )
    )


def _first(problems: Problems) -> str:
    return next(iter(problems.fields.values()))[0] if problems else ""
