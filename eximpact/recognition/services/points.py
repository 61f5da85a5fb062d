"""The points rollup: leaderboard points per person × month, quarter and year, kept with
what earns them.

What counts (the points rule lives in `POINTS` and `points`): an award on the day it was
awarded, an approval (of an approved or awarded nomination) on the day it was reviewed,
a piece of customer praise for each person it names on the day it was received, and a
quick thanks for its recipient on the day it was given. Each event adds its counts to
the person's month, quarter and year rows (`recognition_points`).

One place keeps it for every way in: ORM writes (praise recorded, imported or sent by the
webhook, thanks given, the demo, tests) through the session's flush events below, and the
one bulk UPDATE of a nomination's state (review and award) through `nomination_moved`.
Bulk loads that bypass the ORM (the benchmark) call `rebuild` afterwards.

`period_points` is the plain read API the leaderboards, and the scorecards to come, use.
"""

from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import (
    Integer,
    and_,
    delete,
    event,
    func,
    insert,
    inspect,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from eximpact.extensions import db
from eximpact.periods import GRAINS, period_of
from eximpact.praise.models import Praise, praise_employee
from eximpact.recognition.models import (
    AWARDED,
    PUBLIC_STATUSES,
    Nomination,
    RecognitionPoints,
    Thanks,
)

POINTS = {"award": 5, "approval": 3, "praise": 1, "thanks": 1}
KINDS = ("award", "approval", "praise", "thanks")
COUNTS = ("awards", "approvals", "praise", "thanks")  # the rollup's columns, as KINDS


def points(**counts: int) -> int:
    """The one points rule: each kind of event times its weight in POINTS."""
    return sum(POINTS[kind] * count for kind, count in counts.items())


Event = tuple[int, date, str]  # person, day, kind


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def nomination_events(nominee_id, status, reviewed_at, awarded_at) -> list[Event]:
    """What a nomination in this state earns its nominee: an approval, and an award."""
    events = []
    if nominee_id is None:
        return events
    if status in PUBLIC_STATUSES and reviewed_at is not None:
        events.append((nominee_id, _day(reviewed_at), "approval"))
    if status == AWARDED and awarded_at is not None:
        events.append((nominee_id, _day(awarded_at), "award"))
    return events


def thanks_events(recipient_id, given_on) -> list[Event]:
    if recipient_id is None or given_on is None:
        return []
    return [(recipient_id, given_on, "thanks")]


def praise_events(person_ids, received_at) -> list[Event]:
    if received_at is None:
        return []
    return [(person_id, received_at, "praise") for person_id in person_ids if person_id]


class Deltas:
    """Counts to add to (or take from) rollup rows, by (person, period, first day)."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[int, str, date], list[int]] = defaultdict(lambda: [0] * 4)

    def add(self, events: list[Event], sign: int = 1) -> None:
        for person_id, day, kind in events:
            for grain in GRAINS:
                self.by_key[(person_id, grain, period_of(day, grain).start)][KINDS.index(kind)] += (
                    sign
                )

    def apply(self, connection) -> None:
        """Upsert every changed key (adding to what is there), then drop emptied rows."""
        rows = [
            {
                "person_id": person_id,
                "period": grain,
                "period_start": start,
                "points": points(**dict(zip(KINDS, counts, strict=True))),
                **dict(zip(COUNTS, counts, strict=True)),
            }
            for (person_id, grain, start), counts in self.by_key.items()
            if any(counts)
        ]
        if not rows:
            return
        table = RecognitionPoints.__table__
        dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
        statement = dialect.insert(table)
        statement = statement.on_conflict_do_update(
            index_elements=[table.c.person_id, table.c.period, table.c.period_start],
            set_={name: table.c[name] + statement.excluded[name] for name in ("points", *COUNTS)},
        )
        connection.execute(statement, rows)
        emptied = [
            and_(
                table.c.person_id == row["person_id"],
                table.c.period == row["period"],
                table.c.period_start == row["period_start"],
            )
            for row in rows
            if min(row[name] for name in COUNTS) < 0
        ]
        if emptied:
            total = sum((table.c[name] for name in COUNTS), literal(0))
            connection.execute(delete(table).where(total <= 0, or_(*emptied)))


# -- keeping it: ORM writes --------------------------------------------------------------


def _old(obj, name: str):
    """The value of an attribute as the database holds it now (before this flush)."""
    history = inspect(obj).attrs[name].history
    if history.deleted:
        return history.deleted[0]
    if history.unchanged:
        return history.unchanged[0]
    return getattr(obj, name)


def _changed(obj, names) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


NOMINATION_COLUMNS = ("nominee_id", "status", "reviewed_at", "awarded_at")
THANKS_COLUMNS = ("recipient_id", "given_on")


def _events_now(obj) -> list[Event]:
    if isinstance(obj, Nomination):
        return nomination_events(*(getattr(obj, name) for name in NOMINATION_COLUMNS))
    if isinstance(obj, Thanks):
        return thanks_events(obj.recipient_id, obj.given_on)
    return praise_events([person.id for person in obj.employees], obj.received_at)


def _events_before(obj) -> list[Event]:
    if isinstance(obj, Nomination):
        return nomination_events(*(_old(obj, name) for name in NOMINATION_COLUMNS))
    if isinstance(obj, Thanks):
        return thanks_events(*(_old(obj, name) for name in THANKS_COLUMNS))
    history = inspect(obj).attrs["employees"].history
    people = [*history.unchanged, *history.deleted] if history.has_changes() else obj.employees
    return praise_events([person.id for person in people], _old(obj, "received_at"))


def _counted_change(obj) -> bool:
    """Did a counted column change, or the relationship that sets its key at the flush?"""
    if isinstance(obj, Nomination):
        return _changed(obj, (*NOMINATION_COLUMNS, "nominee"))
    if isinstance(obj, Thanks):
        return _changed(obj, (*THANKS_COLUMNS, "recipient"))
    return _changed(obj, ("employees", "received_at"))


COUNTED = (Nomination, Thanks, Praise)


@event.listens_for(Session, "before_flush")
def _remember_old_events(session, _context, _instances) -> None:
    """Old events of rows about to change or go (later, in after_flush, they are gone)."""
    old = Deltas()
    changed = []
    for obj in session.deleted:
        if isinstance(obj, COUNTED) and inspect(obj).persistent:
            old.add(_events_before(obj), sign=-1)
    for obj in session.dirty:
        if isinstance(obj, COUNTED) and _counted_change(obj):
            old.add(_events_before(obj), sign=-1)
            changed.append(obj)
    session.info["points_rollup"] = (old, changed)


@event.listens_for(Session, "after_flush")
def _keep_rollup(session, _context) -> None:
    """New events in, old events out, in the flush's own transaction."""
    deltas, changed = session.info.pop("points_rollup", (Deltas(), []))
    for obj in [*(o for o in session.new if isinstance(o, COUNTED)), *changed]:
        deltas.add(_events_now(obj))
    deltas.apply(session.connection())


# -- keeping it: the bulk UPDATE of a review or an award ---------------------------------


def nomination_moved(before: list[Event], nomination: Nomination) -> None:
    """After a bulk UPDATE of `nomination` (refreshed): `before` are its events before."""
    deltas = Deltas()
    deltas.add(before, sign=-1)
    deltas.add(_events_now(nomination))
    deltas.apply(db.session.connection())


def events_of(nomination: Nomination) -> list[Event]:
    """A nomination's events as it stands (take them before a bulk UPDATE of it)."""
    return _events_now(nomination)


# -- rebuilding it after a bulk load -----------------------------------------------------


def period_start_sql(column, grain: str):
    """First day of the month, quarter or year of a date or timestamp column, in SQL."""
    if db.engine.dialect.name == "postgresql":
        return func.cast(func.date_trunc(grain, column), db.Date)
    if grain == "year":
        return func.date(column, literal("start of year"))
    month = func.date(column, literal("start of month"))
    if grain == "month":
        return month
    back = (func.cast(func.strftime("%m", column), Integer) - 1) % 3
    return func.date(month, literal("-") + func.cast(back, db.String) + literal(" months"))


def _source(grain: str):
    """Every event, one row each: (person, first day of its period, counts of each kind)."""

    def counts(kind: str):
        return [
            literal(int(kind == k), Integer).label(name)
            for k, name in zip(KINDS, COUNTS, strict=True)
        ]

    awards = select(
        Nomination.nominee_id.label("person_id"),
        period_start_sql(Nomination.awarded_at, grain).label("period_start"),
        *counts("award"),
    ).where(Nomination.status == AWARDED, Nomination.awarded_at.is_not(None))
    approvals = select(
        Nomination.nominee_id,
        period_start_sql(Nomination.reviewed_at, grain),
        *counts("approval"),
    ).where(Nomination.status.in_(PUBLIC_STATUSES), Nomination.reviewed_at.is_not(None))
    praise = select(
        praise_employee.c.person_id,
        period_start_sql(Praise.received_at, grain),
        *counts("praise"),
    ).join(Praise, Praise.id == praise_employee.c.praise_id)
    thanks = select(
        Thanks.recipient_id, period_start_sql(Thanks.given_on, grain), *counts("thanks")
    )
    return union_all(awards, approvals, praise, thanks).subquery("events")


def rebuild() -> int:
    """The rollup recomputed from every event (after a bulk load); returns its row count."""
    db.session.execute(delete(RecognitionPoints))
    for grain in GRAINS:
        events = _source(grain)
        sums = [func.sum(events.c[name]) for name in COUNTS]
        total = sum(
            (
                func.sum(events.c[name]) * POINTS[kind]
                for kind, name in zip(KINDS, COUNTS, strict=True)
            ),
            literal(0),
        )
        grouped = select(
            events.c.person_id, literal(grain), events.c.period_start, total, *sums
        ).group_by(events.c.person_id, events.c.period_start)
        db.session.execute(
            insert(RecognitionPoints).from_select(
                ["person_id", "period", "period_start", "points", *COUNTS], grouped
            )
        )
    return db.session.scalar(select(func.count()).select_from(RecognitionPoints))


# -- reading it ------------------------------------------------------------------------


def period_points(grain: str, start: date, people=None):
    """The rollup rows of one month, quarter or year (its first day): one per person with
    points in it, with columns person_id, points, awards, approvals, praise and thanks.

    `people` (a SELECT of person ids) keeps only theirs: each is then looked up by its
    key instead of walking every row of the period.
    """
    query = select(RecognitionPoints).where(
        RecognitionPoints.period == grain, RecognitionPoints.period_start == start
    )
    if people is not None:
        query = query.where(RecognitionPoints.person_id.in_(people))
    return query
