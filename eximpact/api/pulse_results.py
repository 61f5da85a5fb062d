"""`/pulse` results: the disclosed figures of a closed round, as JSON and CSV, and its comments.

Every figure comes from `round_results`, the one disclosure path the page and the CSV
also take; these models only say its shape (API.md "Insight": `{"value", "status"}`).
"""

from datetime import date

from flask import Response, g
from pydantic import Field

from eximpact.api.declare import operation
from eximpact.api.pulse import PulseRoundOut
from eximpact.api.schema import ApiModel, one_of
from eximpact.extensions import db
from eximpact.pulse.disclosure import NOT_ENOUGH, SHOWN, WITHHELD
from eximpact.pulse.exports import results_csv
from eximpact.pulse.items import BANDS
from eximpact.pulse.loaders import get_round_results_or_404
from eximpact.pulse.models import PulseRound
from eximpact.pulse.services import results

# -- models ------------------------------------------------------------------------------

_STATUS = one_of((SHOWN, NOT_ENOUGH, WITHHELD))


class DisclosedFigure(ApiModel):
    """A figure under the disclosure rule: `value` is null unless `status` is shown."""

    value: int | float | None
    status: _STATUS


class PulseChange(ApiModel):
    """The headline's change since the previous round, with the clear-change test."""

    value: int | float | None
    status: one_of((SHOWN, NOT_ENOUGH, WITHHELD, "no_comparison"))
    previous: int | float | None = None
    previous_round_id: int | None = None
    direction: one_of(("up", "down"), nullable=True) = None
    clear: bool | None = None


class PulseEnps(DisclosedFigure):
    promoters: int = None
    passives: int = None
    detractors: int = None
    n: int = None


class PulseBands(ApiModel):
    highly: DisclosedFigure
    moderately: DisclosedFigure
    slightly: DisclosedFigure
    disengaged: DisclosedFigure


assert tuple(PulseBands.model_fields) == BANDS


class PulseActivity(ApiModel):
    pillar: str | None
    initiatives: int


class PulseFacts(ApiModel):
    people: int
    recognition: int
    recognition_per_head: float | None
    awards: int
    outreach_due: int
    outreach_on_time_share: float | None
    from_: date = Field(alias="from")
    to: date


class PulseContext(ApiModel):
    """What the app knows beside a shown team: pillar activity, or recognition facts."""

    activity: dict[str, PulseActivity] = None
    facts: PulseFacts = None


class PulseTeamResult(ApiModel):
    """One team (or the organisation, `team_id` null); every number a disclosed figure."""

    team_id: int | None
    name: str
    parent_id: int | None
    status: _STATUS
    invited: int
    responses: DisclosedFigure
    participation: DisclosedFigure
    items: dict[str, DisclosedFigure]
    change: PulseChange
    engaged_share: DisclosedFigure = Field(None, description="Engagement rounds")
    mean: DisclosedFigure = Field(None, description="Engagement rounds")
    bands: PulseBands = Field(None, description="Engagement rounds")
    enps: PulseEnps | None = Field(None, description="Engagement rounds that ask it")
    climate_index: DisclosedFigure = Field(None, description="Climate rounds")
    context: PulseContext = None


class PulseResults(ApiModel):
    round: PulseRoundOut
    min_group: int
    comment_min_group: int
    previous_round: PulseRoundOut | None
    organisation: PulseTeamResult
    teams: list[PulseTeamResult]
    hidden: list[_STATUS]


class PulseComment(ApiModel):
    team_id: int | None
    text: str


class PulseComments(ApiModel):
    items: list[PulseComment]
    min_group: int


_RESULTS = {"tag": "pulse", "load": get_round_results_or_404, "errors": (403, 409)}


@operation("GET", "/pulse/rounds/<int:round_id>/results", **_RESULTS, response=PulseResults)
def round_results(round_: PulseRound):
    """The disclosed results of a closed round (before closing → 409); viewing is audited."""
    data = results.round_results(round_, g.api_user, output="api")
    db.session.commit()
    return data


@operation(
    "GET",
    "/pulse/rounds/<int:round_id>/results.csv",
    **_RESULTS,
    response=str,
    content_type="text/csv",
)
def round_results_csv(round_: PulseRound):
    """The same results as CSV, under the same disclosure rule."""
    data = results.round_results(round_, g.api_user, output="csv")
    db.session.commit()
    return Response(
        results_csv(data),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="pulse-round-{round_.id}.csv"'},
    )


@operation("GET", "/pulse/rounds/<int:round_id>/comments", **_RESULTS, response=PulseComments)
def round_comments(round_: PulseRound):
    """Comments of groups with at least max(k, 10) respondents, shuffled."""
    data = results.round_comments(round_, g.api_user)
    db.session.commit()
    return {"items": data["items"], "min_group": data["min_group"]}
