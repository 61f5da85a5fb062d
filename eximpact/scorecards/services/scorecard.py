"""The scorecard: a row per team in the viewer's scope, tree-ordered, every metric with its
value, the previous period's and the change. Page, API, CSV and XLSX all read `scorecard`.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select

from eximpact import clock
from eximpact.extensions import db
from eximpact.org.models import ADMIN, HR, Team
from eximpact.periods import Period, parse_period, period_of
from eximpact.praise.models import ENGAGEMENT_LEVELS
from eximpact.pulse.services.scope import descendants, managed_team_ids, team_parents
from eximpact.scorecards.services import figures
from eximpact.scorecards.services.employee import Rounds, employee_columns
from eximpact.surveys.services.metric_queries import subtree_metrics
from eximpact.validation import Problems, ValidationFailed, whole_number

INTERNAL = (
    "ambassador_hours",
    "ambassador_hours_per_head",
    "rollouts_done_share",
    "outreach_on_time_share",
    "nominations_given",
    "nominations_given_per_head",
    "nominations_received",
    "nominations_received_per_head",
    "awards",
)
EXTERNAL = ("praise", "praise_per_10", "customer_engagement", "praise_nps")
LABELS = {
    "ambassador_hours": "Approved ambassador hours",
    "ambassador_hours_per_head": "Hours per head",
    "rollouts_done_share": "Rollouts done",
    "outreach_on_time_share": "Outreach on time",
    "nominations_given": "Nominations given",
    "nominations_given_per_head": "Given per head",
    "nominations_received": "Nominations received",
    "nominations_received_per_head": "Received per head",
    "awards": "Awards",
    "praise": "Praise",
    "praise_per_10": "Praise per 10 people",
    "customer_engagement": "Customer engagement (1–5)",
    "praise_nps": "NPS from praise (praise-biased)",
    "engaged_share": "TEEI share engaged",
    "climate_index": "Climate index",
}
SHARES = {"rollouts_done_share", "outreach_on_time_share"}


def sees_all(person) -> bool:
    return person.has_role(HR, ADMIN)


def scope_team_ids(person, parents: dict) -> set[int] | None:
    """None: every team (HR, admin); a manager: the teams they manage and below."""
    if sees_all(person):
        return None
    return managed_team_ids(person, parents)


def may_see_team(person, team_id: int, parents: dict | None = None) -> bool:
    scope = scope_team_ids(person, parents if parents is not None else team_parents())
    return scope is None or team_id in scope


@dataclass(frozen=True)
class ScorecardQuery:
    period: Period
    team_id: int | None


def parse_scorecard_args(args: Mapping[str, str]) -> ScorecardQuery:
    """`period` (default: this quarter) and an optional `team_id`; the page and API share it."""
    problems = Problems()
    raw = (args.get("period") or "").strip()
    period = period_of(clock.today(), "quarter")
    if raw:
        try:
            period = parse_period(raw)
        except ValidationFailed as error:
            problems.add("period", error.fields["period"][0])
    team_raw = (args.get("team_id") or "").strip()
    team_id = whole_number(team_raw) if team_raw else None
    if team_raw and team_id is None:
        problems.add("team_id", "Must be a whole number.")
    problems.raise_if_any("Some filters need your attention.")
    return ScorecardQuery(period, team_id)


def _ratio(part, whole, scale=1, places=4):
    return round(part * scale / whole, places) if whole else None


def _metric(value, previous) -> dict:
    change = None
    if value is not None and previous is not None:
        change = round(value - previous, 4)
    return {"value": value, "previous": previous, "change": change}


class Figures:
    """Every figure family of one period for the asked teams, as `read_figures` found them."""

    def __init__(self, heads: dict, hours, rollouts, outreach, nominations, praise):
        self.heads = heads
        self.hours = hours
        self.rollouts = rollouts
        self.outreach = outreach
        self.nominations = nominations
        self.praise = praise

    def internal(self, team: int) -> dict:
        heads = self.heads.get(team, 0)
        hours = round(self.hours.get(team, 0.0), 2)
        done, total = self.rollouts.get(team, (0, 0))
        on_time, due = self.outreach.get(team, (0, 0))
        noms = self.nominations.get(team, {"given": 0, "received": 0, "awards": 0})
        return {
            "ambassador_hours": hours,
            "ambassador_hours_per_head": _ratio(hours, heads, places=2),
            "rollouts_done_share": _ratio(done, total),
            "outreach_on_time_share": _ratio(on_time, due),
            "nominations_given": noms["given"],
            "nominations_given_per_head": _ratio(noms["given"], heads),
            "nominations_received": noms["received"],
            "nominations_received_per_head": _ratio(noms["received"], heads),
            "awards": noms["awards"],
        }

    def external(self, team: int) -> dict:
        heads = self.heads.get(team, 0)
        p = self.praise.get(team)
        if p is None:
            return {"praise": 0, "praise_per_10": _ratio(0, heads, 10, 2)} | dict.fromkeys(
                ("customer_engagement", "praise_nps")
            )
        return {
            "praise": p["count"],
            "praise_per_10": _ratio(p["count"], heads, 10, 2),
            "customer_engagement": _ratio(p["engagement_sum"], p["engagement_n"], places=2),
            "praise_nps": (
                round(100 * (p["promoters"] - p["detractors"]) / p["rated"]) if p["rated"] else None
            ),
        }


def read_figures(tree: figures.Tree, periods: list[Period], heads: dict) -> list[Figures]:
    """Each period's Figures, every source read once for all the periods together."""
    families = (
        figures.approved_hours(tree, periods),
        figures.rollouts(tree, periods),
        figures.outreach(tree, periods, clock.today()),
        figures.nominations(tree, periods),
        figures.praise(tree, periods),
    )
    return [Figures(heads, *(family[i] for family in families)) for i in range(len(periods))]


def subtree_sets(parents: dict, team_ids) -> dict[int, set[int]]:
    """Each team of `team_ids` with itself and every team below it (the tree walked once)."""
    children: dict = {}
    for team_id, parent_id in parents.items():
        children.setdefault(parent_id, []).append(team_id)
    below: dict[int, set[int]] = {}
    order, stack = [], [t for t in parents if parents[t] not in parents]
    while stack:
        team_id = stack.pop()
        order.append(team_id)
        stack.extend(children.get(team_id, ()))
    for team_id in reversed(order):
        below[team_id] = {team_id}.union(*(below[c] for c in children.get(team_id, ())))
    return {team_id: below.get(team_id, {team_id}) for team_id in team_ids}


def survey_cells(now: dict, before: dict) -> dict:
    """Each imported survey metric of a team: value and responses, previous and change."""
    cells = {}
    for metric in sorted(now.keys() | before.keys()):
        value, n = now.get(metric, (None, None))
        previous, _ = before.get(metric, (None, None))
        cells[metric] = {**_metric(value, previous), "n": n}
    return cells


def survey_metrics(data: dict) -> list[str]:
    """The survey metrics any row of a scorecard holds, for its columns."""
    return sorted({m for row in data["teams"] for m in row["external"]["survey"]})


def engagement_words(value: float | None) -> str | None:
    """The words of the engagement level nearest to an average (1–5); halves round up."""
    if value is None:
        return None
    return ENGAGEMENT_LEVELS[min(5, max(1, int(value + 0.5)))][0]


def teams_in_scope(viewer, parents: dict, team_id: int | None) -> list[Team]:
    """Active teams the viewer may see (below `team_id` when given), in tree order."""
    scope = scope_team_ids(viewer, parents)
    if team_id is not None:
        below = descendants(parents, [team_id])
        scope = below if scope is None else scope & below
    teams = list(db.session.scalars(select(Team).where(Team.active)))
    teams = [t for t in teams if scope is None or t.id in scope]
    return tree_order(teams)


def tree_order(teams: list[Team]) -> list[Team]:
    """Parents before their children, siblings by name; each team gets a `depth`."""
    ids = {t.id for t in teams}
    children: dict = {}
    for t in teams:
        children.setdefault(t.parent_id if t.parent_id in ids else None, []).append(t)
    ordered, stack = [], [(t, 0) for t in sorted(children.get(None, []), key=_name, reverse=True)]
    while stack:
        team, depth = stack.pop()
        team.depth = depth
        ordered.append(team)
        below = sorted(children.get(team.id, []), key=_name, reverse=True)
        stack.extend((child, depth + 1) for child in below)
    return ordered


def _name(team: Team) -> str:
    return team.name.lower()


def scorecard(viewer, query: ScorecardQuery) -> dict:
    """The scorecard of a period for the viewer's teams (API.md "Insight" shape)."""
    parents = team_parents()
    teams = teams_in_scope(viewer, parents, query.team_id)
    ids = [t.id for t in teams]
    period = query.period
    tree = figures.Tree(parents, ids)
    heads = figures.people(tree) if ids else {}
    before, now = read_figures(tree, [period.previous(), period], heads) if ids else (None, None)
    employee = employee_columns(Rounds(parents), ids, period) if ids else {}
    subtrees = subtree_sets(parents, ids)
    surveys_now = subtree_metrics(subtrees, period)
    surveys_before = subtree_metrics(subtrees, period.previous())
    rows = []
    for team in teams:
        internal_now, internal_before = now.internal(team.id), before.internal(team.id)
        external_now, external_before = now.external(team.id), before.external(team.id)
        external = {k: _metric(external_now[k], external_before[k]) for k in EXTERNAL}
        external["customer_engagement"]["words"] = engagement_words(
            external_now["customer_engagement"]
        )
        external["survey"] = survey_cells(surveys_now[team.id], surveys_before[team.id])
        rows.append(
            {
                "team_id": team.id,
                "name": team.name,
                "parent_id": team.parent_id,
                "depth": team.depth,
                "people": heads.get(team.id, 0),
                "internal": {k: _metric(internal_now[k], internal_before[k]) for k in INTERNAL},
                "external": external,
                "employee": employee[team.id],
            }
        )
    return {
        "period": {
            "key": period.key,
            "name": period.name,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "previous": period.previous().key,
        },
        "teams": rows,
    }
