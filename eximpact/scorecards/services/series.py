"""A team's figures over time: one entry per month, quarter or year of a range.

Every source is read once for all the periods (the scorecard's grouped queries with a
column per period); only outreach asks once per period (at most MAX_PERIODS).
"""

from collections.abc import Mapping
from dataclasses import dataclass

from eximpact import clock
from eximpact.periods import GRAINS, QUARTER, Period, parse_period, period_of, periods_between
from eximpact.pulse.services.scope import team_parents
from eximpact.scorecards.services import figures
from eximpact.scorecards.services.employee import COLUMN, Rounds
from eximpact.scorecards.services.scorecard import read_figures, subtree_sets
from eximpact.surveys.services.metric_queries import subtree_metrics
from eximpact.validation import Problems, ValidationFailed

MAX_PERIODS = 36


@dataclass(frozen=True)
class SeriesQuery:
    first: Period
    last: Period
    grain: str


def parse_series_args(args: Mapping[str, str]) -> SeriesQuery:
    """`from`/`to` period keys (default: the last four quarters) and `grain`."""
    problems = Problems()
    grain = args.get("grain") or QUARTER
    if grain not in GRAINS:
        problems.add("grain", f"Use one of: {', '.join(GRAINS)}.")
        grain = QUARTER
    this = period_of(clock.today(), grain)
    found = {"from": this.shifted(-3), "to": this}
    for name in ("from", "to"):
        if raw := (args.get(name) or "").strip():
            try:
                found[name] = parse_period(raw, name)
            except ValidationFailed as error:
                problems.add(name, error.fields[name][0])
    if not problems and found["to"].end < found["from"].start:
        problems.add("to", "The end cannot be before the start.")
    if not problems and len(periods_between(found["from"], found["to"], grain)) > MAX_PERIODS:
        problems.add("to", f"Choose at most {MAX_PERIODS} periods.")
    problems.raise_if_any("Some filters need your attention.")
    return SeriesQuery(found["from"], found["to"], grain)


def team_series(team, query: SeriesQuery) -> dict:
    parents = team_parents()
    tree = figures.Tree(parents, [team.id])
    heads = figures.people(tree)
    rounds = Rounds(parents)
    subtrees = subtree_sets(parents, [team.id])
    periods = periods_between(query.first, query.last, query.grain)
    points = []
    for period, found in zip(periods, read_figures(tree, periods, heads), strict=True):
        surveys = subtree_metrics(subtrees, period)[team.id]
        employee = {
            COLUMN[kind]: rounds.figures(kind, period, [team.id])[team.id] for kind in COLUMN
        }
        points.append(
            {
                "period": period.key,
                "name": period.name,
                "internal": found.internal(team.id),
                "external": found.external(team.id),
                "survey": {m: {"value": v, "n": n} for m, (v, n) in surveys.items()},
                "employee": employee,
            }
        )
    return {"team_id": team.id, "grain": query.grain, "series": points}
