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
are ranked. The points are read from the rollup kept with the events
(services/points.py) and ranked in one SQL query.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload, selectinload

from eximpact.extensions import db
from eximpact.org.models import Person, Team
from eximpact.recognition.models import PUBLIC_STATUSES, Nomination
from eximpact.recognition.periods import period_bounds
from eximpact.recognition.services.points import POINTS, period_points, points

__all__ = ["POINTS", "Leaderboard", "LeaderboardRow", "leaderboard", "points", "wall_query"]

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


def leaderboard(
    period: str, day: date, team_ids: list[int] | None = None, size: int = LEADERBOARD_SIZE
) -> Leaderboard:
    """The service heroes of the month, quarter or year containing `day`, ranked in SQL.

    Only the rows scoring at least the `size`-th best score are ranked: everyone scoring
    more is among them, so each keeps the rank it has among all, and the board reads a
    few rows down the rollup's points index instead of every person of the period.
    """
    start, end = period_bounds(period, day)
    people = None
    if team_ids is not None:
        people = select(Person.id).where(Person.team_id.in_(team_ids))
    totals = period_points(period, start, people).subquery("totals")
    ranked = (
        select(totals.c.points)
        .join(Person, Person.id == totals.c.person_id)
        .where(Person.active)
        .order_by(totals.c.points.desc())
    )
    if team_ids is not None:
        ranked = ranked.where(Person.team_id.in_(team_ids))
    cutoff = ranked.offset(max(size, 1) - 1).limit(1).scalar_subquery()
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
        .where(Person.active, totals.c.points >= func.coalesce(cutoff, 0))
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
