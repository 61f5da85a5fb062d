"""`/scorecards`, `/scorecards.csv`, `/teams/{id}/scorecard` and `/insight/link` (API.md "Insight").

Every figure comes from the scorecard services the pages call; employee figures are the
pulse's disclosed figures (`{"value": null, "status": ...}` when hidden).
"""

from flask import Response, g, request
from pydantic import Field

from eximpact.api.declare import operation
from eximpact.api.schema import ApiModel, QueryId, one_of, query_text
from eximpact.periods import GRAINS
from eximpact.scorecards import permissions  # noqa: F401  (registers the rules)
from eximpact.scorecards.loaders import get_team_scorecard_or_404
from eximpact.scorecards.services import exports, link, series
from eximpact.scorecards.services.scorecard import parse_scorecard_args, scorecard

Number = int | float | None


class Metric(ApiModel):
    value: Number
    previous: Number
    change: Number
    words: str | None = Field(None, description="customer_engagement: the level's words")


class EmployeeFigure(ApiModel):
    value: Number
    status: str = Field(
        description="shown, not_enough_responses, withheld_to_protect_others, no_round"
    )
    round_id: int | None = None


class EmployeeMetric(ApiModel):
    value: EmployeeFigure
    previous: EmployeeFigure
    change: Number


class SurveyFigure(ApiModel):
    """An imported survey metric of the team and its sub-teams, combined by responses."""

    value: Number
    n: int | None = Field(description="Responses behind the value")
    previous: Number = None
    change: Number = None


class External(ApiModel):
    praise: Metric
    praise_per_10: Metric
    customer_engagement: Metric
    praise_nps: Metric = Field(description="From praise: praise-biased")
    survey: dict[str, SurveyFigure]


class TeamScorecard(ApiModel):
    team_id: int
    name: str
    parent_id: int | None
    people: int
    internal: dict[str, Metric]
    external: External
    employee: dict[str, EmployeeMetric]


class PeriodOut(ApiModel):
    key: str
    start: str
    end: str


class Scorecard(ApiModel):
    period: PeriodOut
    teams: list[TeamScorecard]


class ScorecardQuery(ApiModel):
    period: query_text(20) = Field(
        None, description="2026, 2026-Q3 or 2026-09 (default: this quarter)"
    )
    team_id: QueryId = Field(None, description="This team and the teams below it")


class SeriesQuery(ApiModel):
    from_: query_text(20) = Field(None, alias="from", description="First period key")
    to: query_text(20) = Field(None, description="Last period key")
    grain: one_of(GRAINS) = "quarter"


class SeriesPoint(ApiModel):
    period: str
    internal: dict[str, Number]
    external: dict[str, Number]
    survey: dict[str, SurveyFigure]
    employee: dict[str, EmployeeFigure]


class Series(ApiModel):
    team_id: int
    grain: str
    series: list[SeriesPoint]


class LinkQuery(ApiModel):
    x: one_of(link.X_METRICS) = "engaged_share"
    y: query_text(40) = Field(
        "customer_engagement",
        description="customer_engagement, praise_nps or an imported survey metric (nps, csat …)",
    )
    period: query_text(20) = None
    lag: one_of(("0", "1")) = "0"


class LinkPoint(ApiModel):
    team_id: int
    name: str
    x: float
    y: float
    quadrant: str


class Spearman(ApiModel):
    rho: float
    ci_low: float
    ci_high: float


class Link(ApiModel):
    x: str
    y: str
    period: str
    y_period: str
    lag: int
    points: list[LinkPoint]
    n_teams: int
    spearman: Spearman | None
    message: str


_READ = {"tag": "insight", "permission": "scorecards.view", "errors": (422,)}


@operation("GET", "/scorecards", **_READ, query=ScorecardQuery, response=Scorecard)
def scorecards(query: ScorecardQuery):
    """A row per team in your scope for a period, each metric with the previous and the change."""
    return scorecard(g.api_user, parse_scorecard_args(request.args))


@operation(
    "GET",
    "/scorecards.csv",
    **_READ,
    query=ScorecardQuery,
    response=str,
    content_type="text/csv",
)
def scorecards_csv(query: ScorecardQuery):
    """The same scorecard as CSV, under the same disclosure rule."""
    data = scorecard(g.api_user, parse_scorecard_args(request.args))
    return Response(
        exports.csv_text(data),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f"attachment; filename=scorecard-{data['period']['key']}.csv"
        },
    )


@operation(
    "GET",
    "/teams/<int:team_id>/scorecard",
    **_READ,
    load=get_team_scorecard_or_404,
    query=SeriesQuery,
    response=Series,
)
def team_scorecard(team, query: SeriesQuery):
    """One team's figures per month, quarter or year from `from` to `to`."""
    return series.team_series(team, series.parse_series_args(request.args))


@operation("GET", "/insight/link", **_READ, query=LinkQuery, response=Link)
def insight_link(query: LinkQuery):
    """Share engaged against a customer metric per team, with Spearman's ρ (or too few teams)."""
    return link.ex_cx_link(g.api_user, link.parse_link_args(request.args))
