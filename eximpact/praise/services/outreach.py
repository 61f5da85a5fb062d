"""Outreach: when a customer praises someone, a leader follows up (a note, a call, a visit).

Who follows up is configured (`OUTREACH_LEADER`: the praised person's manager or that
manager's manager), the deadline too (`OUTREACH_DUE_DAYS`). The share done on time is
`on_time_share`, which scorecards reuse.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import Select, and_, case, func, select, update
from sqlalchemy.orm import joinedload

from eximpact import audit, clock
from eximpact.extensions import db
from eximpact.notifications.inbox import notify
from eximpact.notifications.models import WAITING_FOR_YOU
from eximpact.notifications.services import queue_email
from eximpact.org.models import Person, Team
from eximpact.praise.models import (
    OUTREACH_DONE,
    OUTREACH_KINDS,
    OUTREACH_OPEN,
    OUTREACH_OVERDUE,
    Outreach,
    Praise,
)
from eximpact.validation import Conflict, Problems, too_long

LIMITS = {"note": 2000}  # the form, the API's schema and this rule read it
STATES = (OUTREACH_OPEN, OUTREACH_OVERDUE, OUTREACH_DONE)


def outreach_leader(person: Person) -> Person | None:
    """Who follows up on praise of `person`: their manager, or that manager's manager.

    With `managers_manager` and no second level, the manager does it. A leader who has
    left hands it to the next active person up the line; nobody up the line, nobody.
    """
    leader = person.manager
    if current_app.config["OUTREACH_LEADER"] == "managers_manager" and leader is not None:
        leader = leader.manager or leader
    seen = {person.id}
    while leader is not None and not leader.active and leader.id not in seen:
        seen.add(leader.id)
        leader = leader.manager
    if leader is None or not leader.active or leader.id == person.id:
        return None
    return leader


def open_outreach(praise: Praise, on: date) -> list[Outreach]:
    """One follow-up per active praised person, due `OUTREACH_DUE_DAYS` after `on`.

    Each leader gets one e-mail per praise, however many of their people it names. The
    rows are added, not flushed: an import of thousands of rows flushes them in batches.
    """
    due_on = on + timedelta(days=current_app.config["OUTREACH_DUE_DAYS"])
    created = []
    for person in praise.employees:
        if not person.active or (leader := outreach_leader(person)) is None:
            continue
        item = Outreach(praise=praise, employee=person, leader=leader, due_on=due_on)
        db.session.add(item)
        created.append(item)
    by_leader: dict[Person, list[Outreach]] = defaultdict(list)
    for item in created:
        by_leader[item.leader].append(item)
    for leader, items in by_leader.items():
        names = ", ".join(item.employee.name for item in items)
        notify(
            leader,
            WAITING_FOR_YOU,
            f"A customer praised {names}: please follow up by {due_on:%d %b}",
            "/praise/outreach",
            email_template="outreach_created",
            leader=leader,
            praise=praise,
            items=items,
            due_on=due_on,
        )
    return created


def complete_outreach(
    actor: Person, item: Outreach, kind: str, note: str, now: datetime | None = None
) -> Outreach:
    """Record how the leader followed up. Done is done: a second completion is a conflict.

    The UPDATE only matches an open row, so two people completing at once end in one record.
    """
    problems = Problems()
    note = (note or "").strip()
    if kind not in OUTREACH_KINDS:
        problems.add("kind", f"Use one of: {', '.join(OUTREACH_KINDS)}.")
    if len(note) > LIMITS["note"]:
        problems.add("note", too_long(LIMITS["note"]))
    problems.raise_if_any()
    now = now or clock.now()
    result = db.session.execute(
        update(Outreach)
        .where(Outreach.id == item.id, Outreach.status == OUTREACH_OPEN)
        .values(
            status=OUTREACH_DONE, kind=kind, note=note, completed_at=now, completed_by_id=actor.id
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Conflict("This outreach is already done.")
    db.session.refresh(item)
    audit.record("outreach", item.id, "completed", actor, OUTREACH_OPEN, OUTREACH_DONE, kind=kind)
    return item


def _state_clause(state: str, on: date):
    if state == OUTREACH_DONE:
        return Outreach.status == OUTREACH_DONE
    if state == OUTREACH_OVERDUE:
        return and_(Outreach.status == OUTREACH_OPEN, Outreach.due_on < on)
    return and_(Outreach.status == OUTREACH_OPEN, Outreach.due_on >= on)


def outreach_query(*, on: date, leader_id: int | None = None, state: str | None = None) -> Select:
    """Outreach with its praise and people loaded; open ones by due date, done ones newest first."""
    query = select(Outreach).options(
        joinedload(Outreach.praise),
        joinedload(Outreach.employee).joinedload(Person.team),
        joinedload(Outreach.leader),
        joinedload(Outreach.employee).lazyload(Person.role_rows),
        joinedload(Outreach.leader).lazyload(Person.role_rows),
    )
    if leader_id is not None:
        query = query.where(Outreach.leader_id == leader_id)
    if state is not None:
        query = query.where(_state_clause(state, on))
    # Open ones first ('open' sorts after 'done'), soonest due first; then done, latest first.
    return query.order_by(
        Outreach.status.desc(),
        case((Outreach.status == OUTREACH_OPEN, Outreach.due_on)),
        Outreach.completed_at.desc(),
        Outreach.id,
    )


def state_counts(leader_id: int, on: date) -> dict[str, int]:
    """How many of a leader's follow-ups are open, overdue and done, in one query."""
    state = case(
        (Outreach.status == OUTREACH_DONE, OUTREACH_DONE),
        (Outreach.due_on < on, OUTREACH_OVERDUE),
        else_=OUTREACH_OPEN,
    )
    rows = db.session.execute(
        select(state, func.count()).where(Outreach.leader_id == leader_id).group_by(state)
    )
    counts = dict.fromkeys(STATES, 0)
    counts.update(dict(rows.all()))
    return counts


@dataclass
class OnTimeShare:
    """Outreach whose deadline fell in a period and is decided: done (in time or late) or overdue.

    Follow-ups still open before their deadline are not counted yet: they may still be on time.
    """

    label: str
    due: int
    on_time: int
    late: int
    overdue: int

    @property
    def share(self) -> float | None:
        return self.on_time / self.due if self.due else None


def _share_columns(on: date):
    done_on_time = and_(
        Outreach.status == OUTREACH_DONE, func.date(Outreach.completed_at) <= Outreach.due_on
    )
    done_late = and_(
        Outreach.status == OUTREACH_DONE, func.date(Outreach.completed_at) > Outreach.due_on
    )
    overdue = and_(Outreach.status == OUTREACH_OPEN, Outreach.due_on < on)
    return (
        func.count(case((done_on_time, 1))),
        func.count(case((done_late, 1))),
        func.count(case((overdue, 1))),
    )


def _share(label: str, on_time: int, late: int, overdue: int) -> OnTimeShare:
    return OnTimeShare(label, on_time + late + overdue, on_time, late, overdue)


def on_time_share(
    start: date,
    end: date,
    *,
    on: date,
    team_ids: list[int] | None = None,
    leader_id: int | None = None,
) -> OnTimeShare:
    """The share of outreach due between `start` and `end` that was done by its due date.

    Filter by the praised people's teams (scorecards) or by leader ("my outreach").
    """
    query = select(*_share_columns(on)).where(Outreach.due_on.between(start, end))
    if team_ids is not None:
        query = query.join(Person, Person.id == Outreach.employee_id).where(
            Person.team_id.in_(team_ids)
        )
    if leader_id is not None:
        query = query.where(Outreach.leader_id == leader_id)
    on_time, late, overdue = db.session.execute(query).one()
    return _share("All", on_time, late, overdue)


def on_time_share_by_team(start: date, end: date, *, on: date) -> list[OnTimeShare]:
    """`on_time_share` for every team of the praised people, in one grouped query.

    The follow-ups are counted by team id first (team names are unique) and the few
    totals named after, so the period's rows are not each joined to their team.
    """
    on_time, late, overdue = _share_columns(on)
    counts = (
        select(
            Person.team_id.label("team_id"),
            on_time.label("on_time"),
            late.label("late"),
            overdue.label("overdue"),
        )
        .select_from(Outreach)
        .join(Person, Person.id == Outreach.employee_id)
        .where(Outreach.due_on.between(start, end))
        .group_by(Person.team_id)
        .subquery("counts")
    )
    rows = db.session.execute(
        select(
            func.coalesce(Team.name, "No team"), counts.c.on_time, counts.c.late, counts.c.overdue
        )
        .select_from(counts)
        .outerjoin(Team, Team.id == counts.c.team_id)
        .order_by(Team.name)
    )
    shares = [_share(label, *counts) for label, *counts in rows]
    return [share for share in shares if share.due]


def notify_overdue(on: date, now: datetime | None = None) -> int:
    """E-mail each leader once about follow-ups that became overdue; returns how many.

    Each outreach is reminded at most once (`overdue_notified_at`); SKIP LOCKED lets two
    runs of the command overlap without sending anything twice.
    """
    now = now or clock.now()
    items = db.session.scalars(
        select(Outreach)
        .where(
            Outreach.status == OUTREACH_OPEN,
            Outreach.due_on < on,
            Outreach.overdue_notified_at.is_(None),
        )
        .order_by(Outreach.leader_id, Outreach.due_on, Outreach.id)
        .with_for_update(skip_locked=True)
    ).all()
    if not items:
        return 0
    # Loaded after the locking query: PostgreSQL cannot lock the nullable side of an outer join.
    db.session.scalars(
        select(Outreach)
        .options(
            joinedload(Outreach.praise), joinedload(Outreach.employee), joinedload(Outreach.leader)
        )
        .where(Outreach.id.in_([item.id for item in items]))
    ).all()
    by_leader: dict[Person, list[Outreach]] = defaultdict(list)
    for item in items:
        item.overdue_notified_at = now
        by_leader[item.leader].append(item)
    for leader, overdue in by_leader.items():
        if not leader.active:
            continue
        queue_email(
            leader.email,
            "outreach_overdue",
            f"{len(overdue)} follow-up{' is' if len(overdue) == 1 else 's are'} overdue: "
            "customer praise waits for you",
            "outreach_overdue",
            leader=leader,
            items=overdue,
            on=on,
        )
    db.session.flush()
    return len(items)


def on_time_counts_by_team_id(start: date, end: date, *, on: date) -> dict:
    """`{team_id: OnTimeShare}` of the praised people's teams, in one grouped query, so a
    caller can add teams up (the pulse's climate facts sum them over a team's subtree)."""
    rows = db.session.execute(
        select(Person.team_id, *_share_columns(on))
        .select_from(Outreach)
        .join(Person, Person.id == Outreach.employee_id)
        .where(Outreach.due_on.between(start, end))
        .group_by(Person.team_id)
    )
    return {team_id: _share(str(team_id), *counts) for team_id, *counts in rows}
