"""Reading survey results for the scorecard, the team card and the EX–CX link.

One figure per team, metric and period, however the results came in:

- a result counts for a period when its own period lies inside it (the quarter
  2026-Q3 counts for 2026-Q3 and for 2026; the month 2026-08 for 2026-08, 2026-Q3 and 2026);
- per source, only the longest periods it reported inside the asked one count, so a
  source that sent both a quarter and its three months is not counted twice (the
  quarter wins); a source that sent only months has them combined;
- sources (and periods) are combined as the mean weighted by their responses `n`:
  value = Σ(valueᵢ·nᵢ) / Σnᵢ, and n = Σnᵢ. Two tools asking the same customers are
  rare; two tools asking different customers of one team are the usual case, and
  their answers then count in proportion.

Values come back as floats rounded to 2 decimals, n as ints. Each function is one query.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from eximpact.extensions import db
from eximpact.periods import MONTHS_IN, Period
from eximpact.surveys.models import ExternalMetric

Figure = tuple[float, int]  # (value, n)


def _results(first_day: date, last_day: date, metric: str | None = None):
    """(team_id, metric, source, period_start, grain, value, n) of the results starting
    between the two days, as a select to narrow further."""
    query = select(
        ExternalMetric.team_id,
        ExternalMetric.metric,
        ExternalMetric.source,
        ExternalMetric.period_start,
        ExternalMetric.grain,
        ExternalMetric.value,
        ExternalMetric.n,
    ).where(ExternalMetric.period_start.between(first_day, last_day))
    return query if metric is None else query.where(ExternalMetric.metric == metric)


def _rows(team_ids: Iterable[int], first: Period, last: Period, metric: str | None = None):
    """Every result of the teams that lies inside first.start … last.end: one query."""
    ids = sorted(set(team_ids))
    if not ids:
        return []
    query = _results(first.start, last.end, metric).where(ExternalMetric.team_id.in_(ids))
    return db.session.execute(query).all()


def _inside(period: Period, start, grain: str) -> bool:
    """A result of `grain` starting on `start` lies wholly inside `period`."""
    return MONTHS_IN[grain] <= MONTHS_IN[period.grain] and period.contains(start)


def _combine(rows) -> Figure:
    """The n-weighted mean of (source, grain, value, n) rows, each source at its longest grain."""
    longest: dict[str, int] = {}
    for source, grain, _value, _n in rows:
        longest[source] = max(longest.get(source, 0), MONTHS_IN[grain])
    total = Decimal(0)
    responses = 0
    for source, grain, value, n in rows:
        if MONTHS_IN[grain] == longest[source]:
            total += Decimal(value) * n
            responses += n
    return round(float(total / responses), 2), responses


def _figures(rows, period: Period) -> dict[int, dict[str, Figure]]:
    grouped: dict[tuple[int, str], list] = defaultdict(list)
    for team_id, metric, source, start, grain, value, n in rows:
        if _inside(period, start, grain):
            grouped[(team_id, metric)].append((source, grain, value, n))
    out: dict[int, dict[str, Figure]] = defaultdict(dict)
    for (team_id, metric), items in sorted(grouped.items()):
        out[team_id][metric] = _combine(items)
    return dict(out)


def metrics_for(team_ids: Iterable[int], period: Period) -> dict[int, dict[str, Figure]]:
    """{team_id: {metric: (value, n)}} for one period; teams without results are absent."""
    return _figures(_rows(team_ids, period, period), period)


def metrics_series(
    team_ids: Iterable[int], periods: list[Period], metric: str
) -> dict[int, dict[str, Figure]]:
    """{team_id: {period_key: (value, n)}} of one metric over several periods (one query)."""
    if not periods:
        return {}
    rows = _rows(team_ids, min(periods), max(periods), metric)
    out: dict[int, dict[str, Figure]] = defaultdict(dict)
    for period in periods:
        for team_id, figures in _figures(rows, period).items():
            out[team_id][period.key] = figures[metric]
    return dict(out)


def metric_names() -> list[str]:
    """Every metric with at least one stored result, in alphabetical order."""
    return list(
        db.session.scalars(select(ExternalMetric.metric).distinct().order_by(ExternalMetric.metric))
    )


def latest_overall(metric: str, first_day: date, last_day: date) -> tuple[Period, Figure] | None:
    """The organisation's figure of `metric` for the latest period that starts on or after
    `first_day` and has ended by `last_day`: every team's results for it combined by
    responses, as above (each team's source at its longest grain). None without results."""
    rows = [
        row
        for row in db.session.execute(_results(first_day, last_day, metric))
        if Period(row.period_start, row.grain).end <= last_day
    ]
    if not rows:
        return None
    latest = max(
        (Period(row.period_start, row.grain) for row in rows),
        key=lambda period: (period.end, MONTHS_IN[period.grain]),
    )
    inside = [
        (f"{team_id}:{source}", grain, value, n)
        for team_id, _metric, source, start, grain, value, n in rows
        if _inside(latest, start, grain)
    ]
    return latest, _combine(inside)


def subtree_metrics(subtrees: dict[int, set[int]], period: Period) -> dict[int, dict[str, Figure]]:
    """{team_id: {metric: (value, n)}} for one period, each team's results combined with
    those of the teams below it (`subtrees`: a team → itself and every team below), by
    responses as above, each team's source at its longest grain. One query."""
    every = set().union(*subtrees.values()) if subtrees else set()
    by_team: dict[int, list] = defaultdict(list)
    for team_id, metric, source, start, grain, value, n in _rows(every, period, period):
        if _inside(period, start, grain):
            by_team[team_id].append((metric, f"{team_id}:{source}", grain, value, n))
    out: dict[int, dict[str, Figure]] = {}
    for team, below in subtrees.items():
        grouped: dict[str, list] = defaultdict(list)
        for member in below:
            for metric, source, grain, value, n in by_team.get(member, ()):
                grouped[metric].append((source, grain, value, n))
        out[team] = {metric: _combine(items) for metric, items in sorted(grouped.items())}
    return out
