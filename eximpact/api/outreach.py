"""`/outreach`: leaders' follow-ups on customer praise, and completing them."""

from datetime import date

from flask import abort, g
from pydantic import Field

from eximpact.access import require
from eximpact.api.declare import operation, page_of
from eximpact.api.schema import ApiModel, Moment, QueryId, one_of, text
from eximpact.clock import today
from eximpact.extensions import db
from eximpact.org.models import HR
from eximpact.praise import permissions  # noqa: F401  (registers the outreach rules)
from eximpact.praise.loaders import get_outreach_or_404
from eximpact.praise.models import OUTREACH_KINDS, SOURCES, Outreach
from eximpact.praise.services.outreach import LIMITS, STATES, complete_outreach, outreach_query


class PraiseSummary(ApiModel):
    id: int
    source: one_of(SOURCES)
    received_at: date
    text: str


class OutreachOut(ApiModel):
    id: int
    praise_id: int
    employee_id: int = Field(description="The praised person")
    employee_name: str
    leader_id: int = Field(description="Who follows up")
    due_on: date
    status: one_of(STATES) = Field(
        description="open (due today or later), overdue (past due) or done"
    )
    kind: one_of(OUTREACH_KINDS, nullable=True)
    note: str | None
    completed_at: Moment
    completed_by_id: int | None
    on_time: bool | None = Field(description="Done by the due date (null while open)")
    praise: PraiseSummary


class OutreachFilters(ApiModel):
    status: one_of(STATES) = None
    leader_id: QueryId = Field(None, description="HR only: one leader's follow-ups")


class Completion(ApiModel):
    kind: one_of(OUTREACH_KINDS)
    note: text(LIMITS["note"]) = None


def outreach_json(item: Outreach) -> dict:
    return {
        **{name: getattr(item, name, None) for name in OutreachOut.model_fields},
        "employee_name": item.employee.name,
        "status": item.state_on(today()),
        "note": item.note or None,
    }


@operation(
    "GET",
    "/outreach",
    tag="praise",
    query=OutreachFilters,
    response=OutreachOut,
    listing=True,
    errors=(403,),
)
def list_outreach(query: OutreachFilters):
    """Follow-ups on customer praise: yours; HR sees everyone's and may narrow to one leader."""
    leader_id = query.leader_id
    if not g.api_user.has_role(HR):
        if leader_id not in (None, g.api_user.id):
            abort(403, "You can only list your own outreach.")
        leader_id = g.api_user.id
    select_ = outreach_query(on=today(), leader_id=leader_id, state=query.status)
    return page_of(select_, lambda items: [outreach_json(item) for item in items])


def load_outreach(outreach_id: int, for_person) -> Outreach:
    """The outreach, for the assigned leader or HR to complete (else 403)."""
    item = get_outreach_or_404(outreach_id, for_person)
    require("outreach.complete", item)
    return item


@operation(
    "POST",
    "/outreach/<int:outreach_id>/complete",
    tag="praise",
    load=load_outreach,
    body=Completion,
    response=OutreachOut,
    errors=(403, 409),
)
def complete(item: Outreach, body: Completion):
    """Record how the leader followed up: the note, call or visit (the assigned leader or HR)."""
    complete_outreach(g.api_user, item, body.kind, body.note or "")
    db.session.commit()
    item = db.session.scalars(outreach_query(on=today()).where(Outreach.id == item.id)).one()
    return outreach_json(item)
