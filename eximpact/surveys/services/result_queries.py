"""The survey results list (page and API): one filter parser, one scoped query."""

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from eximpact.extensions import db
from eximpact.org.models import Team
from eximpact.periods import Period, parse_period
from eximpact.pulse.services.scope import managed_team_ids
from eximpact.surveys.models import ExternalMetric
from eximpact.surveys.permissions import sees_all, visible_clause
from eximpact.surveys.services.results import METRIC_HINT, METRIC_PATTERN
from eximpact.validation import Problems, ValidationFailed, whole_number


@dataclass(frozen=True)
class ResultsFilter:
    team_id: int | None = None
    metric: str | None = None
    period: Period | None = None


def parse_results_filter(args) -> ResultsFilter:
    """`team_id`, `metric` and `period` from a query string; ValidationFailed naming each fault."""
    problems = Problems()
    team_id = None
    if raw := (args.get("team_id") or "").strip():
        team_id = whole_number(raw)
        if team_id is None or team_id < 1:
            problems.add("team_id", "Choose a team from the list.")
    metric = (args.get("metric") or "").strip().lower() or None
    if metric is not None and not re.fullmatch(METRIC_PATTERN, metric):
        problems.add("metric", METRIC_HINT)
    period = None
    if raw := (args.get("period") or "").strip():
        try:
            period = parse_period(raw)
        except ValidationFailed as error:
            problems.add("period", error.message)
    problems.raise_if_any()
    return ResultsFilter(team_id, metric, period)


def results_query(viewer, filters: ResultsFilter):
    """The results `viewer` may read that match, newest period first, teams loaded alongside."""
    query = (
        select(ExternalMetric)
        .options(joinedload(ExternalMetric.team))
        .where(visible_clause(viewer))
        .order_by(
            ExternalMetric.period_start.desc(),
            ExternalMetric.team_id,
            ExternalMetric.metric,
            ExternalMetric.id,
        )
    )
    if filters.team_id is not None:
        query = query.where(ExternalMetric.team_id == filters.team_id)
    if filters.metric is not None:
        query = query.where(ExternalMetric.metric == filters.metric)
    if filters.period is not None:
        query = query.where(ExternalMetric.period_key == filters.period.key)
    return query


def team_choices(viewer) -> list[tuple[int, str]]:
    """The active teams whose results `viewer` may read, by name, for the filter."""
    query = select(Team.id, Team.name).where(Team.active).order_by(func.lower(Team.name))
    if not sees_all(viewer):
        query = query.where(Team.id.in_(sorted(managed_team_ids(viewer))))
    return [(team_id, name) for team_id, name in db.session.execute(query)]
