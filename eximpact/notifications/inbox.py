"""In-app notifications and the e-mail that may go with them: `notify()` is the one way in.

Every event that concerns a person (praise, a decision on a nomination, something waiting
for a manager, a reaction...) calls `notify(person, kind, text, url, ...)`. It writes the
inbox item and, when the event has an e-mail and the person wants that kind by e-mail,
queues it in the outbox: both inside the caller's transaction, so nothing is half-done.
"""

from collections.abc import Iterable

from sqlalchemy import func, select, update

from eximpact import clock
from eximpact.extensions import db
from eximpact.notifications.models import KINDS, EmailChoice, Notification
from eximpact.notifications.services import queue_email
from eximpact.org.models import Person
from eximpact.validation import ValidationFailed

TEXT_MAX = 300  # the columns' room
URL_MAX = 300


def _fit(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def notify(
    person: Person | None,
    kind: str,
    text: str,
    url: str,
    *,
    email_template: str | None = None,
    actor: Person | None = None,
    **context,
) -> Notification | None:
    """Tell `person` about something: an inbox item, and an e-mail if they want this kind.

    Nobody hears of their own action (`actor`), and an inactive person hears nothing.
    `url` is the app path the item links to; the e-mail's subject is `subject=` or `text`,
    and its template gets `recipient`, `text`, `url` and the rest of `context`.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    if person is None or not person.active or (actor is not None and actor.id == person.id):
        return None
    subject = context.pop("subject", text)
    item = Notification(person=person, kind=kind, text=_fit(text, TEXT_MAX), url=url[:URL_MAX])
    db.session.add(item)
    if email_template and wants_email(person, kind):
        queue_email(
            person.email,
            email_template.rsplit("/", 1)[-1],  # the outbox names the e-mail, as before
            subject,
            email_template,
            recipient=person,
            actor=actor,
            text=text,
            url=url,
            **context,
        )
    return item


def notify_all(people: Iterable[Person | None], kind: str, text: str, url: str, **kwargs) -> None:
    """`notify` each person once (a manager who is also the nominee hears once)."""
    seen = set()
    for person in people:
        if person is None or person.id in seen:
            continue
        seen.add(person.id)
        notify(person, kind, text, url, **kwargs)


# -- e-mail choices ----------------------------------------------------------------------


def email_choices(person: Person) -> dict[str, bool]:
    """Every kind with whether this person gets it by e-mail (the kind's default unless set)."""
    stored = dict(
        db.session.execute(
            select(EmailChoice.kind, EmailChoice.email).where(EmailChoice.person_id == person.id)
        ).all()
    )
    return {kind: stored.get(kind, default) for kind, (_label, default) in KINDS.items()}


def wants_email(person: Person, kind: str) -> bool:
    stored = db.session.get(EmailChoice, (person.id, kind))
    return KINDS[kind][1] if stored is None else stored.email


def set_email_choices(person: Person, wanted: Iterable[str]) -> None:
    """Store the kinds `person` wants by e-mail; a choice equal to the default keeps no row."""
    wanted = set(wanted)
    unknown = wanted - set(KINDS)
    if unknown:
        raise ValidationFailed.single("kinds", f"Unknown kinds: {', '.join(sorted(unknown))}.")
    for kind, (_label, default) in KINDS.items():
        choice = db.session.get(EmailChoice, (person.id, kind))
        value = kind in wanted
        if value == default:
            if choice is not None:
                db.session.delete(choice)
        elif choice is None:
            db.session.add(EmailChoice(person_id=person.id, kind=kind, email=value))
        else:
            choice.email = value
    db.session.flush()


# -- the inbox ---------------------------------------------------------------------------


def unread_count(person: Person) -> int:
    """One indexed COUNT: the navigation shows it on every page."""
    return db.session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(Notification.person_id == person.id, Notification.read_at.is_(None))
    )


def inbox_query(person: Person, *, unread: bool = False):
    """The person's notifications, newest first (only their own, whoever asks)."""
    query = select(Notification).where(Notification.person_id == person.id)
    if unread:
        query = query.where(Notification.read_at.is_(None))
    return query.order_by(Notification.created_at.desc(), Notification.id.desc())


def mark_read(person: Person, ids: Iterable[int] | None = None) -> int:
    """Mark the person's notifications read: those of `ids`, or all of them when None.

    Ids of someone else's notifications (or of none) are ignored, never an error: the
    answer tells nothing about other people's inboxes. Returns how many changed.
    """
    statement = update(Notification).where(
        Notification.person_id == person.id, Notification.read_at.is_(None)
    )
    if ids is not None:
        ids = list(ids)
        if not ids:
            return 0
        statement = statement.where(Notification.id.in_(ids))
    result = db.session.execute(
        statement.values(read_at=clock.now()).execution_options(synchronize_session=False)
    )
    return result.rowcount
