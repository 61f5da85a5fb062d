"""`/pulse`: rounds, the caller's invitations, anonymous answers, disclosed results.

Thin: parse → service → serialise. Every figure comes from `round_results`, the
same structure the page and the CSV render; the models below only say its shape.
"""

from datetime import date

from flask import g
from pydantic import Field, create_model
from sqlalchemy import false, select

from eximpact.access import can
from eximpact.api.declare import operation, page_of, parse
from eximpact.api.schema import (
    ApiModel,
    ClosedObject,
    Day,
    Flag,
    IdList,
    one_of,
    partial,
    text,
    whole,
)
from eximpact.extensions import db
from eximpact.pulse import (
    loaders,
    permissions,  # noqa: F401  (registers the pulse rules)
)
from eximpact.pulse.items import (
    CLIMATE_ITEMS,
    COMMENT_MAX,
    ENGAGEMENT_ITEMS,
    ENPS_ITEM,
    KINDS,
    items_for,
)
from eximpact.pulse.models import MIN_GROUP_DEFAULT, MIN_GROUP_FLOOR, STATUSES, PulseRound
from eximpact.pulse.services import answers, rounds
from eximpact.pulse.services.results import round_json
from eximpact.pulse.services.rounds import LIMITS

# -- rounds ------------------------------------------------------------------------------


class PulseRoundIn(ApiModel):
    """A draft round; `team_ids` empty means everyone (sub-teams are always included)."""

    kind: one_of(KINDS)
    title: text(LIMITS["title"], required=True)
    opens_on: Day
    closes_on: Day
    team_ids: IdList = Field(None, description="Empty: everyone; sub-teams included")
    min_group: whole(MIN_GROUP_FLOOR, LIMITS["min_group"]) = Field(
        MIN_GROUP_DEFAULT, description="k: fewer responses than this are never shown"
    )
    enps: Flag = False
    comments: Flag = False

    def as_input(self) -> rounds.RoundInput:
        return rounds.RoundInput(
            kind=self.kind,
            title=self.title,
            opens_on=self.opens_on,
            closes_on=self.closes_on,
            team_ids=self.team_ids or [],
            min_group=self.min_group,
            enps=self.enps,
            comments=self.comments,
        )


PulseRoundPatch = partial(PulseRoundIn)


class PulseRoundOut(ApiModel):
    id: int
    kind: one_of(KINDS)
    title: str
    opens_on: date
    closes_on: date
    status: one_of(STATUSES)
    min_group: int
    enps: bool
    comments: bool
    team_ids: list[int]


class PulseInvitationOut(ApiModel):
    round_id: int
    kind: one_of(KINDS)
    title: str
    closes_on: date
    responded: bool


class PulseInvitations(ApiModel):
    items: list[PulseInvitationOut]


# -- answers -----------------------------------------------------------------------------

# Every item of every kind, each on its own scale; which ones a round asks is the service's
# rule (an engagement round without eNPS refuses `enps` with 422, naming the field).
_ALL_ITEMS = (*ENGAGEMENT_ITEMS, ENPS_ITEM, *CLIMATE_ITEMS)


PulseAnswers = create_model(
    "PulseAnswers",
    __base__=ClosedObject,
    __doc__="Item keys and answers; GET /api/v1/pulse/items lists each kind's keys and scales.",
    **{
        item.key: (whole(item.minimum, item.maximum), Field(None, description=item.text))
        for item in _ALL_ITEMS
    },
)


class PulseAnswerIn(ApiModel):
    """Engagement: mission, feedback, tools 1–7 (and enps 0–10 where asked); climate: 1–5."""

    answers: PulseAnswers
    comment: text(COMMENT_MAX) = Field(None, description="Only where the round asks for one")


class PulseReceived(ApiModel):
    received: bool = Field(description="Nothing that links back to the answer")


# -- items ------------------------------------------------------------------------------


class PulseItem(ApiModel):
    kind: one_of(KINDS)
    key: str
    text: str
    low: str
    high: str
    min: int
    max: int
    pillar: str | None
    optional: bool = None


class PulseItemFilter(ApiModel):
    kind: one_of(KINDS) = Field(None, description="Default: every kind")


class PulseItems(ApiModel):
    items: list[PulseItem]


# -- loaders -----------------------------------------------------------------------------


# -- operations --------------------------------------------------------------------------

_HR = {"tag": "pulse", "permission": "pulse.manage", "response": PulseRoundOut}
_STATE = {**_HR, "load": loaders.get_round_or_404, "errors": (409,)}


@operation("GET", "/pulse/rounds", tag="pulse", response=PulseRoundOut, listing=True)
def list_rounds():
    """Rounds: HR every one; a manager those reaching their teams; anyone else none."""
    if not can(g.api_user, "pulse.results"):
        return page_of(select(PulseRound).where(false()), lambda items: [])
    return page_of(rounds.rounds_query(g.api_user), lambda items: [round_json(r) for r in items])


@operation("POST", "/pulse/rounds", **_HR, body=PulseRoundIn, status=201)
def create_round(body: PulseRoundIn):
    """Create a draft round (HR)."""
    round_ = rounds.create_round(g.api_user, body.as_input())
    db.session.commit()
    return round_json(round_)


@operation(
    "GET",
    "/pulse/rounds/<int:round_id>",
    tag="pulse",
    load=loaders.get_round_or_404,
    response=PulseRoundOut,
    errors=(403,),
)
def show_round(round_: PulseRound):
    """One round (HR; a manager whose teams it reaches)."""
    return round_json(round_)


@operation(
    "PATCH",
    "/pulse/rounds/<int:round_id>",
    **_HR,
    load=loaders.get_round_or_404,
    body=PulseRoundPatch,
    errors=(409,),
)
def update_round(round_: PulseRound, body):
    """A draft changes freely; an open or closed round only raises its minimum group (409)."""
    merged = {**round_json(round_), **body.model_dump(exclude_unset=True)}
    rounds.update_round(g.api_user, round_, parse(PulseRoundIn, merged).as_input())
    db.session.commit()
    return round_json(round_)


@operation(
    "POST", "/pulse/rounds/<int:round_id>/open", **_HR, load=loaders.get_round_or_404, errors=(409,)
)
def open_round(round_: PulseRound):
    """Open a draft: an invitation per person of the audience, and the e-mails queued."""
    rounds.open_round(g.api_user, round_)
    db.session.commit()
    return round_json(round_)


@operation(
    "POST",
    "/pulse/rounds/<int:round_id>/close",
    **_HR,
    load=loaders.get_round_or_404,
    errors=(409,),
)
def close_round(round_: PulseRound):
    """Close an open round: its results can then be read."""
    rounds.close_round(g.api_user, round_)
    db.session.commit()
    return round_json(round_)


@operation("GET", "/pulse/invitations", tag="pulse", response=PulseInvitations)
def my_invitations():
    """The caller's invitations to open rounds."""
    return {
        "items": [
            {
                "round_id": inv.round.id,
                "kind": inv.round.kind,
                "title": inv.round.title,
                "closes_on": inv.round.closes_on,
                "responded": inv.responded,
            }
            for inv in answers.invitations_for(g.api_user)
        ]
    }


@operation(
    "POST",
    "/pulse/rounds/<int:round_id>/responses",
    tag="pulse",
    load=loaders.get_round_to_answer_or_404,
    body=PulseAnswerIn,
    response=PulseReceived,
    status=201,
    errors=(403, 409),
)
def respond(round_: PulseRound, body: PulseAnswerIn):
    """One anonymous answer: 201 with nothing that links back; twice → 409; not invited → 403."""
    answers.answer(g.api_user, round_, body.answers.model_dump(exclude_unset=True), body.comment)
    db.session.commit()
    return {"received": True}


def _item_json(kind: str, item, **extra) -> dict:
    return {
        "kind": kind,
        "key": item.key,
        "text": item.text,
        "low": item.low,
        "high": item.high,
        "min": item.minimum,
        "max": item.maximum,
        "pillar": item.pillar,
        **extra,
    }


@operation("GET", "/pulse/items", tag="pulse", query=PulseItemFilter, response=PulseItems)
def list_items(query: PulseItemFilter):
    """The keys and words of each kind's items (engagement adds the optional eNPS)."""
    items = []
    for kind in [query.kind] if query.kind else KINDS:
        items += [_item_json(kind, item) for item in items_for(kind)]
        if kind == "engagement":
            items.append(_item_json(kind, ENPS_ITEM, optional=True))
    return {"items": items}
