"""The rules of HR planning, shared by the pages, the API and the demo data.

Every write goes through here: the values are checked as a whole (every problem
reported at once), then applied, audited and flushed; the caller commits.
"""

from datetime import date
from decimal import Decimal

from sqlalchemy import Select, exists, func, or_, select, update
from sqlalchemy.orm import joinedload, selectinload

from eximpact import audit
from eximpact.access import can
from eximpact.campaigns.models import (
    APPROVAL_STATES,
    FREQUENCIES,
    PILLARS,
    ROLLOUT_STATUSES,
    STAKEHOLDER_GROUPS,
    STATUSES,
    Campaign,
    Initiative,
    Kpi,
    Rollout,
    Stakeholder,
)
from eximpact.extensions import db
from eximpact.notifications.services import queue_email
from eximpact.org.models import Person, Team
from eximpact.validation import Conflict, NotAllowed, Problems, ValidationFailed, too_long

# Text lengths: the forms, the templates, the API's schemas and this module all read these.
LIMITS = {
    "name": 160,
    "goal": 5000,
    "title": 200,
    "description": 5000,
    "sender": 200,
    "audience": 300,
    "trigger": 300,
    "channel": 200,
    "tools": 300,
    "kpi_name": 120,
    "kpi_unit": 30,
    "stakeholder_name": 160,
    "approval_comment": 500,
    "rollout_note": 1000,
}
# Amounts fit their columns: money below ten billion, KPI values below a trillion.
MONEY_BELOW = 10**10
KPI_BELOW = 10**12
FEEDBACK_SCORE_MAX = 10
# What an owner who is not a planner may change on their initiative.
PROGRESS_FIELDS = frozenset({"status", "progress", "reach", "attendance", "feedback_score"})
INITIATIVE_FIELDS = (
    "campaign_id",
    "pillar",
    "title",
    "description",
    "owner_id",
    "start_date",
    "end_date",
    "status",
    "progress",
    "budget",
    "actual_cost",
    "two_way",
    "quick_win",
    "audience_team_ids",
    "sender",
    "audience",
    "trigger",
    "channel",
    "tools",
    "frequency",
    "reach",
    "attendance",
    "feedback_score",
    "approver_id",
)


# -- shared checks -------------------------------------------------------------------------


def _text(problems: Problems, values: dict, name: str, required: bool = False) -> None:
    value = values.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.add(name, "This field is required.")
        return
    _length(problems, name, value, LIMITS.get(name))


def _length(problems: Problems, field: str, value: str | None, limit: int | None) -> None:
    if limit and len(value or "") > limit:
        problems.add(field, too_long(limit))


def _period(problems: Problems, values: dict) -> None:
    start, end = values.get("start_date"), values.get("end_date")
    if start is None:
        problems.add("start_date", "Enter a start date.")
    if end is None:
        problems.add("end_date", "Enter an end date.")
    if start and end and end < start:
        problems.add("end_date", "The end cannot be before the start.")


def _money(problems: Problems, values: dict, name: str) -> None:
    value = values.get(name)
    if value is not None and Decimal(value) < 0:
        problems.add(name, "Cannot be negative.")
    elif value is not None and Decimal(value) >= MONEY_BELOW:
        problems.add(name, f"Must be a number below {MONEY_BELOW:,}.")


def _active_person(problems: Problems, person_id, field: str, label: str) -> Person | None:
    if person_id is None:
        problems.add(field, f"Choose {label}.")
        return None
    person = db.session.get(Person, person_id)
    if person is None or not person.active:
        problems.add(field, f"Choose {label} among active people.")
        return None
    return person


# -- campaigns ------------------------------------------------------------------------------


def campaign_values(campaign: Campaign) -> dict:
    return {
        "name": campaign.name,
        "goal": campaign.goal,
        "owner_id": campaign.owner_id,
        "start_date": campaign.start_date,
        "end_date": campaign.end_date,
        "budget": campaign.budget,
        "kpis": [
            {
                "name": k.name,
                "unit": k.unit,
                "baseline": k.baseline,
                "target": k.target,
                "actual": k.actual,
            }
            for k in campaign.kpis
        ],
        "stakeholders": [
            {"group": s.stakeholder_group, "person_id": s.person_id, "name": s.name}
            for s in campaign.stakeholders
        ],
    }


def _check_kpis(problems: Problems, kpis: list[dict]) -> None:
    for index, kpi in enumerate(kpis):
        prefix = f"kpis.{index}."
        name = (kpi.get("name") or "").strip()
        if not name:
            problems.add(prefix + "name", "Name the KPI.")
        _length(problems, prefix + "name", name, LIMITS["kpi_name"])
        _length(problems, prefix + "unit", kpi.get("unit"), LIMITS["kpi_unit"])
        if kpi.get("target") is None:
            problems.add(prefix + "target", "Set a target.")


def _check_stakeholders(problems: Problems, stakeholders: list[dict]) -> None:
    for index, stakeholder in enumerate(stakeholders):
        prefix = f"stakeholders.{index}."
        if stakeholder.get("group") not in STAKEHOLDER_GROUPS:
            problems.add(prefix + "group", f"Use one of: {', '.join(STAKEHOLDER_GROUPS)}.")
        person_id, name = stakeholder.get("person_id"), (stakeholder.get("name") or "").strip()
        if person_id is None and not name:
            problems.add(prefix + "name", "Choose a person or type a name.")
        _length(problems, prefix + "name", name, LIMITS["stakeholder_name"])
        if person_id is not None:
            person = db.session.get(Person, person_id)
            if person is None or not person.active:
                problems.add(prefix + "person_id", "Choose an active person.")


def save_campaign(actor: Person, campaign: Campaign | None, changes: dict) -> Campaign:
    """Create (`campaign` None) or update a campaign; KPIs and stakeholders, when given,
    replace the current ones."""
    values = {
        **(campaign_values(campaign) if campaign else {"kpis": [], "stakeholders": []}),
        **changes,
    }
    created = campaign is None
    problems = Problems()
    _text(problems, values, "name", required=True)
    _text(problems, values, "goal")
    _period(problems, values)
    _money(problems, values, "budget")
    if created or values.get("owner_id") != campaign.owner_id:
        _active_person(problems, values.get("owner_id"), "owner_id", "an owner")
    if created or "kpis" in changes:
        _check_kpis(problems, values["kpis"])
    if created or "stakeholders" in changes:
        _check_stakeholders(problems, values["stakeholders"])
    problems.raise_if_any()

    if created:
        campaign = Campaign()
        db.session.add(campaign)
    campaign.name = values["name"].strip()
    campaign.goal = (values.get("goal") or "").strip()
    campaign.owner_id = values["owner_id"]
    campaign.start_date, campaign.end_date = values["start_date"], values["end_date"]
    campaign.budget = values.get("budget")
    if created or "kpis" in changes:
        campaign.kpis = [
            Kpi(
                position=i,
                name=k["name"].strip(),
                unit=(k.get("unit") or "").strip(),
                baseline=k.get("baseline"),
                target=k["target"],
                actual=k.get("actual"),
            )
            for i, k in enumerate(values["kpis"])
        ]
    if created or "stakeholders" in changes:
        campaign.stakeholders = [
            Stakeholder(
                stakeholder_group=s["group"],
                person_id=s.get("person_id"),
                name=(s.get("name") or "").strip() or None,
            )
            for s in values["stakeholders"]
        ]
    db.session.flush()
    audit.record("campaign", campaign.id, "created" if created else "updated", actor)
    return campaign


def campaigns_query() -> Select:
    return (
        select(Campaign)
        .options(joinedload(Campaign.owner))
        .order_by(Campaign.start_date.desc(), Campaign.id.desc())
    )


def campaign_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(
        select(Campaign.id, Campaign.name).order_by(Campaign.start_date.desc(), Campaign.id.desc())
    )
    return [(cid, name) for cid, name in rows]


# -- initiatives ----------------------------------------------------------------------------


def initiative_values(initiative: Initiative) -> dict:
    values = {name: getattr(initiative, name) for name in INITIATIVE_FIELDS}
    values["audience_team_ids"] = initiative.audience_team_ids
    return values


def fields_owner_may_change() -> frozenset[str]:
    return PROGRESS_FIELDS


def changeable_fields(actor: Person, initiative: Initiative | None) -> frozenset[str]:
    """Which fields `actor` may set: planners all, the owner status, progress and outcomes."""
    if can(actor, "campaigns.plan"):
        return frozenset(INITIATIVE_FIELDS)
    if initiative is not None and can(actor, "initiatives.update_progress", initiative):
        return PROGRESS_FIELDS
    return frozenset()


def initiative_problems(values: dict, current: Initiative | None = None) -> Problems:
    """Every problem with an initiative's values, checked as a whole."""
    problems = Problems()
    _text(problems, values, "title", required=True)
    for name in ("description", "sender", "audience", "trigger", "channel", "tools"):
        _text(problems, values, name)
    if values.get("pillar") not in PILLARS:
        problems.add("pillar", f"Choose a pillar: {', '.join(PILLARS)}.")
    if values.get("status") not in STATUSES:
        problems.add("status", f"Use one of: {', '.join(STATUSES)}.")
    if values.get("frequency") not in FREQUENCIES:
        problems.add("frequency", f"Use one of: {', '.join(FREQUENCIES)}.")
    _period(problems, values)
    progress = values.get("progress")
    if progress is None or not 0 <= progress <= 100:
        problems.add("progress", "Progress is a whole number from 0 to 100.")
    for name in ("budget", "actual_cost"):
        _money(problems, values, name)
    for name in ("reach", "attendance"):
        if values.get(name) is not None and values[name] < 0:
            problems.add(name, "Cannot be negative.")
    score = values.get("feedback_score")
    if score is not None and not 0 <= Decimal(score) <= FEEDBACK_SCORE_MAX:
        problems.add("feedback_score", "A feedback score is from 0 to 10.")
    if values.get("campaign_id") is None or db.session.get(Campaign, values["campaign_id"]) is None:
        problems.add("campaign_id", "Choose a campaign.")
    owner_changed = current is None or values.get("owner_id") != current.owner_id
    if owner_changed:
        _active_person(problems, values.get("owner_id"), "owner_id", "an owner")
    team_ids = values.get("audience_team_ids") or []
    if team_ids:
        known = set(db.session.scalars(select(Team.id).where(Team.id.in_(team_ids), Team.active)))
        unknown = [team_id for team_id in team_ids if team_id not in known]
        if unknown:
            problems.add("audience_team_ids", f"Unknown or retired team(s): {unknown}.")
    approval = values.get("approval_state", "not_required")
    if values.get("status") != "draft" and approval in ("pending", "rejected"):
        problems.add(
            "status",
            "This initiative needs approval first: it stays a draft until it is approved.",
        )
    return problems


def create_initiative(actor: Person, values: dict) -> Initiative:
    """Plan a new initiative (planners only: checked by the caller's permission)."""
    values = {
        "status": "draft",
        "progress": 0,
        "frequency": "once",
        "two_way": False,
        "quick_win": False,
        "description": "",
        "sender": "",
        "audience": "",
        "trigger": "",
        "channel": "",
        "tools": "",
        "audience_team_ids": [],
        **values,
    }
    _check_approval_wish(values, "not_required")
    approver_id = values.pop("approver_id", None)
    values["approval_state"] = "not_required"
    initiative_problems(values).raise_if_any()
    initiative = Initiative(approval_state="not_required")
    _apply(initiative, values)
    db.session.add(initiative)
    db.session.flush()
    audit.record("initiative", initiative.id, "created", actor, to_state=initiative.status)
    if approver_id is not None:
        request_approval(actor, initiative, approver_id)
    return initiative


def update_initiative(actor: Person, initiative: Initiative, changes: dict) -> Initiative:
    """Change an initiative; who may change which field is decided here, once."""
    changes = dict(changes)
    _check_approval_wish(changes, initiative.approval_state)
    allowed = changeable_fields(actor, initiative)
    refused = sorted(set(changes) - allowed)
    if refused:
        raise NotAllowed(f"You may not change: {', '.join(refused)}.")
    approver_id = changes.pop("approver_id", None)
    values = {
        **initiative_values(initiative),
        **changes,
        "approval_state": initiative.approval_state,
    }
    initiative_problems(values, current=initiative).raise_if_any()
    before = initiative.status
    _apply(initiative, values)
    db.session.flush()
    if before != initiative.status:
        audit.record(
            "initiative", initiative.id, "status_changed", actor, before, initiative.status
        )
    elif changes:
        audit.record("initiative", initiative.id, "updated", actor, fields=sorted(changes))
    if approver_id is not None:
        request_approval(actor, initiative, approver_id)
    return initiative


def _apply(initiative: Initiative, values: dict) -> None:
    for name in INITIATIVE_FIELDS:
        if name in ("audience_team_ids", "approver_id"):
            continue
        value = values.get(name)
        if isinstance(value, str):
            value = value.strip()
        setattr(initiative, name, value)
    _sync_rollouts(initiative, values.get("audience_team_ids") or [])


def _sync_rollouts(initiative: Initiative, team_ids: list[int]) -> None:
    """One rollout row per audience team: new teams start 'not started', dropped ones go."""
    wanted = list(dict.fromkeys(team_ids))
    initiative.rollouts = [r for r in initiative.rollouts if r.team_id in wanted]
    have = {r.team_id for r in initiative.rollouts}
    initiative.rollouts.extend(Rollout(team_id=t) for t in wanted if t not in have)


def _check_approval_wish(values: dict, current: str) -> None:
    """A writer may send `approval_state`: "pending" asks the named `approver_id`;
    the decision itself is the approver's (`decide_approval`), never a field to set."""
    wish = values.pop("approval_state", None)
    if wish is None or wish == current:
        return
    if wish not in APPROVAL_STATES:
        raise ValidationFailed.single(
            "approval_state", f"Use one of: {', '.join(APPROVAL_STATES)}."
        )
    if wish == "pending" and values.get("approver_id") is None:
        raise ValidationFailed.single("approver_id", "Name the approver to ask.")
    if wish in ("approved", "rejected"):
        raise ValidationFailed.single(
            "approval_state",
            "Only the approver decides: POST /initiatives/{id}/approve or /reject.",
        )


def request_approval(actor: Person, initiative: Initiative, approver_id: int) -> None:
    """Ask a named approver; the one who asks cannot approve."""
    problems = Problems()
    approver = _active_person(problems, approver_id, "approver_id", "an approver")
    if approver is not None and approver.id == actor.id:
        problems.add("approver_id", "Ask someone else: you cannot approve your own request.")
    problems.raise_if_any()
    if initiative.status != "draft":
        raise Conflict("Only a draft can be sent for approval.")
    before = initiative.approval_state
    initiative.approval_state = "pending"
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
        "pending",
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
        if initiative.approval_state != "pending":
            raise Conflict("This initiative is not waiting for approval.")
        raise NotAllowed("Only the named approver, who did not ask for it, can decide.")
    if len(comment or "") > LIMITS["approval_comment"]:
        limit = LIMITS["approval_comment"]
        raise ValidationFailed.single("comment", too_long(limit))
    state = "approved" if approve else "rejected"
    # Conditional update: if someone decided in the meantime, nothing matches.
    decided = db.session.execute(
        update(Initiative)
        .where(Initiative.id == initiative.id, Initiative.approval_state == "pending")
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
        "pending",
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


def initiatives_query(
    viewer: Person,
    *,
    campaign_id: int | None = None,
    pillar: str | None = None,
    status: str | None = None,
    owner_id: int | None = None,
    team_id: int | None = None,
    active_on: date | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> Select:
    """Initiatives the viewer may read, filtered; drafts only for planners and their owner."""
    query = (
        select(Initiative)
        .options(joinedload(Initiative.owner), joinedload(Initiative.campaign))
        .order_by(Initiative.start_date, Initiative.id)
    )
    if not can(viewer, "campaigns.plan"):
        query = query.where(
            or_(
                Initiative.status != "draft",
                Initiative.owner_id == viewer.id,
                Initiative.approver_id == viewer.id,
            )
        )
    if campaign_id:
        query = query.where(Initiative.campaign_id == campaign_id)
    if pillar:
        query = query.where(Initiative.pillar == pillar)
    if status:
        query = query.where(Initiative.status == status)
    if owner_id:
        query = query.where(Initiative.owner_id == owner_id)
    if team_id:
        query = query.where(
            exists().where(Rollout.initiative_id == Initiative.id, Rollout.team_id == team_id)
        )
    if active_on:
        query = query.where(Initiative.start_date <= active_on, Initiative.end_date >= active_on)
    if date_from:
        query = query.where(Initiative.end_date >= date_from)
    if date_to:
        query = query.where(Initiative.start_date <= date_to)
    return query


def load_initiative(initiative_id: int) -> Initiative | None:
    return db.session.scalar(
        select(Initiative)
        .options(
            joinedload(Initiative.owner),
            joinedload(Initiative.campaign),
            joinedload(Initiative.approver),
            selectinload(Initiative.rollouts).joinedload(Rollout.team).joinedload(Team.manager),
        )
        .where(Initiative.id == initiative_id)
    )


def rollout_progress(initiative: Initiative) -> dict[str, int]:
    counts = dict.fromkeys(ROLLOUT_STATUSES, 0)
    for rollout in initiative.rollouts:
        counts[rollout.status] += 1
    counts["total"] = len(initiative.rollouts)
    return counts


# -- the cascade ----------------------------------------------------------------------------


def update_rollout(actor: Person, rollout: Rollout, status: str, note: str) -> Rollout:
    """The team's manager reports how the rollout goes in their team."""
    if not can(actor, "rollout.update", rollout):
        raise NotAllowed("Only the team's manager can update this rollout.")
    problems = Problems()
    if status not in ROLLOUT_STATUSES:
        problems.add("status", f"Use one of: {', '.join(ROLLOUT_STATUSES)}.")
    _length(problems, "note", note, LIMITS["rollout_note"])
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
            .where(Team.manager_id == manager.id, Initiative.status.in_(("planned", "in_progress")))
            .order_by(Rollout.status == "done", Initiative.start_date, Rollout.id)
        )
    )


def count_pending_approvals(person: Person) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Initiative)
        .where(Initiative.approver_id == person.id, Initiative.approval_state == "pending")
    )
