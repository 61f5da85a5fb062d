"""The rules of HR planning, shared by the pages, the API and the demo data.

Every write goes through here: the values are checked as a whole (every problem
reported at once), then applied, audited and flushed; the caller commits.
"""

from decimal import Decimal

from sqlalchemy import select

from eximpact import audit
from eximpact.access import can
from eximpact.campaigns.models import (
    DRAFT,
    FREQUENCIES,
    NOT_REQUIRED,
    PENDING,
    PILLARS,
    REJECTED,
    STAKEHOLDER_GROUPS,
    STATUSES,
    Campaign,
    Initiative,
    Kpi,
    Rollout,
    Stakeholder,
)
from eximpact.campaigns.services.approvals import LIMITS as APPROVAL_LIMITS
from eximpact.campaigns.services.approvals import check_approval_wish, request_approval
from eximpact.campaigns.services.cascade import LIMITS as ROLLOUT_LIMITS
from eximpact.campaigns.services.checks import active_person
from eximpact.campaigns.services.live_kpis import source_problem
from eximpact.extensions import db
from eximpact.org.models import Person, Team
from eximpact.validation import NotAllowed, Problems, too_long

# Text lengths: the forms, the templates, the API's schemas and these rules all read them.
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
    "approval_comment": APPROVAL_LIMITS["comment"],
    "rollout_note": ROLLOUT_LIMITS["note"],
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
    length_problem(problems, name, value, LIMITS.get(name))


def length_problem(problems: Problems, field: str, value: str | None, limit: int | None) -> None:
    """Text over its limit is named at its field, with the one sentence for it."""
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
                "source": k.source,
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
        length_problem(problems, prefix + "name", name, LIMITS["kpi_name"])
        length_problem(problems, prefix + "unit", kpi.get("unit"), LIMITS["kpi_unit"])
        if kpi.get("target") is None:
            problems.add(prefix + "target", "Set a target.")
        if problem := source_problem(kpi.get("source")):
            problems.add(prefix + "source", problem)
        elif kpi.get("source") and kpi.get("actual") is not None:
            problems.add(prefix + "actual", "This KPI follows its source: leave the actual empty.")


def _check_stakeholders(problems: Problems, stakeholders: list[dict]) -> None:
    for index, stakeholder in enumerate(stakeholders):
        prefix = f"stakeholders.{index}."
        if stakeholder.get("group") not in STAKEHOLDER_GROUPS:
            problems.add(prefix + "group", f"Use one of: {', '.join(STAKEHOLDER_GROUPS)}.")
        person_id, name = stakeholder.get("person_id"), (stakeholder.get("name") or "").strip()
        if person_id is None and not name:
            problems.add(prefix + "name", "Choose a person or type a name.")
        length_problem(problems, prefix + "name", name, LIMITS["stakeholder_name"])
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
        active_person(problems, values.get("owner_id"), "owner_id", "an owner")
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
                source=k.get("source") or None,
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


# -- initiatives ----------------------------------------------------------------------------


def initiative_values(initiative: Initiative) -> dict:
    values = {name: getattr(initiative, name) for name in INITIATIVE_FIELDS}
    values["audience_team_ids"] = initiative.audience_team_ids
    return values


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
        active_person(problems, values.get("owner_id"), "owner_id", "an owner")
    team_ids = values.get("audience_team_ids") or []
    if team_ids:
        known = set(db.session.scalars(select(Team.id).where(Team.id.in_(team_ids), Team.active)))
        unknown = [team_id for team_id in team_ids if team_id not in known]
        if unknown:
            problems.add("audience_team_ids", f"Unknown or retired team(s): {unknown}.")
    approval = values.get("approval_state", NOT_REQUIRED)
    if values.get("status") != DRAFT and approval in (PENDING, REJECTED):
        problems.add(
            "status",
            "This initiative needs approval first: it stays a draft until it is approved.",
        )
    return problems


def create_initiative(actor: Person, values: dict) -> Initiative:
    """Plan a new initiative (planners only: checked by the caller's permission)."""
    values = {
        "status": DRAFT,
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
    check_approval_wish(values, "not_required")
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
    check_approval_wish(changes, initiative.approval_state)
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
