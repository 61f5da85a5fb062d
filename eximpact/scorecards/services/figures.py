"""Internal and praise figures per team and period: each source read ONCE per request.

Every family is one grouped query over the direct team of the people it counts and
every period asked at once (a column per period), so the number of queries does not
grow with the teams, the data or the periods (outreach asks the praise package once
per period, by its own on-time rule). A team's figure is its subtree's (its own members
and every team below it): `Tree` adds the direct rows up over the team tree in Python
(500 teams is small), instead of joining a recursive tree per cell in SQL. Praise naming
people of two teams of one subtree still counts once there: such praise comes back
praise by praise and each subtree takes it once.
People are attributed to their current team, as the hours report does (`Person.team_id`),
so a team's approved hours for a period equal the hours report filtered by that team,
period and the approved state.
"""

from collections import defaultdict
from datetime import datetime, time, timedelta

from sqlalchemy import and_, case, func, select

from eximpact.ambassadors.models import APPROVED as HOURS_APPROVED
from eximpact.ambassadors.services.rollup import month_hours
from eximpact.campaigns.models import COUNTED_STATUSES, DONE, Initiative, Rollout
from eximpact.extensions import db
from eximpact.org.models import Person
from eximpact.periods import Period
from eximpact.praise.models import Praise, praise_employee
from eximpact.praise.services.outreach import on_time_counts_by_team_id
from eximpact.recognition.models import AWARDED, PUBLIC_STATUSES, Nomination

PRAISE_SUMS = ("count", "engagement_sum", "engagement_n", "promoters", "detractors", "rated")


class Tree:
    """The team tree (`{team: parent}`, inactive teams too) and the teams asked about."""

    def __init__(self, parents: dict, team_ids):
        self.parents = parents
        self.wanted = set(team_ids)
        self.up: dict[int, list[int]] = {}
        for team in parents:
            chain, node, seen = [], team, set()
            while node is not None and node in parents and node not in seen:
                seen.add(node)
                if node in self.wanted:
                    chain.append(node)
                node = parents[node]
            self.up[team] = chain
        self.members = {team for team, chain in self.up.items() if chain}

    def narrow(self, column):
        """A WHERE clause keeping the direct teams inside the asked subtrees (None: all)."""
        if len(self.members) == len(self.parents):
            return None
        return column.in_(sorted(self.members))

    def sums(self, direct: dict, width: int) -> dict[int, list]:
        """Each asked team's subtree total of `direct` ({team: [width numbers]})."""
        out: dict = {}
        for team, values in direct.items():
            for node in self.up.get(team, ()):
                total = out.setdefault(node, [0] * width)
                for i, value in enumerate(values):
                    total[i] += value
        return out


def _bounds(period: Period) -> tuple[datetime, datetime]:
    return datetime.combine(period.start, time()), datetime.combine(
        period.end + timedelta(days=1), time()
    )


def _in_period(column, period: Period, moments: bool = False):
    if moments:
        since, until = _bounds(period)
        return and_(column >= since, column < until)
    return column.between(period.start, period.end)


def _grouped(query, tree: Tree, team_column) -> list:
    narrowed = tree.narrow(team_column)
    if narrowed is not None:
        query = query.where(narrowed)
    return db.session.execute(query.group_by(team_column)).all()


def _per_period(rows, periods, width: int) -> list[dict]:
    """Rows of (team, period 0's `width` columns, period 1's, ...) as {team: [..]} per period."""
    out = [{} for _ in periods]
    for team, *values in rows:
        for i in range(len(periods)):
            out[i][team] = [v or 0 for v in values[i * width : (i + 1) * width]]
    return out


def people(tree: Tree) -> dict[int, int]:
    """Active people in each asked team's subtree, today."""
    rows = _grouped(
        select(Person.team_id, func.count(Person.id)).where(Person.active), tree, Person.team_id
    )
    direct = {team: [count] for team, count in rows}
    return {team: total for team, (total,) in tree.sums(direct, 1).items()}


def approved_hours(tree: Tree, periods: list[Period]) -> list[dict[int, float]]:
    """Approved ambassador hours of each subtree's people per period (the hours rollup)."""
    source = month_hours(min(p.start for p in periods), max(p.end for p in periods))
    columns = [
        func.sum(case((_in_period(source.c.month, p), source.c.hours), else_=0)) for p in periods
    ]
    rows = _grouped(
        select(Person.team_id, *columns)
        .select_from(source)
        .join(Person, Person.id == source.c.person_id)
        .where(source.c.status == HOURS_APPROVED),
        tree,
        Person.team_id,
    )
    return [
        {team: float(values[0]) for team, values in tree.sums(direct, 1).items()}
        for direct in _per_period(rows, periods, 1)
    ]


def rollouts(tree: Tree, periods: list[Period]) -> list[dict[int, tuple[int, int]]]:
    """(done, total) rollouts to each subtree of counted initiatives running in each period."""
    columns = []
    for p in periods:
        running = and_(Initiative.start_date <= p.end, Initiative.end_date >= p.start)
        columns += [
            func.count(case((and_(running, Rollout.status == DONE), 1))),
            func.count(case((running, 1))),
        ]
    rows = _grouped(
        select(Rollout.team_id, *columns)
        .select_from(Rollout)
        .join(Initiative, Initiative.id == Rollout.initiative_id)
        .where(
            Initiative.status.in_(COUNTED_STATUSES),
            Initiative.start_date <= max(p.end for p in periods),
            Initiative.end_date >= min(p.start for p in periods),
        ),
        tree,
        Rollout.team_id,
    )
    return [
        {team: tuple(values) for team, values in tree.sums(direct, 2).items()}
        for direct in _per_period(rows, periods, 2)
    ]


def outreach(tree: Tree, periods: list[Period], today) -> list[dict[int, tuple[int, int]]]:
    """(on time, due) outreach per subtree, by the praise package's own on-time rule."""
    out = []
    for period in periods:
        direct = on_time_counts_by_team_id(period.start, period.end, on=today)
        rows = {team: [share.on_time, share.due] for team, share in direct.items()}
        out.append({team: tuple(values) for team, values in tree.sums(rows, 2).items()})
    return out


def nominations(tree: Tree, periods: list[Period]) -> list[dict[int, dict[str, int]]]:
    """Recognised (approved or awarded) nominations given and received in each period by
    created date, and awards by award date; declined and pending ones do not count."""
    since, until = _bounds(min(periods))[0], _bounds(max(periods))[1]
    counts = [defaultdict(lambda: {"given": 0, "received": 0, "awards": 0}) for _ in periods]
    families = (
        ("given", Nomination.nominator_id, Nomination.created_at, PUBLIC_STATUSES),
        ("received", Nomination.nominee_id, Nomination.created_at, PUBLIC_STATUSES),
        ("awards", Nomination.nominee_id, Nomination.awarded_at, (AWARDED,)),
    )
    for key, person, moment, statuses in families:
        # The state is tested per period, not in WHERE, so the period's range is what picks
        # the index (a covering one: the rows are read from the index alone).
        counted = Nomination.status.in_(statuses)
        columns = [
            func.count(case((and_(counted, _in_period(moment, p, moments=True)), 1)))
            for p in periods
        ]
        rows = _grouped(
            select(Person.team_id, *columns)
            .select_from(Nomination)
            .join(Person, Person.id == person)
            .where(moment >= since, moment < until),
            tree,
            Person.team_id,
        )
        for i, direct in enumerate(_per_period(rows, periods, 1)):
            for team, (count,) in tree.sums(direct, 1).items():
                counts[i][team][key] = count
    return [dict(c) for c in counts]


def _praise_columns(praise, period: Period) -> list:
    """PRAISE_SUMS of the praise received in one period."""
    inside = praise.c.received_at.between(period.start, period.end)
    return [
        func.count(case((inside, 1))),
        func.sum(case((inside, praise.c.engagement_level), else_=0)),
        func.count(case((and_(inside, praise.c.engagement_level.is_not(None)), 1))),
        func.count(case((and_(inside, praise.c.nps >= 9), 1))),
        func.count(case((and_(inside, praise.c.nps <= 6), 1))),
        func.count(case((and_(inside, praise.c.nps.is_not(None)), 1))),
    ]


def praise(tree: Tree, periods: list[Period]) -> list[dict[int, dict]]:
    """Praise received in each period naming someone of each subtree, each counted once:
    count, engagement sum and count (1–5), and NPS promoters, detractors and rated.

    One pass: each praise once per direct team it names, summed per team; praise naming
    several teams also comes back once per (team, praise), so that a subtree holding
    two or more of its teams takes it once.
    """
    source = Praise.__table__
    pairs = (
        select(
            Person.team_id.label("team_id"),
            source.c.id,
            source.c.received_at,
            source.c.engagement_level,
            source.c.nps,
        )
        .select_from(source)
        .join(praise_employee, praise_employee.c.praise_id == source.c.id)
        .join(Person, Person.id == praise_employee.c.person_id)
        .where(source.c.received_at.between(min(periods).start, max(periods).end))
        .distinct()
    )
    narrowed = tree.narrow(Person.team_id)
    if narrowed is not None:
        pairs = pairs.where(narrowed)
    pairs = pairs.subquery("praised")
    counted = select(pairs, func.count().over(partition_by=pairs.c.id).label("teams")).subquery(
        "counted"
    )
    shared = case((counted.c.teams > 1, counted.c.id))
    columns = [column for p in periods for column in _praise_columns(counted, p)]
    rows = db.session.execute(
        select(counted.c.team_id, shared, *columns).group_by(counted.c.team_id, shared)
    )
    width = len(PRAISE_SUMS)
    direct: list[dict] = [{} for _ in periods]
    teams_of: dict = defaultdict(list)
    for team, shared_id, *values in rows:
        for i in range(len(periods)):
            block = [v or 0 for v in values[i * width : (i + 1) * width]]
            total = direct[i].setdefault(team, [0] * width)
            for j, value in enumerate(block):
                total[j] += value
            if shared_id is not None and block[0]:
                teams_of[(shared_id, i)].append((team, block))
    out = [tree.sums(d, width) for d in direct]
    for (_, i), named in teams_of.items():
        taken: dict = defaultdict(int)
        for team, _ in named:
            for node in tree.up.get(team, ()):
                taken[node] += 1
        block = named[0][1]
        for node, times in taken.items():
            for j, value in enumerate(block):
                out[i][node][j] -= (times - 1) * value
    return [
        {team: dict(zip(PRAISE_SUMS, values, strict=True)) for team, values in found.items()}
        for found in out
    ]
