"""`/thanks`: a quick, public thank-you to a colleague under a company value."""

from flask import g
from pydantic import Field

from eximpact.api.declare import operation
from eximpact.api.schema import ApiModel, Id, Moment, OptionalId, text
from eximpact.extensions import db
from eximpact.recognition.services import thanking
from eximpact.recognition.services.thanking import LIMITS


class ThanksIn(ApiModel):
    """Thank a colleague (never yourself) under a company value; no review."""

    recipient_id: Id
    category_id: Id = Field(description="A category marked as a company value")
    message: text(LIMITS["message"], required=True)
    praise_id: OptionalId = Field(None, description="Customer praise of the recipient")


class ThanksOut(ApiModel):
    id: int
    giver_id: int
    recipient_id: int
    category_id: int
    praise_id: int | None
    message: str
    created_at: Moment
    thanks_left_today: int = Field(description="How many more thanks the giver has today")


@operation(
    "POST",
    "/thanks",
    tag="recognition",
    body=ThanksIn,
    response=ThanksOut,
    status=201,
    errors=(429,),
    doc={"description": "Past the daily allowance: 429 `rate_limited` with `Retry-After`."},
)
def give_thanks(body: ThanksIn):
    """Thank a colleague: 201 and on the wall; yourself → 422; past today's allowance → 429."""
    thanks = thanking.give_thanks(
        g.api_user,
        recipient_id=body.recipient_id,
        category_id=body.category_id,
        message=body.message,
        praise_id=body.praise_id,
    )
    db.session.commit()
    return {
        **{name: getattr(thanks, name, None) for name in ThanksOut.model_fields},
        "thanks_left_today": thanking.thanks_left(g.api_user),
    }
