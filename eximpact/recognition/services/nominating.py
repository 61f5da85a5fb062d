"""The rules of nominations, from submission through review to the award.

Each rule is written once here and called by the form, the API and the demo data:
never yourself, only an active nominee, once per nominee per nominator per cycle, at
most `NOMINATIONS_PER_CYCLE` per nominator per cycle, only inside the nomination
window, evidence must be praise of the nominee, a reason of at least 20 characters.
Transitions are conditional UPDATEs on the current status, so two reviewers acting at
once end in one decision; awards lock their cycle, so the budget holds under races.
"""

import re
from datetime import date, datetime
from decimal import Decimal

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from eximpact import audit, clock
from eximpact.extensions import db
from eximpact.notifications import chat
from eximpact.notifications.inbox import notify
from eximpact.notifications.models import (
    NOMINATED,
    NOMINATION_DECIDED,
    TEAM_RECOGNISED,
    WAITING_FOR_YOU,
)
from eximpact.org.models import Person
from eximpact.praise.models import Praise
from eximpact.recognition.models import (
    APPROVED,
    AWARDED,
    DECLINED,
    SUBMITTED,
    AwardCycle,
    Category,
    Nomination,
)
from eximpact.recognition.services.cycles import LIMITS as CYCLE_LIMITS
from eximpact.recognition.services.cycles import MONEY_MAX, budget_used, open_cycles
from eximpact.recognition.services.points import events_of, nomination_moved
from eximpact.validation import Conflict, Problems, ValidationFailed, too_long

REASON_MIN = 20
# The opening the nomination page writes for a nomination from praise; it is not the
# person's own words, so the reason's minimum counts only what follows it.
PRAISE_OPENING = "For the customer praise of {received:%d %B %Y}: "
PRAISE_OPENING_PATTERN = re.compile(r"^\s*For the customer praise of \d{1,2} [A-Za-z]+ \d{4}:\s*")
# Limits of nominations: forms, the API's schema and these rules read them.
LIMITS = {"reason": 2000, "decline_reason": 500, "reward": CYCLE_LIMITS["reward"]}
MAX_EVIDENCE = 10


def _cycle_for(cycle_id: int | None, on: date, problems: Problems) -> AwardCycle | None:
    """The cycle named, which must be taking nominations on `on`; the only open one by default."""
    if cycle_id is None:
        cycles = open_cycles(on)
        if len(cycles) == 1:
            return cycles[0]
        problems.add(
            "cycle_id",
            "Choose an award cycle." if cycles else "No award cycle is taking nominations today.",
        )
        return None
    cycle = db.session.get(AwardCycle, cycle_id)
    if cycle is None:
        problems.add("cycle_id", "There is no such award cycle.")
    elif not cycle.is_open_on(on):
        problems.add(
            "cycle_id",
            f"{cycle.name} takes nominations from {cycle.opens_on:%d %b %Y} "
            f"to {cycle.closes_on:%d %b %Y}.",
        )
        return None
    return cycle


def _nominee(actor: Person, nominee_id: int | None, problems: Problems) -> Person | None:
    nominee = db.session.get(Person, nominee_id) if nominee_id is not None else None
    if nominee_id is None:
        problems.add("nominee_id", "Choose the colleague you nominate.")
    elif nominee_id == actor.id:
        problems.add("nominee_id", "You cannot nominate yourself: ask a colleague to.")
    elif nominee is None or not nominee.active:
        problems.add("nominee_id", "Choose an active colleague.")
    else:
        return nominee
    return None


def _limits(actor: Person, nominee: Person, cycle: AwardCycle, problems: Problems) -> None:
    """Once per nominee per nominator per cycle, and a cap per nominator per cycle."""
    # Serialise one nominator's concurrent submissions, so the cap cannot be raced past.
    # NO KEY UPDATE: it does not block the key-share locks foreign keys take on the row.
    db.session.execute(
        select(Person.id).where(Person.id == actor.id).with_for_update(key_share=True)
    )
    mine = set(
        db.session.scalars(
            select(Nomination.nominee_id).where(
                Nomination.cycle_id == cycle.id, Nomination.nominator_id == actor.id
            )
        )
    )
    if nominee.id in mine:
        problems.add("nominee_id", f"You have already nominated {nominee.name} in {cycle.name}.")
    cap = current_app.config["NOMINATIONS_PER_CYCLE"]
    if len(mine) >= cap:
        problems.add("cycle_id", f"You have used all {cap} of your nominations in {cycle.name}.")


def _evidence(praise_ids: list[int], nominee: Person | None, problems: Problems) -> list[Praise]:
    """Attached praise must exist and be praise of the nominee."""
    if not praise_ids:
        return []
    if len(praise_ids) > MAX_EVIDENCE:
        problems.add("praise_ids", f"Attach at most {MAX_EVIDENCE} pieces of praise.")
        return []
    found = db.session.scalars(
        select(Praise).options(selectinload(Praise.employees)).where(Praise.id.in_(praise_ids))
    ).all()
    by_id = {praise.id: praise for praise in found}
    for praise_id in praise_ids:
        praise = by_id.get(praise_id)
        if praise is None:
            problems.add("praise_ids", f"There is no praise {praise_id}.")
        elif nominee is not None and nominee not in praise.employees:
            problems.add("praise_ids", f"Praise {praise_id} is not praise of {nominee.name}.")
    return [by_id[i] for i in praise_ids if i in by_id]


def praise_opening(received: date | datetime) -> str:
    """The reason's prefilled opening for a nomination from praise received on `received`."""
    return PRAISE_OPENING.format(received=received)


def own_words(reason: str) -> str:
    """The reason without the prefilled opening: what the nominator wrote themselves."""
    return PRAISE_OPENING_PATTERN.sub("", reason or "", count=1).strip()


def nominate(
    actor: Person,
    *,
    nominee_id: int | None,
    category_id: int | None,
    reason: str,
    praise_ids: list[int] | None = None,
    cycle_id: int | None = None,
    on: date | None = None,
) -> Nomination:
    """Submit a nomination; raises ValidationFailed naming every rule it breaks."""
    on = on or clock.today()
    problems = Problems()
    reason = (reason or "").strip()
    nominee = _nominee(actor, nominee_id, problems)
    category = db.session.get(Category, category_id) if category_id is not None else None
    if category is None or not category.active:
        problems.add("category_id", "Choose one of the categories.")
    cycle = _cycle_for(cycle_id, on, problems)
    if len(own_words(reason)) < REASON_MIN:
        problems.add("reason", f"Say why, in at least {REASON_MIN} characters.")
    elif len(reason) > LIMITS["reason"]:
        problems.add("reason", too_long(LIMITS["reason"]))
    evidence = _evidence(list(dict.fromkeys(praise_ids or [])), nominee, problems)
    if nominee is not None and cycle is not None:
        _limits(actor, nominee, cycle, problems)
    problems.raise_if_any("The nomination was not submitted: " + _first(problems))

    nomination = Nomination(
        cycle=cycle,
        category=category,
        nominator=actor,
        nominee=nominee,
        reason=reason,
        status=SUBMITTED,
        praise=evidence,
    )
    try:
        with db.session.begin_nested():
            db.session.add(nomination)
            db.session.flush()
    except IntegrityError:  # the same nomination submitted twice at the same moment
        raise ValidationFailed.single(
            "nominee_id", f"You have already nominated {nominee.name} in {cycle.name}."
        ) from None
    audit.record("nomination", nomination.id, "submitted", actor, None, SUBMITTED)
    _tell_reviewer(actor, nomination)
    return nomination


def _first(problems: Problems) -> str:
    return next(iter(problems.fields.values()))[0] if problems else ""


# -- review ------------------------------------------------------------------------------


def _refuse(nomination: Nomination, wanted: str) -> Conflict:
    current = nomination.status
    if wanted == AWARDED and current == SUBMITTED:
        return Conflict("Approve this nomination before awarding it.")
    return Conflict(f"This nomination is already {current}: it cannot be {wanted} now.")


def _transition(nomination: Nomination, wanted: str, now: datetime, **values) -> None:
    """Move `nomination` to `wanted` only if it is still in the state it must come from.

    The WHERE on the status makes the database the referee: of two reviewers acting at
    once, the second UPDATE matches no row (PostgreSQL re-checks it after the first
    commits) and gets a conflict instead of overwriting the first decision.
    """
    source = APPROVED if wanted == AWARDED else SUBMITTED
    if nomination.status != source:
        raise _refuse(nomination, wanted)
    before = events_of(nomination)
    result = db.session.execute(
        update(Nomination)
        .where(Nomination.id == nomination.id, Nomination.status == source)
        .values(status=wanted, updated_at=now, **values)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(nomination)
    if result.rowcount != 1:
        raise _refuse(nomination, wanted)
    nomination_moved(before, nomination)  # the leaderboards' points, in this transaction


def approve(actor: Person, nomination: Nomination, now: datetime | None = None) -> Nomination:
    """Approve: the nomination goes on the wall (and the chat channels); the nominee and their
    manager hear of it."""
    now = now or clock.now()
    _transition(
        nomination,
        APPROVED,
        now,
        reviewed_by_id=actor.id,
        reviewed_at=now,
        recognised_at=now,
    )
    audit.record("nomination", nomination.id, "approved", actor, SUBMITTED, APPROVED)
    _notify(actor, nomination, APPROVED)
    chat.queue_nomination(nomination, APPROVED)
    return nomination


def decline(
    actor: Person, nomination: Nomination, reason: str, now: datetime | None = None
) -> Nomination:
    """Decline with a reason, which the nominator sees."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed.single("reason", "Say why the nomination is declined.")
    if len(reason) > LIMITS["decline_reason"]:
        raise ValidationFailed.single("reason", too_long(LIMITS["decline_reason"]))
    now = now or clock.now()
    _transition(
        nomination,
        DECLINED,
        now,
        reviewed_by_id=actor.id,
        reviewed_at=now,
        decline_reason=reason,
    )
    audit.record(
        "nomination", nomination.id, "declined", actor, SUBMITTED, DECLINED, comment=reason
    )
    _notify(actor, nomination, DECLINED)
    return nomination


def award(
    actor: Person,
    nomination: Nomination,
    reward: str | None = None,
    reward_value: Decimal | None = None,
    now: datetime | None = None,
) -> Nomination:
    """Award an approved nomination; its reward (the category's by default) counts on the budget.

    The cycle row is locked first, so two awards at once cannot both fit in the last
    of the budget.
    """
    reward = (reward or "").strip() or nomination.category.reward
    value = nomination.category.reward_value if reward_value is None else reward_value
    problems = Problems()
    if len(reward) > LIMITS["reward"]:
        problems.add("reward", too_long(LIMITS["reward"]))
    if value < 0 or value > MONEY_MAX:
        problems.add("reward_value", "Must be an amount from 0.")
    problems.raise_if_any()
    if nomination.status != APPROVED:
        raise _refuse(nomination, AWARDED)
    cycle = db.session.scalars(
        select(AwardCycle)
        .where(AwardCycle.id == nomination.cycle_id)
        .with_for_update(key_share=True)  # nominations being filed in it are not blocked
        .execution_options(populate_existing=True)
    ).one()
    if cycle.budget is not None:
        used = budget_used([cycle.id])[cycle.id]
        if used + value > cycle.budget:
            raise Conflict(
                f"This award costs {value:,.2f} but {cycle.name} has only "
                f"{cycle.budget - used:,.2f} of its {cycle.budget:,.2f} budget left."
            )
    now = now or clock.now()
    _transition(
        nomination,
        AWARDED,
        now,
        awarded_by_id=actor.id,
        awarded_at=now,
        reward=reward,
        reward_value=value,
        recognised_at=now,
    )
    audit.record(
        "nomination",
        nomination.id,
        "awarded",
        actor,
        APPROVED,
        AWARDED,
        reward=reward,
        reward_value=str(value),
    )
    _notify(actor, nomination, AWARDED)
    chat.queue_nomination(nomination, AWARDED)
    return nomination


def _notify(actor: Person, nomination: Nomination, event: str) -> None:
    """Who hears of a decision: the nominator (approved, declined, awarded), the nominee and
    their manager (approved, awarded); never the reviewer who made it."""
    nominee, category = nomination.nominee, nomination.category.name
    url = f"/recognition/nominations/{nomination.id}"
    notify(
        nomination.nominator,
        NOMINATION_DECIDED,
        f"Your nomination of {nominee.name} ({category}) is {event}.",
        url,
        email_template="nomination_decided",
        actor=actor,
        nomination=nomination,
        event=event,
    )
    if event == DECLINED:
        return
    verb = "awarded" if event == AWARDED else "recognised"
    notify(
        nominee,
        NOMINATED,
        f"You were {verb}: {category}",
        url,
        email_template=f"nomination_{event}",
        actor=actor,
        nomination=nomination,
        is_nominee=True,
    )
    if nominee.manager is not None and nominee.manager_id != nominee.id:
        notify(
            nominee.manager,
            TEAM_RECOGNISED,
            f"{nominee.name} was {verb}: {category}",
            url,
            email_template=f"nomination_{event}",
            actor=actor,
            nomination=nomination,
            is_nominee=False,
        )


def _tell_reviewer(actor: Person, nomination: Nomination) -> None:
    """The nominee's manager reviews: a new nomination waits for them (HR sees the queue)."""
    nominee = nomination.nominee
    notify(
        nominee.manager,
        WAITING_FOR_YOU,
        f"{actor.name} nominated {nominee.name} ({nomination.category.name}): please review.",
        f"/recognition/nominations/{nomination.id}",
        actor=actor,
    )
