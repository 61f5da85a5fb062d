"""Demo data for HR planning: this year's campaign from `seeds/campaign.json`.

Initiatives span all five pillars, recurring ones included. Inform is all one-way,
Reward overspends and the summer is thin, so the dashboard has warnings and gaps
to show. Statuses follow today's date. Rows are found by name before they are
made, so loading twice changes nothing.
"""

import json
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from config import PROJECT_ROOT
from eximpact.campaigns.models import DONE, DRAFT, IN_PROGRESS, PLANNED, Campaign, Initiative
from eximpact.campaigns.services.approvals import request_approval
from eximpact.campaigns.services.cascade import update_rollout
from eximpact.campaigns.services.planning import create_initiative, save_campaign
from eximpact.extensions import db
from eximpact.org.models import Person, Team

SEED_FILE = PROJECT_ROOT / "seeds" / "campaign.json"


def demo_campaign_name(year: int) -> str:
    """The campaign other features' demo data attach to (e.g. ambassador projects)."""
    return f"CX culture {year}"


def _person(email: str) -> Person:
    return db.session.scalar(select(Person).where(Person.email == email))


def _day(year: int, month_day: str) -> date:
    month, day = month_day.split("-")
    return date(year, int(month), int(day))


def _money(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def status_for(start: date, end: date, today: date) -> tuple[str, int]:
    """Status and progress as they would be on `today`."""
    if end < today:
        return DONE, 100
    if start > today:
        return PLANNED, 0
    elapsed = (today - start).days / max((end - start).days, 1)
    return IN_PROGRESS, max(5, min(95, round(elapsed * 100)))


def ensure_campaign(year: int, seed: dict | None = None) -> Campaign:
    """This year's demo campaign, made if missing (other features' demo data use it too)."""
    name = demo_campaign_name(year)
    campaign = db.session.scalar(select(Campaign).where(Campaign.name == name))
    if campaign is not None:
        return campaign
    seed = seed or json.loads(SEED_FILE.read_text(encoding="utf-8"))
    hr = _person("hr@example.com")
    stakeholders = [
        {
            "group": s["group"],
            "person_id": _person(s["email"]).id if "email" in s else None,
            "name": s.get("name"),
        }
        for s in seed["stakeholders"]
    ]
    kpis = [
        {**kpi, **{key: _money(kpi.get(key)) for key in ("baseline", "target", "actual")}}
        for kpi in seed["kpis"]
    ]
    values = {
        "name": name,
        "goal": seed["goal"],
        "owner_id": hr.id,
        "start_date": date(year, 1, 1),
        "end_date": date(year, 12, 31),
        "budget": _money(seed["budget"]),
        "kpis": kpis,
        "stakeholders": stakeholders,
    }
    return save_campaign(hr, None, values)


def load_demo(today: date) -> None:
    seed = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    campaign = ensure_campaign(today.year, seed)
    hr = _person("hr@example.com")
    teams = {team.name: team for team in db.session.scalars(select(Team))}
    existing = set(
        db.session.scalars(select(Initiative.title).where(Initiative.campaign_id == campaign.id))
    )
    for item in seed["initiatives"]:
        if item["title"] in existing:
            continue
        start, end = _day(today.year, item["start"]), _day(today.year, item["end"])
        status, progress = status_for(start, end, today)
        fixed_status = item.get("status")
        initiative = create_initiative(
            hr,
            {
                "campaign_id": campaign.id,
                "pillar": item["pillar"],
                "title": item["title"],
                "description": f"{item['trigger']}: {item['channel'].lower()} "
                f"for {item['audience'].lower()}.",
                "owner_id": _person(item["owner"]).id,
                "start_date": start,
                "end_date": end,
                "status": fixed_status or status,
                "progress": 0 if fixed_status else progress,
                "frequency": item["frequency"],
                "two_way": item["two_way"],
                "quick_win": item.get("quick_win", False),
                "sender": item["sender"],
                "audience": item["audience"],
                "trigger": item["trigger"],
                "channel": item["channel"],
                "tools": item["tools"],
                "budget": _money(item.get("budget")),
                "actual_cost": _money(item.get("actual_cost")),
                "audience_team_ids": [teams[name].id for name in item.get("teams", [])],
            },
        )
        if fixed_status == DRAFT:  # waits for its approver, who is told as on the page
            request_approval(hr, initiative, _person("olivia.bennett@example.com").id)
        _advance_rollouts(initiative, hr)
    db.session.flush()


def _advance_rollouts(initiative: Initiative, hr: Person) -> None:
    """Teams further along the longer an initiative has run, reported by their managers
    through the cascade service (audited), or by HR where a team has no manager."""
    notes = {
        DONE: "Covered in the team meeting; questions sent to HR.",
        IN_PROGRESS: "First sessions held, two colleagues still to join.",
    }
    for index, rollout in enumerate(initiative.rollouts):
        if initiative.status == DONE or (initiative.status == IN_PROGRESS and index % 3 == 0):
            status = DONE
        elif initiative.status == IN_PROGRESS and index % 3 == 1:
            status = IN_PROGRESS
        else:
            continue
        update_rollout(rollout.team.manager or hr, rollout, status, notes[status])
