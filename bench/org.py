"""The benchmark's organisation (teams, people, managers) and its plans (campaigns,
initiatives, rollouts)."""

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import insert, select, update

from bench.common import (
    FIRST_DAY,
    INITIATIVES_PER_YEAR,
    PEOPLE,
    TEAMS,
    TODAY,
    YEARS,
    email_of,
    ids_of,
    insert_rows,
    name_of,
    password_hash,
)
from eximpact.campaigns.models import PILLARS, Campaign, Initiative, Rollout
from eximpact.extensions import db
from eximpact.org.models import Person, RoleAssignment, Team

# -- people and teams --------------------------------------------------------------------


def build_organisation() -> tuple[dict, str]:
    """Teams (the first tenth are departments, the rest sit under one), people, HR, a manager
    per team (a member of it), and everyone's line manager: their team's manager; a team's
    manager reports to the department's manager, a department's manager to HR."""
    hashed = password_hash()
    insert_rows(Team, [{"name": f"Team {n:04d}", "active": True} for n in range(TEAMS)])
    team_ids = ids_of(Team.id)
    departments = max(1, TEAMS // 10)
    parent = [None if i < departments else i % departments for i in range(TEAMS)]
    # Person n (1 <= n <= TEAMS) manages team n - 1; everyone else is in team n % TEAMS.
    team_of_n = [n - 1 if 1 <= n <= TEAMS else n % TEAMS for n in range(PEOPLE)]
    insert_rows(
        Person,
        [
            {
                "name": name_of(n),
                "email": email_of(n),
                "password_hash": hashed,
                "team_id": team_ids[team_of_n[n]],
                "active": True,
                "login_nonce": f"{n:032d}",
            }
            for n in range(PEOPLE)
        ],
    )
    people = ids_of(Person.id)
    hr_id, managers = people[0], people[1 : TEAMS + 1]
    insert_rows(
        RoleAssignment,
        [{"person_id": hr_id, "role": "hr"}]
        + [{"person_id": pid, "role": "manager"} for pid in managers],
    )
    db.session.execute(
        update(Team),
        [
            {
                "id": team_ids[i],
                "manager_id": managers[i],
                "parent_id": None if parent[i] is None else team_ids[parent[i]],
            }
            for i in range(TEAMS)
        ],
    )
    manager_of = {hr_id: None}
    for n in range(1, PEOPLE):
        team = team_of_n[n]
        if n <= TEAMS:  # a team's manager
            manager_of[people[n]] = hr_id if parent[team] is None else managers[parent[team]]
        else:
            manager_of[people[n]] = managers[team]
    db.session.execute(
        update(Person), [{"id": pid, "manager_id": mid} for pid, mid in manager_of.items()]
    )
    org = {
        "people": people,
        "number": {pid: n for n, pid in enumerate(people)},
        "team_ids": team_ids,
        "manager_of": manager_of,
        "hr_id": hr_id,
        "hr_email": email_of(0),
        "busy_manager": managers[0],  # manages Team 0000, a department
        "manager_email": email_of(1),
    }
    return org, f"{PEOPLE} people, {TEAMS} teams ({departments} departments)"


# -- campaigns and initiatives -----------------------------------------------------------


def initiative_row(campaign_id: int, owner_id: int, title: str, start: date, **values) -> dict:
    row = {
        "campaign_id": campaign_id,
        "pillar": "engage",
        "title": title,
        "description": "",
        "owner_id": owner_id,
        "start_date": start,
        "end_date": start + timedelta(days=60),
        "status": "planned",
        "progress": 0,
        "budget": Decimal(0),
        "actual_cost": Decimal(0),
        "two_way": False,
        "quick_win": False,
        "sender": "",
        "audience": "",
        "trigger": "",
        "channel": "",
        "tools": "",
        "frequency": "once",
        "approval_state": "not_required",
        "approval_comment": "",
    }
    return row | values


def build_plans(org: dict) -> tuple[dict, str]:
    """A campaign a year with its initiatives (every status and pillar) and team rollouts."""
    people, team_ids, hr_id = org["people"], org["team_ids"], org["hr_id"]
    campaigns = {}
    for year in range(FIRST_DAY.year, TODAY.year + 1):
        db.session.execute(
            insert(Campaign),
            [
                {
                    "name": f"CX culture {year}",
                    "goal": "",
                    "owner_id": hr_id,
                    "start_date": date(year, 1, 1),
                    "end_date": date(year, 12, 31),
                    "budget": Decimal(500_000),
                }
            ],
        )
        campaign_id = db.session.scalar(
            select(Campaign.id).where(Campaign.name == f"CX culture {year}")
        )
        campaigns[year] = campaign_id
        rows = []
        for n in range(INITIATIVES_PER_YEAR):
            start = date(year, 1, 1) + timedelta(days=(n * 7) % 330)
            rows.append(
                initiative_row(
                    campaign_id,
                    people[n % PEOPLE],
                    f"Initiative {year}-{n}",
                    start,
                    pillar=PILLARS[n % 5],
                    end_date=start + timedelta(days=30 + n % 120),
                    status=("planned", "in_progress", "done", "draft", "cancelled")[n % 5],
                    progress=n % 101,
                    budget=Decimal(n % 5000),
                    actual_cost=Decimal(n % 4000),
                    two_way=n % 3 == 0,
                    quick_win=n % 7 == 0,
                    frequency=("once", "weekly", "monthly", "quarterly")[n % 4],
                )
            )
        insert_rows(Initiative, rows)
    initiative_ids = ids_of(Initiative.id)
    insert_rows(
        Rollout,
        [
            {
                "initiative_id": iid,
                "team_id": team_ids[(iid * 7 + k) % TEAMS],
                "status": "not_started",
                "note": "",
            }
            for iid in initiative_ids[::3]
            for k in range(3)
        ],
    )
    plans = {"campaigns": campaigns, "campaign": campaigns[TODAY.year]}
    return plans, f"{YEARS} years × {INITIATIVES_PER_YEAR} initiatives"


# -- the ambassador programme ------------------------------------------------------------
