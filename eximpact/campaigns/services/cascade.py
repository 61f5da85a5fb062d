"""The cascade: each audience team's rollout of an initiative, reported by the team's manager."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from eximpact import audit
from eximpact.access import can
from eximpact.campaigns.models import DONE, ROLLOUT_STATUSES, RUNNING_STATUSES, Initiative, Rollout
from eximpact.extensions import db
from eximpact.org.models import Person, Team
from eximpact.validation import NotAllowed, Problems, too_long

LIMITS = {"note": 1000}  # a rollout's note


def rollout_progress(initiative: Initiative) -> dict[str, int]:
    counts = dict.fromkeys(ROLLOUT_STATUSES, 0)
    for rollout in initiative.rollouts:
        counts[rollout.status] += 1
    counts["total"] = len(initiative.rollouts)
    return counts


def update_rollout(actor: Person, rollout: Rollout, status: str, note: str) -> Rollout:
    """The team's manager reports how the rollout goes in their team."""
    if not can(actor, "rollout.update", rollout):
        raise NotAllowed("Only the team's manager can update this rollout.")
    problems = Problems()
    if status not in ROLLOUT_STATUSES:
        problems.add("status", f"Use one of: {', '.join(ROLLOUT_STATUSES)}.")
    if len(note or "") > LIMITS["note"]:
        problems.add("note", too_long(LIMITS["note"]))
    problems.raise_if_any()
    before = rollout.status
    rollout.status = status
    rollout.note = (note or "").strip()
    rollout.updated_by_id = actor.id
    db.session.flush()
    audit.record(
        "rollout",
        rollout.id,
        "rollout_updated",
        actor,
        before,
        status,
        team=rollout.team.name,
        initiative_id=rollout.initiative_id,
    )
    return rollout


def rollouts_for_manager(manager: Person) -> list[Rollout]:
    """The rollout rows of the teams this person manages, open ones first."""
    return list(
        db.session.scalars(
            select(Rollout)
            .join(Rollout.team)
            .join(Rollout.initiative)
            .options(
                joinedload(Rollout.team),
                joinedload(Rollout.initiative).joinedload(Initiative.campaign),
            )
            .where(Team.manager_id == manager.id, Initiative.status.in_(RUNNING_STATUSES))
            .order_by(Rollout.status == DONE, Initiative.start_date, Rollout.id)
        )
    )
