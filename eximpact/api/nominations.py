"""`/nominations`: nominate a peer, list what you may see, and review (approve, decline, award)."""

from flask import g
from pydantic import Field

from eximpact.api.declare import operation, page_of
from eximpact.api.schema import (
    ApiModel,
    Id,
    IdList,
    Moment,
    Money,
    OptionalId,
    QueryFlag,
    QueryId,
    decimal,
    one_of,
    text,
)
from eximpact.extensions import db
from eximpact.recognition.loaders import get_nomination_or_404
from eximpact.recognition.models import APPROVED, STATUSES, SUBMITTED, Nomination
from eximpact.recognition.permissions import reviewable_clause, reviewable_ids
from eximpact.recognition.services import nominating, nomination_queries
from eximpact.recognition.services.cycles import MONEY_MAX
from eximpact.recognition.services.nominating import LIMITS


class NominationIn(ApiModel):
    """Nominate a colleague (never yourself)."""

    nominee_id: Id
    category_id: Id
    reason: text(LIMITS["reason"]) = Field(
        None, description="At least 20 characters: what they did, and what it meant"
    )
    praise_ids: IdList = Field(None, description="Customer praise attached as evidence")
    cycle_id: OptionalId = Field(None, description="Default: the cycle open today")


class Decline(ApiModel):
    reason: text(LIMITS["decline_reason"], required=True)


class Award(ApiModel):
    reward: text(LIMITS["reward"]) = Field(None, description="Default: the category's reward")
    reward_value: decimal(2, below=int(MONEY_MAX) + 1) = Field(
        None, description="Default: the category's value; counts against the cycle's budget"
    )


class Ref(ApiModel):
    id: int
    name: str


class Nominee(Ref):
    team_id: int | None


class FairPlayFlag(ApiModel):
    code: one_of(("reciprocal", "repeat_customer"))
    message: str


class NominationOut(ApiModel):
    id: int
    cycle_id: int | None
    category_id: int
    category: Ref
    nominator_id: int
    nominator: Ref
    nominee_id: int
    nominee: Nominee
    reason: str
    status: one_of(STATUSES)
    praise_ids: list[int]
    reviewed_by_id: int | None
    reviewed_at: Moment
    decline_reason: str | None
    awarded_by_id: int | None
    awarded_at: Moment
    reward: str | None
    reward_value: Money
    created_at: Moment
    flags: list[FairPlayFlag] = Field(
        None, description="Fair-play flags; only for callers who may review the nomination"
    )


class NominationFilters(ApiModel):
    status: one_of(STATUSES) = None
    nominee_id: QueryId = None
    nominator_id: QueryId = None
    cycle_id: QueryId = None
    reviewable: QueryFlag = Field(None, description="Only those waiting for your review")


def _page_json(items: list[Nomination]) -> list[dict]:
    """The page, with flags for the ones the caller reviews (two queries in all)."""
    mine = reviewable_ids(g.api_user, [n.id for n in items])
    flags = nomination_queries.nomination_flags([n for n in items if n.id in mine])
    rows = []
    for n in items:
        row = {name: getattr(n, name, None) for name in NominationOut.model_fields}
        row.pop("flags")
        if n.id in flags:
            row["flags"] = flags[n.id]
        rows.append(row)
    return rows


def _one_json(nomination_id: int) -> dict:
    return _page_json([nomination_queries.get_nomination(nomination_id)])[0]


def load_reviewable(nomination_id: int, for_person) -> Nomination:
    """The nomination (404 when there is none), if the caller may review it (403 otherwise)."""
    return get_nomination_or_404(nomination_id, for_person, to_review=True)


@operation(
    "POST",
    "/nominations",
    tag="recognition",
    body=NominationIn,
    response=NominationOut,
    status=201,
    errors=(403, 409),
)
def create_nomination(body: NominationIn):
    """Nominate a colleague (never yourself): 201, or 422 naming what is wrong."""
    nomination = nominating.nominate(
        g.api_user,
        nominee_id=body.nominee_id,
        category_id=body.category_id,
        reason=body.reason or "",
        praise_ids=body.praise_ids or [],
        cycle_id=body.cycle_id,
    )
    db.session.commit()
    return _one_json(nomination.id)


@operation(
    "GET",
    "/nominations",
    tag="recognition",
    query=NominationFilters,
    response=NominationOut,
    listing=True,
)
def list_nominations(query: NominationFilters):
    """Nominations you may see: approved and awarded ones, yours, and those you review."""
    select_ = nomination_queries.nominations_query(
        g.api_user,
        status=query.status,
        nominee_id=query.nominee_id,
        nominator_id=query.nominator_id,
        cycle_id=query.cycle_id,
        extra=reviewable_clause(g.api_user) if query.reviewable else None,
    )
    if query.reviewable:
        select_ = select_.where(Nomination.status.in_((SUBMITTED, APPROVED)))
    return page_of(select_, _page_json)


@operation(
    "GET",
    "/nominations/<int:nomination_id>",
    tag="recognition",
    load=get_nomination_or_404,
    response=NominationOut,
    errors=(403,),
)
def show_nomination(nomination: Nomination):
    """One nomination you may see."""
    return _page_json([nomination])[0]


_REVIEW = {
    "tag": "recognition",
    "load": load_reviewable,
    "response": NominationOut,
    "errors": (403, 409),
}


@operation("POST", "/nominations/<int:nomination_id>/approve", **_REVIEW)
def approve_nomination(nomination: Nomination):
    """Approve: it goes on the wall (the nominee's manager or HR; never nominator or nominee)."""
    nominating.approve(g.api_user, nomination)
    db.session.commit()
    return _one_json(nomination.id)


@operation("POST", "/nominations/<int:nomination_id>/decline", **_REVIEW, body=Decline)
def decline_nomination(nomination: Nomination, body: Decline):
    """Decline with a reason the nominator sees."""
    nominating.decline(g.api_user, nomination, body.reason)
    db.session.commit()
    return _one_json(nomination.id)


@operation(
    "POST", "/nominations/<int:nomination_id>/award", **_REVIEW, body=Award, body_required=False
)
def award_nomination(nomination: Nomination, body: Award):
    """Award an approved nomination, within the cycle's budget."""
    nominating.award(
        g.api_user,
        nomination,
        reward=body.reward or None,
        reward_value=body.reward_value,
    )
    db.session.commit()
    return _one_json(nomination.id)
