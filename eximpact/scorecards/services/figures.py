"""Internal and praise figures per team and period, each family in ONE grouped query.

A team's figure is its subtree's (its own members and every team below it): the
queries group by `ancestor` through a recursive CTE over the team tree, so a parent
row is the sum of its subtree and praise naming two people of one subtree counts once.
People are attributed to their current team, as the hours report does (`Person.team_id`),
so a team's approved hours for a period equal the hours report filtered by that team,
period and the approved state.
"""

from collections import defaultdict
from datetime import datetime, time, timedelta

from sqlalchemy import case, distinct, func, select

from eximpact.ambassadors.models import APPROVED as HOURS_APPROVED
from eximpact.ambassadors.services.rollup import month_hours
from eximpact.campaigns.models import COUNTED_STATUSES, DONE, Initiative, Rollout
from eximpact.extensions import db
from eximpact.org.models import Person, Team
from eximpact.periods import Period
from eximpact.praise.models import Praise, praise_employee
from eximpact.praise.services.outreach import on_time_counts_by_team_id
from eximpact.pulse.services.scope import descendants
from eximpact.recognition.models import AWARDED, PUBLIC_STATUSES, Nomination


def closure(team_ids):
    """(ancestor, team_id) for each of `team_ids` and every team below it, as a CTE."""
    tree = (
        select(Team.id.label("ancestor"), Team.id.label("team_id"))
        .where(Team.id.in_(list(team_ids)))
        .cte("scorecard_tree", recursive=True)
    )
    return tree.union_all(select(tree.c.ancestor, Team.id).where(Team.parent_id == tree.c.team_id))


def _bounds(period: Period) -> tuple[datetime, datetime]:
    return datetime.combine(period.start, time()), datetime.combine(
        period.end + timedelta(days=1), time()
    )


def people(team_ids) -> dict[int, int]:
    """Active people in each team's subtree, today."""
    tree = closure(team_ids)
    rows = db.session.execute(
        select(tree.c.ancestor, func.count(Person.id))
        .join(Person, Person.team_id == tree.c.team_id)
        .where(Person.active)
        .group_by(tree.c.ancestor)
    )
    return dict(rows.all())


def approved_hours(team_ids, period: Period) -> dict[int, float]:
    """Approved ambassador hours of each subtree's people in the period (the hours rollup)."""
    tree = closure(team_ids)
    source = month_hours(period.start, period.end)
    rows = db.session.execute(
        select(tree.c.ancestor, func.sum(source.c.hours))
        .select_from(source)
        .join(Person, Person.id == source.c.person_id)
        .join(tree, tree.c.team_id == Person.team_id)
        .where(source.c.status == HOURS_APPROVED)
        .group_by(tree.c.ancestor)
    )
    return {team: float(hours or 0) for team, hours in rows}


def rollouts(team_ids, period: Period) -> dict[int, tuple[int, int]]:
    """(done, total) rollouts to each subtree of counted initiatives running in the period."""
    tree = closure(team_ids)
    rows = db.session.execute(
        select(
            tree.c.ancestor,
            func.count(case((Rollout.status == DONE, 1))),
            func.count(Rollout.id),
        )
        .select_from(Rollout)
        .join(Initiative, Initiative.id == Rollout.initiative_id)
        .join(tree, tree.c.team_id == Rollout.team_id)
        .where(
            Initiative.status.in_(COUNTED_STATUSES),
            Initiative.start_date <= period.end,
            Initiative.end_date >= period.start,
        )
        .group_by(tree.c.ancestor)
    )
    return {team: (done, total) for team, done, total in rows}


def outreach(team_ids, parents: dict, period: Period, today) -> dict[int, tuple[int, int]]:
    """(on time, due) outreach per subtree, by the praise package's own on-time rule."""
    direct = on_time_counts_by_team_id(period.start, period.end, on=today)
    out = {}
    for team in team_ids:
        shares = [direct[t] for t in descendants(parents, [team]) if t in direct]
        out[team] = (sum(s.on_time for s in shares), sum(s.due for s in shares))
    return out


def nominations(team_ids, period: Period) -> dict[int, dict[str, int]]:
    """Recognised (approved or awarded) nominations given and received in the period by
    created date, and awards by award date; declined and pending ones do not count."""
    tree = closure(team_ids)
    since, until = _bounds(period)
    counts: dict = defaultdict(lambda: {"given": 0, "received": 0, "awards": 0})
    recognised = [
        Nomination.status.in_(PUBLIC_STATUSES),
        Nomination.created_at >= since,
        Nomination.created_at < until,
    ]
    for key, column in (("given", Nomination.nominator_id), ("received", Nomination.nominee_id)):
        rows = db.session.execute(
            select(tree.c.ancestor, func.count(Nomination.id))
            .select_from(Nomination)
            .join(Person, Person.id == column)
            .join(tree, tree.c.team_id == Person.team_id)
            .where(*recognised)
            .group_by(tree.c.ancestor)
        )
        for team, count in rows:
            counts[team][key] = count
    rows = db.session.execute(
        select(tree.c.ancestor, func.count(Nomination.id))
        .select_from(Nomination)
        .join(Person, Person.id == Nomination.nominee_id)
        .join(tree, tree.c.team_id == Person.team_id)
        .where(
            Nomination.status == AWARDED,
            Nomination.awarded_at >= since,
            Nomination.awarded_at < until,
        )
        .group_by(tree.c.ancestor)
    )
    for team, count in rows:
        counts[team]["awards"] = count
    return dict(counts)


def praise(team_ids, period: Period) -> dict[int, dict]:
    """Praise received in the period naming someone of each subtree, each counted once:
    count, engagement sum and count (1–5), and NPS promoters, detractors and rated."""
    tree = closure(team_ids)
    pairs = (
        select(tree.c.ancestor.label("ancestor"), Praise.id.label("praise_id"))
        .select_from(praise_employee)
        .join(Praise, Praise.id == praise_employee.c.praise_id)
        .join(Person, Person.id == praise_employee.c.person_id)
        .join(tree, tree.c.team_id == Person.team_id)
        .where(Praise.received_at.between(period.start, period.end))
        .distinct()
        .subquery("praised")
    )
    rows = db.session.execute(
        select(
            pairs.c.ancestor,
            func.count(distinct(Praise.id)),
            func.sum(Praise.engagement_level),
            func.count(Praise.engagement_level),
            func.count(case((Praise.nps >= 9, 1))),
            func.count(case((Praise.nps <= 6, 1))),
            func.count(Praise.nps),
        )
        .join(Praise, Praise.id == pairs.c.praise_id)
        .group_by(pairs.c.ancestor)
    )
    return {
        team: {
            "count": count,
            "engagement_sum": int(level_sum or 0),
            "engagement_n": level_n,
            "promoters": promoters,
            "detractors": detractors,
            "rated": rated,
        }
        for team, count, level_sum, level_n, promoters, detractors, rated in rows
    }
