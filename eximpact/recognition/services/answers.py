"""The rules of answering the wall: reactions from a small fixed set, and short comments.

Written once here and called by the wall pages and the API. A wall item is an approved
or awarded nomination, or a quick thanks (`ITEM_KINDS`); only those may be answered,
by anyone who may see them (every signed-in employee). A person gives each reaction
at most once per item; a comment is at most `LIMITS["comment"]` characters and is
removed by its author, HR or an admin (HR's and an admin's removals are audited).
Answering is rate-limited per person (`RATES`, counted in the app's rate-limit
storage, so the page and the API share the count). The recognised person hears of
it: one unread notification per item for reactions, updated in place as more come,
and one per comment; nobody hears of their own answer.
"""

import time

from limits import parse
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from eximpact import audit, clock
from eximpact.access import can
from eximpact.extensions import db, limiter
from eximpact.notifications.inbox import notify
from eximpact.notifications.models import COMMENT, REACTION, Notification
from eximpact.org.models import Person
from eximpact.recognition.models import (
    NOMINATION,
    THANKS,
    Comment,
    Nomination,
    Reaction,
    Thanks,
)
from eximpact.validation import NotAllowed, RateLimited, ValidationFailed, too_long

# The reactions on offer, in the order they are shown: key → (symbol, accessible name).
REACTIONS = {
    "clap": ("👏", "Applause"),
    "party": ("🎉", "Celebrate"),
    "heart": ("❤️", "Love it"),
    "hands": ("🙌", "Well done"),
}
# Limits of comments: the form, the API's schema and these rules read them.
LIMITS = {"comment": 280}
# How often one person may answer (the `limits` notation, as SIGN_IN_FAILURE_LIMIT).
RATES = {"reaction": "30 per minute", "comment": "10 per 10 minutes"}

WallItem = Nomination | Thanks


def find_item(kind: str, item_id: int) -> WallItem | None:
    """The wall item `kind` `item_id`: a thanks, or a nomination that is on the wall."""
    if kind == NOMINATION:
        nomination = db.session.get(Nomination, item_id)
        return nomination if nomination is not None and nomination.is_public else None
    if kind == THANKS:
        return db.session.get(Thanks, item_id)
    return None


def item_kind(item: WallItem) -> str:
    return NOMINATION if isinstance(item, Nomination) else THANKS


def recognised_person(item: WallItem) -> Person:
    """Who the item recognises: the nominee, or the colleague thanked."""
    return item.nominee if isinstance(item, Nomination) else item.recipient


def item_url(kind: str, item_id: int) -> str:
    """The app path of a wall item's own page (its reactions and every comment)."""
    return f"/recognition/{kind}/{item_id}"


# -- rate limits -------------------------------------------------------------------------


def _within_rate(actor: Person, what: str) -> None:
    """Count one answer of `actor`; past `RATES[what]` raise RateLimited saying when to retry."""
    rate = parse(RATES[what])
    keys = ("answers", what, str(actor.id))
    if limiter.limiter.hit(rate, *keys):
        return
    reset_at, _left = limiter.limiter.get_window_stats(rate, *keys)
    seconds = max(1, int(reset_at - time.time()) + 1)
    if what == "comment":
        message = f"You have commented a lot in a short time. Try again in {seconds} s."
    else:
        message = f"You have reacted a lot in a short time. Try again in {seconds} s."
    raise RateLimited(message, seconds)


# -- reactions ---------------------------------------------------------------------------


def _known_reaction(reaction: str | None) -> str:
    if reaction not in REACTIONS:
        names = ", ".join(REACTIONS)
        raise ValidationFailed.single("reaction", f"Choose one of the reactions: {names}.")
    return reaction


def _reaction(kind: str, item_id: int, person: Person, reaction: str) -> Reaction | None:
    return db.session.scalar(
        select(Reaction).where(
            Reaction.item_kind == kind,
            Reaction.item_id == item_id,
            Reaction.person_id == person.id,
            Reaction.reaction == reaction,
        )
    )


def react(actor: Person, item: WallItem, reaction: str | None) -> Reaction:
    """Give `reaction` to a wall item; giving it again changes nothing (one of each per person)."""
    reaction = _known_reaction(reaction)
    kind = item_kind(item)
    existing = _reaction(kind, item.id, actor, reaction)
    if existing is not None:
        return existing
    _within_rate(actor, "reaction")
    row = Reaction(item_kind=kind, item_id=item.id, person_id=actor.id, reaction=reaction)
    try:
        with db.session.begin_nested():  # the same reaction sent twice at once: one row
            db.session.add(row)
            db.session.flush()
    except IntegrityError:
        return _reaction(kind, item.id, actor, reaction)
    _tell_of_reaction(actor, item, reaction)
    db.session.flush()
    return row


def unreact(actor: Person, item: WallItem, reaction: str | None) -> bool:
    """Take back one's `reaction`; True when there was one to take back."""
    reaction = _known_reaction(reaction)
    existing = _reaction(item_kind(item), item.id, actor, reaction)
    if existing is None:
        return False
    _within_rate(actor, "reaction")
    db.session.delete(existing)
    db.session.flush()
    return True


def _tell_of_reaction(actor: Person, item: WallItem, reaction: str) -> None:
    """One unread notification per item: a new reaction updates it rather than adding one."""
    person = recognised_person(item)
    if person.id == actor.id or not person.active:
        return
    kind = item_kind(item)
    url = item_url(kind, item.id)
    # Reactions arriving at once queue on the recognised person's row, so they share one
    # notification (NO KEY UPDATE: it leaves foreign keys' key-share locks alone).
    db.session.execute(
        select(Person.id).where(Person.id == person.id).with_for_update(key_share=True)
    )
    others = db.session.scalar(
        select(func.count(func.distinct(Reaction.person_id))).where(
            Reaction.item_kind == kind,
            Reaction.item_id == item.id,
            Reaction.person_id != person.id,
            Reaction.person_id != actor.id,
        )
    )
    symbol = REACTIONS[reaction][0]
    if others == 0:
        text = f"{actor.name} reacted {symbol} to your recognition."
    elif others == 1:
        text = f"{actor.name} and 1 other colleague reacted to your recognition."
    else:
        text = f"{actor.name} and {others} other colleagues reacted to your recognition."
    unread = db.session.scalar(
        select(Notification).where(
            Notification.person_id == person.id,
            Notification.kind == REACTION,
            Notification.url == url,
            Notification.read_at.is_(None),
        )
    )
    if unread is not None:
        unread.text = text
        unread.created_at = clock.now()  # back to the top of the inbox
        return
    notify(
        person,
        REACTION,
        text,
        url,
        email_template="recognition_answered",
        actor=actor,
        subject=text,
    )


# -- comments ----------------------------------------------------------------------------


def add_comment(actor: Person, item: WallItem, text: str | None) -> Comment:
    """Comment on a wall item: required, at most `LIMITS["comment"]` characters, rate-limited."""
    text = (text or "").strip()
    if not text:
        raise ValidationFailed.single("text", "Write a comment first.")
    if len(text) > LIMITS["comment"]:
        raise ValidationFailed.single("text", too_long(LIMITS["comment"]))
    _within_rate(actor, "comment")
    kind = item_kind(item)
    comment = Comment(item_kind=kind, item_id=item.id, author=actor, text=text)
    db.session.add(comment)
    db.session.flush()
    notify(
        recognised_person(item),
        COMMENT,
        f"{actor.name} commented on your recognition: “{_excerpt(text)}”",
        item_url(kind, item.id),
        email_template="recognition_answered",
        actor=actor,
        subject=f"{actor.name} commented on your recognition",
        comment=comment,
    )
    return comment


def _excerpt(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def remove_comment(actor: Person, comment: Comment) -> None:
    """Its author, HR or an admin removes a comment; a removal by someone else is audited."""
    if not can(actor, "comment.remove", comment):
        raise NotAllowed("Only its author, HR or an admin removes a comment.")
    if actor.id != comment.author_id:
        audit.record(
            "comment",
            comment.id,
            "removed",
            actor,
            author_id=comment.author_id,
            item=f"{comment.item_kind} {comment.item_id}",
            text=comment.text,
        )
    db.session.delete(comment)
    db.session.flush()
