"""Answering: one anonymous answer per invitation, written with the flag in one transaction.

The invitation row is locked (`FOR UPDATE` on PostgreSQL) and its flag flipped by a
conditional UPDATE, so two answers sent at once give exactly one response. The
response gets the team from the invitation and nothing else of the person.
"""

from dataclasses import dataclass

from sqlalchemy import select, update

from eximpact import clock
from eximpact.extensions import db
from eximpact.pulse.items import COMMENT_MAX, ENGAGEMENT, ENPS_ITEM, items_for
from eximpact.pulse.models import OPEN, PulseComment, PulseInvitation, PulseResponse, PulseRound
from eximpact.pulse.services.rounds import hash_token
from eximpact.validation import Conflict, NotAllowed, Problems

ALREADY_ANSWERED = (
    "You have already answered this round. Each invitation takes one answer, "
    "and answers cannot be changed because nobody, not even the system, knows which is yours."
)


@dataclass
class OpenInvitation:
    round: PulseRound
    responded: bool


def invitations_for(person) -> list[OpenInvitation]:
    """The person's invitations to open rounds, soonest closing first."""
    rows = db.session.execute(
        select(PulseRound, PulseInvitation.responded)
        .join(PulseInvitation, PulseInvitation.round_id == PulseRound.id)
        .where(PulseInvitation.person_id == person.id, PulseRound.status == OPEN)
        .order_by(PulseRound.closes_on, PulseRound.id)
    ).all()
    return [OpenInvitation(round_, responded) for round_, responded in rows]


def invitation_of(person, round_: PulseRound, lock: bool = False) -> PulseInvitation | None:
    query = select(PulseInvitation).where(
        PulseInvitation.round_id == round_.id, PulseInvitation.person_id == person.id
    )
    if lock:
        query = query.with_for_update()
    return db.session.scalar(query)


def round_for_token(person, token: str) -> PulseRound:
    """The round of an e-mailed link; the link works only for the person it was sent to."""
    invitation = db.session.scalar(
        select(PulseInvitation).where(PulseInvitation.token_hash == hash_token(token or ""))
    )
    if invitation is None or invitation.person_id != person.id:
        raise NotAllowed("This link is not yours: each invitation works only for its own person.")
    return invitation.round


def check_can_answer(person, round_: PulseRound, today=None) -> PulseInvitation:
    """The person's invitation if they may answer now; else 403 (not invited) or 409."""
    invitation = invitation_of(person, round_)
    if invitation is None:
        raise NotAllowed("You are not invited to this round.")
    if round_.status != OPEN or (today or clock.today()) > round_.closes_on:
        raise Conflict("This round is not open for answers.")
    if invitation.responded:
        raise Conflict(ALREADY_ANSWERED)
    return invitation


def clean_answers(round_: PulseRound, answers, comment) -> tuple[dict, str | None]:
    """The answers as `{key: int}` after checking every item and scale; problems by field."""
    problems = Problems()
    if not isinstance(answers, dict):
        problems.add("answers", "Send the answers as an object of item keys.")
        problems.raise_if_any()
    items = list(items_for(round_.kind))
    allowed = {item.key for item in items}
    if round_.kind == ENGAGEMENT and round_.enps:
        allowed.add(ENPS_ITEM.key)
    for key in answers:
        if key not in allowed:
            problems.add(f"answers.{key}", "This round does not ask this.")
    clean = {}
    for item in items + ([ENPS_ITEM] if ENPS_ITEM.key in allowed else []):
        value = answers.get(item.key)
        if value is None:
            if item is not ENPS_ITEM:  # eNPS may be skipped
                problems.add(f"answers.{item.key}", "Choose an answer.")
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            problems.add(f"answers.{item.key}", "Must be a whole number.")
        elif not item.minimum <= value <= item.maximum:
            problems.add(f"answers.{item.key}", f"Choose from {item.minimum} to {item.maximum}.")
        else:
            clean[item.key] = value
    text = None
    if comment not in (None, ""):
        if not round_.comments:
            problems.add("comment", "This round does not ask for a comment.")
        elif not isinstance(comment, str):
            problems.add("comment", "Must be a string.")
        elif len(comment.strip()) > COMMENT_MAX:
            problems.add("comment", f"Use at most {COMMENT_MAX} characters.")
        else:
            text = comment.strip() or None
    problems.raise_if_any()
    return clean, text


def answer(person, round_: PulseRound, answers, comment=None, today=None) -> None:
    """Store one anonymous answer for the person's invitation and mark it answered."""
    check_can_answer(person, round_, today)
    clean, text = clean_answers(round_, answers, comment)
    invitation = invitation_of(person, round_, lock=True)
    flipped = db.session.execute(
        update(PulseInvitation)
        .where(PulseInvitation.id == invitation.id, PulseInvitation.responded.is_(False))
        .values(responded=True)
        .execution_options(synchronize_session=False)
    )
    if flipped.rowcount != 1:
        raise Conflict(ALREADY_ANSWERED)
    db.session.add(PulseResponse(round_id=round_.id, team_id=invitation.team_id, answers=clean))
    if text:
        db.session.add(PulseComment(round_id=round_.id, team_id=invitation.team_id, text=text))
    db.session.flush()
    db.session.expire(invitation)
