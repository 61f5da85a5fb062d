"""Recognition one person received: their public nominations and the thanks given to them.

The person page, the home page and `GET /people/{id}/recognition` read it here. Both
kinds are merged newest first in one SQL union of (kind, id, at), paginated on the
server; a page of it is then loaded in one query per kind (and one for the praise), so
it costs the same whatever the person's history.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, literal, select, union_all
from sqlalchemy.orm import joinedload, selectinload

from eximpact.extensions import db
from eximpact.org.models import Person
from eximpact.praise.models import Praise
from eximpact.recognition.models import (
    AWARDED,
    NOMINATION,
    PUBLIC_STATUSES,
    THANKS,
    Category,
    Nomination,
    Thanks,
)


@dataclass(frozen=True)
class Received:
    """One item of recognition received: a nomination on the wall or a quick thanks."""

    kind: str  # NOMINATION or THANKS
    id: int
    giver: Person
    category: Category
    reason: str
    praise: list[Praise]
    at: datetime
    nomination: Nomination | None = None
    thanks: Thanks | None = None

    @property
    def from_id(self) -> int:
        return self.giver.id


def received_query(person_id: int, since: datetime | None = None) -> Select:
    """(kind, id, at) of what `person_id` received, newest first: paginate it, then `load`."""
    nominations = select(
        literal(NOMINATION).label("kind"),
        Nomination.id.label("id"),
        Nomination.recognised_at.label("at"),
    ).where(
        Nomination.nominee_id == person_id,
        Nomination.status.in_(PUBLIC_STATUSES),
        Nomination.recognised_at.is_not(None),
    )
    thanks = select(
        literal(THANKS).label("kind"), Thanks.id.label("id"), Thanks.created_at.label("at")
    ).where(Thanks.recipient_id == person_id)
    if since is not None:
        nominations = nominations.where(Nomination.recognised_at >= since)
        thanks = thanks.where(Thanks.created_at >= since)
    items = union_all(nominations, thanks).subquery("received")
    return select(items.c.kind, items.c.id, items.c.at).order_by(
        items.c.at.desc(), items.c.kind, items.c.id.desc()
    )


def _nominations(ids: list[int]) -> dict[int, Nomination]:
    if not ids:
        return {}
    query = (
        select(Nomination)
        .options(
            joinedload(Nomination.nominee).joinedload(Person.team),
            joinedload(Nomination.nominator),
            joinedload(Nomination.nominee).lazyload(Person.role_rows),
            joinedload(Nomination.nominator).lazyload(Person.role_rows),
            joinedload(Nomination.category),
            selectinload(Nomination.praise),
        )
        .where(Nomination.id.in_(ids))
    )
    return {n.id: n for n in db.session.scalars(query)}


def _thanks(ids: list[int]) -> dict[int, Thanks]:
    if not ids:
        return {}
    query = thanks_loaded(select(Thanks)).where(Thanks.id.in_(ids))
    return {t.id: t for t in db.session.scalars(query)}


def thanks_loaded(query: Select) -> Select:
    """Thanks with the people, the value and the praise shown with them, in the same query."""
    return query.options(
        joinedload(Thanks.giver).lazyload(Person.role_rows),
        joinedload(Thanks.recipient).lazyload(Person.role_rows),
        joinedload(Thanks.category),
        joinedload(Thanks.praise),
    )


def load(rows) -> list[Received]:
    """A page of `received_query` rows as `Received` items, in their order."""
    rows = list(rows)
    nominations = _nominations([i for kind, i, _ in rows if kind == NOMINATION])
    thanks = _thanks([i for kind, i, _ in rows if kind == THANKS])
    items = []
    for kind, item_id, at in rows:
        if kind == NOMINATION and (n := nominations.get(item_id)):
            items.append(
                Received(kind, n.id, n.nominator, n.category, n.reason, n.praise, at, nomination=n)
            )
        elif kind == THANKS and (t := thanks.get(item_id)):
            praise = [t.praise] if t.praise else []
            items.append(Received(kind, t.id, t.giver, t.category, t.message, praise, at, thanks=t))
    return items


def latest_received(person_id: int, limit: int, since: datetime | None = None) -> list[Received]:
    """The newest `limit` items `person_id` received (since `since`): three queries at most."""
    return load(db.session.execute(received_query(person_id, since).limit(limit)))


def awards_of(person_id: int) -> list[Nomination]:
    """The awards `person_id` won, newest first, with category and cycle: one query."""
    return list(
        db.session.scalars(
            select(Nomination)
            .options(joinedload(Nomination.category), joinedload(Nomination.cycle))
            .where(Nomination.nominee_id == person_id, Nomination.status == AWARDED)
            .order_by(Nomination.awarded_at.desc(), Nomination.id.desc())
        )
    )


def thanks_given_by(person_id: int, limit: int) -> list[Thanks]:
    """The newest thanks `person_id` gave, with recipients and values loaded: one query."""
    query = thanks_loaded(select(Thanks)).where(Thanks.giver_id == person_id)
    return list(
        db.session.scalars(query.order_by(Thanks.created_at.desc(), Thanks.id.desc()).limit(limit))
    )
