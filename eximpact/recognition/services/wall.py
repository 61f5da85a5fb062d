"""The recognition wall and the service-hero leaderboards: read-only, a fixed number of queries.

Leaderboard points (documented in the README and on the page):

- an award: 5 points, counted in the period it was awarded;
- an approved nomination: 3 points, counted in the period it was approved (an awarded
  nomination was approved first, so it brings 3 + 5);
- a piece of customer praise: 1 point, counted in the period it was received;
- a quick thanks received: 1 point (no review, so less than a nomination), counted on
  the day it was given.

People with equal points share a rank and the next rank is skipped (competition
ranking: 1, 2, 2, 4); within a rank people are listed by name. Only active people
are ranked. Everything is summed and ranked in one SQL query.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Integer, Select, func, literal_column, select, union_all
from sqlalchemy.orm import joinedload, selectinload

from eximpact.extensions import db
from eximpact.org.models import Person, Team
from eximpact.praise.models import Praise, praise_employee
from eximpact.recognition.models import AWARDED, PUBLIC_STATUSES, Nomination, Thanks
from eximpact.recognition.periods import period_bounds

POINTS = {"award": 5, "approval": 3, "praise": 1, "thanks": 1}
LEADERBOARD_SIZE = 50


def wall_query(team_ids: list[int] | None = None, category_id: int | None = None) -> Select:
    """Approved and awarded nominations, newest recognition first, with everything shown loaded.

    One query for the page (people, teams and category joined) and one for the praise
    attached to it, whatever the page size.
    """
    query = (
        select(Nomination)
        .options(
            joinedload(Nomination.nominee).joinedload(Person.team),
            joinedload(Nomination.nominator),
            # Names are shown, roles are not: skip Person's eager role loading.
            joinedload(Nomination.nominee).lazyload(Person.role_rows),
            joinedload(Nomination.nominator).lazyload(Person.role_rows),
            joinedload(Nomination.category),
            selectinload(Nomination.praise),
        )
        # `status || ''` keeps SQLite's planner off the (status, recognised_at) index,
        # which would sort every public nomination for one page: the newest-first walk
        # down (recognised_at, id) stops after the page (`make bench`, BENCH_SIZE=large).
        .where((Nomination.status + "").in_(PUBLIC_STATUSES))
        # Set exactly when a nomination becomes public; saying so lets the
        # (recognised_at, id) index give the order instead of a sort of every row.
        .where(Nomination.recognised_at.is_not(None))
        .order_by(Nomination.recognised_at.desc(), Nomination.id.desc())
    )
    if team_ids is not None:
        query = query.where(
            Nomination.nominee_id.in_(select(Person.id).where(Person.team_id.in_(team_ids)))
        )
    if category_id is not None:
        query = query.where(Nomination.category_id == category_id)
    return query


@dataclass(frozen=True)
class LeaderboardRow:
    rank: int
    person_id: int
    name: str
    team: str | None
    points: int
    awards: int
    approvals: int
    praise: int
    thanks: int = 0


@dataclass(frozen=True)
class Leaderboard:
    period: str
    start: date
    end: date
    rows: list[LeaderboardRow]


def points(**counts: int) -> int:
    """The one points rule: each kind of event times its weight in POINTS."""
    return sum(POINTS[kind] * count for kind, count in counts.items())


def _events(start: date, end: date):
    """Every point-earning event in the period, one row each: (person, points, kinds…)."""
    since = datetime.combine(start, time())
    until = datetime.combine(end + timedelta(days=1), time())

    def columns(award: int = 0, approval: int = 0, praise: int = 0, thanks: int = 0):
        total = points(award=award, approval=approval, praise=praise, thanks=thanks)
        return (
            literal_column(str(total), Integer).label("points"),
            literal_column(str(award), Integer).label("awards"),
            literal_column(str(approval), Integer).label("approvals"),
            literal_column(str(praise), Integer).label("praise"),
            literal_column(str(thanks), Integer).label("thanks"),
        )

    awards = select(Nomination.nominee_id.label("person_id"), *columns(award=1)).where(
        Nomination.status == AWARDED,
        Nomination.awarded_at >= since,
        Nomination.awarded_at < until,
    )
    approvals = select(Nomination.nominee_id, *columns(approval=1)).where(
        Nomination.status.in_(PUBLIC_STATUSES),
        Nomination.reviewed_at >= since,
        Nomination.reviewed_at < until,
    )
    praise = (
        select(praise_employee.c.person_id, *columns(praise=1))
        .join(Praise, Praise.id == praise_employee.c.praise_id)
        .where(Praise.received_at.between(start, end))
    )
    thanks = select(Thanks.recipient_id, *columns(thanks=1)).where(
        Thanks.given_on.between(start, end)
    )
    return union_all(awards, approvals, praise, thanks).subquery("events")


def leaderboard(
    period: str, day: date, team_ids: list[int] | None = None, size: int = LEADERBOARD_SIZE
) -> Leaderboard:
    """The service heroes of the month, quarter or year containing `day`, ranked in SQL."""
    start, end = period_bounds(period, day)
    events = _events(start, end)
    totals = (
        select(
            events.c.person_id,
            func.sum(events.c.points).label("points"),
            func.sum(events.c.awards).label("awards"),
            func.sum(events.c.approvals).label("approvals"),
            func.sum(events.c.praise).label("praise"),
            func.sum(events.c.thanks).label("thanks"),
        )
        .group_by(events.c.person_id)
        .subquery("totals")
    )
    rank = func.rank().over(order_by=totals.c.points.desc()).label("rank")
    query = (
        select(
            rank,
            Person.id,
            Person.name,
            Team.name,
            totals.c.points,
            totals.c.awards,
            totals.c.approvals,
            totals.c.praise,
            totals.c.thanks,
        )
        .join(Person, Person.id == totals.c.person_id)
        .outerjoin(Team, Team.id == Person.team_id)
        .where(Person.active)
        .order_by(rank, func.lower(Person.name), Person.id)
        .limit(size)
    )
    if team_ids is not None:
        query = query.where(Person.team_id.in_(team_ids))
    rows = [
        LeaderboardRow(int(r), pid, name, team, int(p), int(a), int(ap), int(pr), int(th))
        for r, pid, name, team, p, a, ap, pr, th in db.session.execute(query)
    ]
    return Leaderboard(period, start, end, rows)
