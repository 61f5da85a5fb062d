"""Approval of initiatives: a named approver, never the one who asked, approves or rejects.

Until then the initiative stays a draft. Requests and decisions are audited and e-mailed;
two decisions at once end in one (a conditional UPDATE on the pending state).
"""

from sqlalchemy import func, select, update

from eximpact import audit
from eximpact.access import can
from eximpact.campaigns.models import (
    APPROVAL_STATES,
    APPROVED,
    DRAFT,
    PENDING,
    REJECTED,
    Initiative,
)
from eximpact.campaigns.services.checks import active_person
from eximpact.extensions import db
from eximpact.notifications.services import queue_email
from eximpact.org.models import Person
from eximpact.validation import Conflict, NotAllowed, Problems, ValidationFailed, too_long

LIMITS = {"comment": 500}  # the approver's comment


def check_approval_wish(values: dict, current: str) -> None:
    """A writer may send `approval_state`: "pending" asks the named `approver_id`;
    the decision itself is the approver's (`decide_approval`), never a field to set."""
    wish = values.pop("approval_state", None)
    if wish is None or wish == current:
        return
    if wish not in APPROVAL_STATES:
        choices = ", ".join(APPROVAL_STATES)
        raise ValidationFailed.single("approval_state", f"Use one of: {choices}.")
    if wish == PENDING and values.get("approver_id") is None:
        raise ValidationFailed.single("approver_id", "Name the approver to ask.")
    if wish in (APPROVED, REJECTED):
        raise ValidationFailed.single(
            "approval_state",
            "Only the approver decides: POST /initiatives/{id}/approve or /reject.",
        )


def request_approval(actor: Person, initiative: Initiative, approver_id: int) -> None:
    """Ask a named approver; the one who asks cannot approve."""
    problems = Problems()
    approver = active_person(problems, approver_id, "approver_id", "an approver")
    if approver is not None and approver.id == actor.id:
        problems.add("approver_id", "Ask someone else: you cannot approve your own request.")
    problems.raise_if_any()
    if initiative.status != DRAFT:
        raise Conflict("Only a draft can be sent for approval.")
    before = initiative.approval_state
    initiative.approval_state = PENDING
    initiative.approver_id = approver.id
    initiative.approval_requested_by_id = actor.id
    initiative.approval_comment = ""
    db.session.flush()
    audit.record(
        "initiative",
        initiative.id,
        "approval_requested",
        actor,
        before,
        PENDING,
        approver=approver.name,
    )
    queue_email(
        approver.email,
        "initiative_approval",
        f"Approval needed: {initiative.title}",
        "initiative_approval",
        initiative=initiative,
        approver=approver,
        requester=actor,
    )


def decide_approval(actor: Person, initiative: Initiative, approve: bool, comment: str) -> None:
    """The approver approves or rejects, with a comment. Two decisions at once: one wins."""
    if not can(actor, "initiatives.decide_approval", initiative):
        if initiative.approval_state != PENDING:
            raise Conflict("This initiative is not waiting for approval.")
        raise NotAllowed("Only the named approver, who did not ask for it, can decide.")
    if len(comment or "") > LIMITS["comment"]:
        raise ValidationFailed.single("comment", too_long(LIMITS["comment"]))
    state = APPROVED if approve else REJECTED
    # Conditional update: if someone decided in the meantime, nothing matches.
    decided = db.session.execute(
        update(Initiative)
        .where(Initiative.id == initiative.id, Initiative.approval_state == PENDING)
        .values(approval_state=state, approval_comment=(comment or "").strip())
        .execution_options(synchronize_session=False)
    ).rowcount
    if decided != 1:
        raise Conflict("Someone decided on this approval a moment ago.")
    db.session.refresh(initiative)
    audit.record(
        "initiative",
        initiative.id,
        "approval_" + state,
        actor,
        PENDING,
        state,
        comment=(comment or "").strip() or None,
    )
    requester = initiative.approval_requested_by
    if requester is not None:
        queue_email(
            requester.email,
            "initiative_approval_decided",
            f"{initiative.title}: {state}",
            "initiative_approval_decided",
            initiative=initiative,
            decider=actor,
            state=state,
        )


def count_pending_approvals(person: Person) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Initiative)
        .where(Initiative.approver_id == person.id, Initiative.approval_state == PENDING)
    )
