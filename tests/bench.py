"""Speed benchmarks with years of data: `make bench`.

Builds a large organisation in a throw-away database (SQLite by default,
`BENCH_DATABASE_URL` for PostgreSQL) with bulk Core inserts, one `build_*` function per
feature, each keeping that feature's rules so every page works on the data:

- people and teams: departments with sub-teams, a manager per team, everyone's line manager;
- plans: a campaign a year with its initiatives and team rollouts;
- the ambassador programme: approved enrolments (a third of the ambassadors report to one
  manager, whose approval queue has real work), pending and declined ones, CX projects
  under each year's ambassador initiative, and years of weekly time: approved history with
  a few rejected, forgotten and long-waiting weeks, the last weeks submitted, this week in
  draft;
- customer praise with the praised people and their leaders' outreach, most of it done;
- recognition: categories, monthly and annual award cycles, nominations in every state
  (within each cycle's budget and the per-cycle limit), some with praise as evidence.

Then it times the busiest pages and API calls through the whole WSGI stack (test clients
signed in as HR, as an ambassador and as that busy manager; a bearer token of HR for the
API) and compares each 95th percentile with a target, with the number of SQL queries of
one request beside it. Exits non-zero when a target is missed or a request does not
answer 200. On PostgreSQL the tables are ANALYZEd after the build, as autovacuum would.
Speed targets live here, never in the test suite, where timings would make tests flaky.
Sizes come from the BENCH_* variables below; BENCH_SEED changes the random data.
"""

import bisect
import os
import random
import statistics
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from time import perf_counter

from sqlalchemy import event, func, insert, select, text, update

from config import TestingConfig, normalise_database_url
from eximpact import clock, create_app
from eximpact.ambassadors.models import (
    APPROVED,
    DRAFT,
    REJECTED,
    SUBMITTED,
    CxProject,
    Enrolment,
    TimeEntry,
    monday_of,
)
from eximpact.auth.services import issue_personal_token
from eximpact.campaigns.models import PILLARS, Campaign, Initiative, Rollout
from eximpact.extensions import db
from eximpact.org.models import Person, RoleAssignment, Team
from eximpact.praise.models import ENGAGEMENT_LEVELS, SOURCES, Outreach, Praise, praise_employee
from eximpact.recognition import models as recognition
from eximpact.recognition.models import AwardCycle, Category, Nomination, nomination_praise
from eximpact.recognition.periods import period_bounds, period_name, shift
from tests.factories import TEST_PASSWORD, password_hash

PEOPLE = int(os.environ.get("BENCH_PEOPLE", 5000))
TEAMS = int(os.environ.get("BENCH_TEAMS", 250))
YEARS = int(os.environ.get("BENCH_YEARS", 5))
INITIATIVES_PER_YEAR = int(os.environ.get("BENCH_INITIATIVES_PER_YEAR", 1500))
AMBASSADORS = int(os.environ.get("BENCH_AMBASSADORS", 150))
CX_PROJECTS = int(os.environ.get("BENCH_CX_PROJECTS", 40))
ENTRIES_PER_WEEK = int(os.environ.get("BENCH_ENTRIES_PER_WEEK", 6))  # per ambassador, average
PRAISE = int(os.environ.get("BENCH_PRAISE", 30000))
NOMINATIONS = int(os.environ.get("BENCH_NOMINATIONS", 15000))
RUNS = int(os.environ.get("BENCH_RUNS", 20))
SEED = int(os.environ.get("BENCH_SEED", 1))

CHUNK = 20_000  # rows per bulk insert
PER_CYCLE = TestingConfig.NOMINATIONS_PER_CYCLE
DUE_DAYS = TestingConfig.OUTREACH_DUE_DAYS
TODAY = clock.today()
NOW = clock.now()
FIRST_DAY = date(TODAY.year - YEARS + 1, 1, 1)  # the data covers FIRST_DAY..TODAY


@dataclass
class Scenario:
    name: str
    path: str
    target_ms: float
    api: bool = False
    client: str = "hr"  # who is signed in: hr, ambassador or manager


def _email(n: int) -> str:
    return f"person{n}@bench.example.com"


def _name(n: int) -> str:
    return f"Person {n:05d}"


def _insert(model_or_table, rows: list[dict]) -> None:
    """Core executemany in chunks: seconds for hundreds of thousands of rows."""
    table = getattr(model_or_table, "__table__", model_or_table)
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(table), rows[start : start + CHUNK])


def _ids(column) -> list[int]:
    """Ids in insertion order (the tables start empty, so ids grow with each insert)."""
    return db.session.scalars(select(column).order_by(column)).all()


def _quarter_hours(hours: float) -> Decimal:
    return max(Decimal("0.25"), Decimal(round(hours * 4)) / 4)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


# -- people and teams --------------------------------------------------------------------


def build_organisation() -> tuple[dict, str]:
    """Teams (the first tenth are departments, the rest sit under one), people, HR, a manager
    per team (a member of it), and everyone's line manager: their team's manager; a team's
    manager reports to the department's manager, a department's manager to HR."""
    hashed = password_hash()
    _insert(Team, [{"name": f"Team {n:04d}", "active": True} for n in range(TEAMS)])
    team_ids = _ids(Team.id)
    departments = max(1, TEAMS // 10)
    parent = [None if i < departments else i % departments for i in range(TEAMS)]
    # Person n (1 <= n <= TEAMS) manages team n - 1; everyone else is in team n % TEAMS.
    team_of_n = [n - 1 if 1 <= n <= TEAMS else n % TEAMS for n in range(PEOPLE)]
    _insert(
        Person,
        [
            {
                "name": _name(n),
                "email": _email(n),
                "password_hash": hashed,
                "team_id": team_ids[team_of_n[n]],
                "active": True,
                "login_nonce": f"{n:032d}",
            }
            for n in range(PEOPLE)
        ],
    )
    people = _ids(Person.id)
    hr_id, managers = people[0], people[1 : TEAMS + 1]
    _insert(
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
        "hr_email": _email(0),
        "busy_manager": managers[0],  # manages Team 0000, a department
        "manager_email": _email(1),
    }
    return org, f"{PEOPLE} people, {TEAMS} teams ({departments} departments)"


# -- campaigns and initiatives -----------------------------------------------------------


def _initiative(campaign_id: int, owner_id: int, title: str, start: date, **values) -> dict:
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
                _initiative(
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
        _insert(Initiative, rows)
    initiative_ids = _ids(Initiative.id)
    _insert(
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

ALLOCATIONS = (4, 6, 8)  # hours a week; even-numbered ambassadors agreed it as a % of 40 h
WEEK_LOADS = (0, 0.5, 0.75, 1, 1, 1, 1, 1, 1.25)  # share of the allocation logged (0: holiday)
PROJECT_THEMES = (
    "Callback promise",
    "Complaint root causes",
    "Customer voice in onboarding",
    "Self-service FAQ rewrite",
    "Store visit programme",
    "Billing clarity",
    "First-contact resolution",
    "Accessible letters",
)
NOTES = (
    "Workshop with the team",
    "Listened to customer calls",
    "Drafted the next steps",
    "Met the project owner",
    "",
    "",
)


def _week_state(rng: random.Random, weeks_ago: int, behind: bool) -> str:
    """This week in draft, last week submitted (and the week before for a manager behind);
    older weeks approved but for a few rejected, never submitted or still waiting."""
    if weeks_ago == 0:
        return DRAFT
    if weeks_ago == 1 or (weeks_ago == 2 and behind):
        return SUBMITTED
    roll = rng.random()
    if roll < 0.01:
        return DRAFT
    if roll < 0.02:
        return REJECTED
    if roll < 0.025:
        return SUBMITTED
    return APPROVED


def build_ambassadors(org: dict, plans: dict) -> tuple[dict, str]:
    """Enrolments, CX projects and years of weekly time, as the timesheet rules allow: hours
    in quarters on weekdays, never in the future, only inside the enrolment, at most a few
    hours a day; `week_start` is the Monday of `work_date`; deciders are line managers."""
    rng = random.Random(SEED)
    people, hr_id, busy = org["people"], org["hr_id"], org["busy_manager"]
    candidates = people[TEAMS + 1 :]  # neither HR nor a team's manager
    step = max(1, len(candidates) // (AMBASSADORS + 15))
    chosen = candidates[::step]
    ambassadors, others = chosen[:AMBASSADORS], chosen[AMBASSADORS : AMBASSADORS + 15]
    # A third of the ambassadors work in the busy manager's team and report to them.
    reports = ambassadors[: AMBASSADORS // 3]
    for pid in reports:
        org["manager_of"][pid] = busy
    if reports:
        db.session.execute(
            update(Person),
            [{"id": pid, "manager_id": busy, "team_id": org["team_ids"][0]} for pid in reports],
        )

    # Enrolments: a third from the first week, the rest up to 39 weeks later; every 15th
    # ended after two years (and lost the role).
    this_week = monday_of(TODAY)
    enrolments, rows = [], []
    for a, pid in enumerate(ambassadors):
        start = monday_of(FIRST_DAY) + timedelta(weeks=0 if a % 3 == 0 else a % 40)
        end = start + timedelta(weeks=104) - timedelta(days=1) if a % 15 == 14 else None
        if end is not None and end >= TODAY:
            end = None
        hours = ALLOCATIONS[a % 3]
        manager = org["manager_of"][pid]
        enrolments.append((pid, start, end, hours))
        rows.append(
            {
                "person_id": pid,
                "allocation_hours_per_week": Decimal(hours),
                "allocation_percent": Decimal(hours * 100 / 40) if a % 2 == 0 else None,
                "start_date": start,
                "end_date": end,
                "status": "approved",
                "requested_by_id": hr_id if a % 4 == 0 else manager,
                "decided_by_id": manager,
                "decided_at": _at(start - timedelta(days=3), 9),
            }
        )
    for k, pid in enumerate(others):  # two thirds wait for approval, a third were declined
        pending = k % 3 != 2
        start = this_week + timedelta(weeks=1) if pending else this_week - timedelta(weeks=20)
        rows.append(
            {
                "person_id": pid,
                "allocation_hours_per_week": Decimal(4),
                "allocation_percent": None,
                "start_date": start,
                "end_date": None,
                "status": "pending" if pending else "declined",
                "requested_by_id": org["manager_of"][pid],
                "decided_by_id": None if pending else org["manager_of"][pid],
                "decided_at": None if pending else _at(start - timedelta(days=2), 11),
            }
        )
    _insert(Enrolment, rows)
    _insert(
        RoleAssignment,
        [{"person_id": pid, "role": "ambassador"} for pid, _, end, _ in enrolments if end is None],
    )

    # CX projects: spread over the years, each under that year's ambassador initiative.
    _insert(
        Initiative,
        [
            _initiative(
                campaign_id,
                hr_id,
                f"CX ambassador programme {year}",
                date(year, 1, 1),
                end_date=date(year, 12, 31),
                status="in_progress" if year == TODAY.year else "done",
                progress=100 if year < TODAY.year else 80,
                two_way=True,
                frequency="weekly",
            )
            for year, campaign_id in plans["campaigns"].items()
        ],
    )
    initiative_of = {
        int(title.rsplit(" ", 1)[1]): iid
        for iid, title in db.session.execute(
            select(Initiative.id, Initiative.title).where(
                Initiative.title.like("CX ambassador programme %")
            )
        )
    }
    by_year = defaultdict(list)
    for p in range(CX_PROJECTS):
        by_year[FIRST_DAY.year + p * YEARS // CX_PROJECTS].append(p)
    project_rows = []
    for year, numbers in by_year.items():
        for k, p in enumerate(numbers):
            if year < TODAY.year:
                status = "cancelled" if k == 0 else "done"
            elif len(numbers) >= 3 and k == len(numbers) - 1:
                status = "proposed"
            elif len(numbers) >= 3 and k == len(numbers) - 2:
                status = "paused"
            else:
                status = "active"
            project_rows.append(
                {
                    "name": f"{PROJECT_THEMES[p % len(PROJECT_THEMES)]} {year}-{k + 1:02d}",
                    "goal": "Make one part of the customer's experience measurably better.",
                    "owner_id": hr_id if p % 3 == 0 else org["busy_manager"],
                    "initiative_id": initiative_of[year],
                    "status": status,
                    "hours_budget": Decimal(3000 + 500 * (p % 8)),
                }
            )
    _insert(CxProject, project_rows)
    projects_of_year = defaultdict(list)
    for pid, status, name in db.session.execute(
        select(CxProject.id, CxProject.status, CxProject.name).order_by(CxProject.id)
    ):
        if status != "proposed":  # a proposed project has taken no time yet
            projects_of_year[int(name.rsplit(" ", 1)[1][:4])].append(pid)

    # Time: a few entries a week per ambassador, on two or three of the year's projects.
    entries, counts = [], defaultdict(int)
    for a, (pid, start, end, hours) in enumerate(enrolments):
        manager, behind = org["manager_of"][pid], org["manager_of"][pid] == busy
        per_week = max(1, ENTRIES_PER_WEEK + a % 3 - 1)
        offsets = sorted((a + 2 * i) % 5 for i in range(per_week))  # weekdays
        week = start
        while week <= this_week and (end is None or week <= end):
            weeks_ago = (this_week - week).days // 7
            load = rng.choice(WEEK_LOADS)
            year_projects = projects_of_year[week.year]
            if load and year_projects:
                state = _week_state(rng, weeks_ago, behind)
                each = _quarter_hours(hours * load / per_week)
                mine = [year_projects[(a + j) % len(year_projects)] for j in range(2 + a % 2)]
                submitted = _at(week + timedelta(days=4), 16) if state != DRAFT else None
                decided = submitted + timedelta(days=2) if state in (APPROVED, REJECTED) else None
                for i, offset in enumerate(offsets):
                    day = week + timedelta(days=offset)
                    if day > TODAY or day < start or (end is not None and day > end):
                        continue
                    entries.append(
                        {
                            "person_id": pid,
                            "project_id": mine[i % len(mine)],
                            "work_date": day,
                            "week_start": week,
                            "hours": each,
                            "note": rng.choice(NOTES),
                            "status": state,
                            "rejection_reason": "Please split these hours by project."
                            if state == REJECTED
                            else None,
                            "submitted_at": submitted,
                            "decided_at": decided,
                            "decided_by_id": manager if decided else None,
                            "created_at": _at(day, 17),
                            "updated_at": decided or submitted or _at(day, 17),
                        }
                    )
                    counts[state] += 1
            week += timedelta(weeks=1)
            if len(entries) >= CHUNK:
                _insert(TimeEntry, entries)
                entries = []
    _insert(TimeEntry, entries)

    total = sum(counts.values())
    busiest = db.session.scalar(
        select(TimeEntry.project_id)
        .join(CxProject, CxProject.id == TimeEntry.project_id)
        .where(CxProject.status == "active")
        .group_by(TimeEntry.project_id)
        .order_by(func.count().desc())
        .limit(1)
    )
    states = ", ".join(f"{counts[s]:,} {s}" for s in (APPROVED, SUBMITTED, DRAFT, REJECTED))
    data = {
        "ambassador_email": _email(org["number"][ambassadors[0]]),
        "project": busiest,
        "entries": total,
    }
    summary = (
        f"{len(ambassadors)} ambassadors ({len(reports)} report to one manager), "
        f"{len(others)} other enrolments, {CX_PROJECTS} CX projects, "
        f"{total:,} time entries ({states})"
    )
    return data, summary


# -- customer praise and outreach --------------------------------------------------------

PRAISE_TEXTS = (
    "{name} sorted out my billing mess in one call and rang back the next day to check.",
    "{name} was patient and kind, and explained every step. The best support I have had.",
    "I called to cancel and ended up renewing: {name} actually listened.",
    "Five stars for {name}. Quick, friendly, and did exactly what was promised.",
    "{name} understood my problem before I had finished typing it. Impressive!",
    "{name} stayed on the line until my card was unblocked at the airport. A lifesaver.",
)
INTAKE_WEIGHTS = {"form": 50, "csv": 20, "api": 5, "webhook": 25}
OUTREACH_NOTES = {
    "note": "A handwritten card to say thank you.",
    "call": "Called to say thanks and shared it at the team huddle.",
    "visit": "Visited the team with coffee and the praise printed out.",
}


def _outreach_done(rng: random.Random, received: date, due: date) -> datetime | None:
    """When the leader followed up: nearly always for old praise, mostly on time."""
    age = (TODAY - received).days
    roll = rng.random()
    if age > 3 * DUE_DAYS:
        if roll >= 0.97:
            return None  # overdue, never done
        if roll < 0.85:
            return _at(received + timedelta(days=rng.randint(0, DUE_DAYS)), 10, 30)
        return _at(min(TODAY, due + timedelta(days=rng.randint(1, 14))), 10, 30)
    if roll < 0.5:
        return _at(received + timedelta(days=rng.randint(0, min(age, DUE_DAYS))), 10, 30)
    return None


def build_praise(org: dict) -> tuple[dict, str]:
    """Praise spread over the years (one to three people each; ambassadors and the busy
    manager's reports more often), each with an outreach per praised person for their
    line manager, due DUE_DAYS after receipt."""
    rng = random.Random(SEED + 1)
    people, hr_id, manager_of = org["people"], org["hr_id"], org["manager_of"]
    everyone = people[1:]
    busy_reports = [pid for pid, mid in manager_of.items() if mid == org["busy_manager"]]
    ambassadors = db.session.scalars(
        select(RoleAssignment.person_id).where(RoleAssignment.role == "ambassador")
    ).all()
    days = (TODAY - FIRST_DAY).days + 1
    rows, named = [], []
    for i in range(PRAISE):
        received = FIRST_DAY + timedelta(days=i * days // PRAISE)
        roll = rng.random()
        pool = ambassadors if roll < 0.25 else busy_reports if roll < 0.3 else everyone
        praised = {rng.choice(pool)}
        for _ in range(0 if roll < 0.8 else 1 if roll < 0.95 else 2):
            praised.add(rng.choice(everyone))
        intake = rng.choices(list(INTAKE_WEIGHTS), weights=list(INTAKE_WEIGHTS.values()))[0]
        level = rng.choice((None, 3, 4, 4, 5, 5))
        emotion = rng.choice(ENGAGEMENT_LEVELS[level][1]) if level and rng.random() < 0.7 else None
        customer = f"CASE-{rng.randrange(PRAISE // 2 + 1)}" if rng.random() < 0.8 else None
        logged_by = {"webhook": None, "csv": hr_id, "api": hr_id}.get(intake, rng.choice(everyone))
        rows.append(
            {
                "source": rng.choice(("survey", "nps") if intake == "webhook" else SOURCES),
                "received_at": received,
                "text": rng.choice(PRAISE_TEXTS).format(name=_name(org["number"][min(praised)])),
                "nps": rng.choice((None, 8, 9, 9, 10, 10)),
                "engagement_level": level,
                "emotion": emotion,
                "customer_ref": customer,  # repeats now and then, as customers write again
                "external_id": None if intake == "form" else f"{intake}-{i}",
                "intake": intake,
                "logged_by_id": logged_by,
                "created_at": _at(received, 9) + timedelta(minutes=i % 480),
            }
        )
        named.append(sorted(praised))
    _insert(Praise, rows)
    praise_ids = _ids(Praise.id)

    links, outreach = [], []
    praise_of = defaultdict(list)  # person → [(received, praise id)], oldest first
    for praise_id, row, praised in zip(praise_ids, rows, named, strict=True):
        received = row["received_at"]
        due = received + timedelta(days=DUE_DAYS)
        for pid in praised:
            links.append({"praise_id": praise_id, "person_id": pid})
            praise_of[pid].append((received, praise_id))
            if (leader := manager_of[pid]) is None:
                continue  # nobody to follow up, as in `outreach_leader`
            done = _outreach_done(rng, received, due)
            kind = rng.choice(tuple(OUTREACH_NOTES)) if done else None
            outreach.append(
                {
                    "praise_id": praise_id,
                    "employee_id": pid,
                    "leader_id": leader,
                    "due_on": due,
                    "status": "done" if done else "open",
                    "kind": kind,
                    "note": OUTREACH_NOTES[kind] if done else "",
                    "completed_at": done,
                    "completed_by_id": leader if done else None,
                    "overdue_notified_at": _at(due + timedelta(days=1), 6)
                    if not done and due < TODAY
                    else None,
                    "created_at": row["created_at"],
                }
            )
    _insert(praise_employee, links)
    _insert(Outreach, outreach)
    done = sum(1 for item in outreach if item["status"] == "done")
    summary = (
        f"{PRAISE:,} praise, {len(links):,} praised-person links, "
        f"{len(outreach):,} outreach ({done:,} done)"
    )
    return {"praise_of": praise_of}, summary


# -- recognition -------------------------------------------------------------------------

CATEGORIES = (
    # name, reward kind, reward, what it costs, active
    ("Customer hero", "points", "500 points and the Customer Hero badge", "50.00", True),
    ("Ownership", "voucher", "A 75 € gift voucher", "75.00", True),
    ("One team", "badge", "The One Team badge", "0.00", True),
    ("Going the extra mile", "day_off", "A day off", "200.00", True),
    ("Rookie of the month", "gift", "A book of their choice", "40.00", True),
    ("Service legend", "other", "Lunch with the board", "100.00", False),
)
REASONS = (
    "turns confused customers into fans, and two of them wrote in about it this month.",
    "covered my chats for a whole afternoon so I could finish a difficult case.",
    "rewrote the refund checklist so nobody has to guess any more.",
    "went out on a Sunday evening to a family with small children and no heating.",
    "trained two new starters on our toughest call types during busy weeks.",
)
MONTHLY_BUDGET, ANNUAL_BUDGET = Decimal("3000.00"), Decimal("5000.00")


def _cycles(hr_id: int) -> list[dict]:
    """A monthly cycle for every month so far (nominations open all month) and an annual
    one a year (nominations in December)."""
    cycles, month = [], FIRST_DAY
    while month <= TODAY:
        start, end = period_bounds("month", month)
        cycles.append(
            {
                "name": f"Service heroes — {period_name('month', month)}",
                "cadence": "monthly",
                "period_start": start,
                "period_end": end,
                "opens_on": start,
                "closes_on": end,
                "budget": MONTHLY_BUDGET,
                "created_by_id": hr_id,
            }
        )
        month = end + timedelta(days=1)
    for year in range(FIRST_DAY.year, TODAY.year + 1):
        cycles.append(
            {
                "name": f"Customer hero of the year {year}",
                "cadence": "annual",
                "period_start": date(year, 1, 1),
                "period_end": date(year, 12, 31),
                "opens_on": date(year, 12, 1),
                "closes_on": date(year, 12, 31),
                "budget": ANNUAL_BUDGET,
                "created_by_id": hr_id,
            }
        )
    return cycles


def _review(rng: random.Random, cycle: dict, created: datetime) -> tuple[str, datetime | None]:
    """The state a nomination reached and when it was reviewed: old cycles are decided."""
    settled = cycle["closes_on"] < TODAY - timedelta(days=14)
    roll = rng.random()
    if roll < (0.03 if settled else 0.45):
        return recognition.SUBMITTED, None
    reviewed = created + timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 8))
    if reviewed > NOW - timedelta(hours=1):
        return recognition.SUBMITTED, None
    if roll < (0.18 if settled else 0.55):
        return recognition.DECLINED, reviewed
    if roll < (0.32 if settled else 0.6):
        return recognition.AWARDED, reviewed
    return recognition.APPROVED, reviewed


def build_recognition(org: dict, praise: dict) -> tuple[dict, str]:
    """Categories, cycles and nominations: never oneself, once per nominee and at most
    PER_CYCLE per nominator in a cycle, made inside its window, reviewed by the nominee's
    manager (HR when the manager nominated), awards within the cycle's budget, evidence
    only praise of the nominee."""
    rng = random.Random(SEED + 2)
    hr_id, manager_of = org["hr_id"], org["manager_of"]
    nominators = org["people"][1:]  # HR reviews and awards; nobody nominates them here
    _insert(
        Category,
        [
            {
                "name": name,
                "description": f"{name}: what customers tell others about.",
                "reward_kind": kind,
                "reward": reward,
                "reward_value": Decimal(value),
                "active": active,
            }
            for name, kind, reward, value, active in CATEGORIES
        ],
    )
    categories = db.session.execute(
        select(Category.id, Category.reward, Category.reward_value, Category.active).order_by(
            Category.id
        )
    ).all()
    active_categories = [c for c in categories if c.active]
    cycles = _cycles(hr_id)
    _insert(AwardCycle, cycles)
    cycle_ids = _ids(AwardCycle.id)

    open_cycles = [c for c in cycles if c["opens_on"] <= TODAY]
    per_cycle = NOMINATIONS // max(1, len(open_cycles))
    praise_of = praise["praise_of"]
    rows, evidence, counts = [], [], defaultdict(int)
    for cycle_id, cycle in zip(cycle_ids, cycles, strict=True):
        if cycle["opens_on"] > TODAY:
            continue
        window = (min(cycle["closes_on"], TODAY) - cycle["opens_on"]).days + 1
        made = defaultdict(set)  # nominator → nominees in this cycle
        budget_left = cycle["budget"]
        pairs = []
        for _ in range(per_cycle):
            nominator, nominee = rng.choice(nominators), rng.choice(nominators)
            pairs.append((nominator, nominee))
            if rng.random() < 0.02:
                pairs.append((nominee, nominator))  # reciprocal: the reviewers see a flag
        for nominator, nominee in pairs:
            if nominee == nominator or nominee in made[nominator]:
                continue
            if len(made[nominator]) >= PER_CYCLE:
                continue
            made[nominator].add(nominee)
            created = _at(cycle["opens_on"] + timedelta(days=rng.randrange(window)), 9)
            created += timedelta(minutes=rng.randrange(8 * 60))
            if created > NOW:
                created = NOW - timedelta(minutes=rng.randint(5, 60))
            category = rng.choice(active_categories)
            status, reviewed = _review(rng, cycle, created)
            awarded = None
            if status == recognition.AWARDED:
                awarded = reviewed + timedelta(days=rng.randint(1, 5))
                if awarded > NOW or category.reward_value > budget_left:
                    status, awarded = recognition.APPROVED, None
                else:
                    budget_left -= category.reward_value
            reviewer = manager_of[nominee]
            if reviewer in (None, nominator):
                reviewer = hr_id
            public = status in recognition.PUBLIC_STATUSES
            rows.append(
                {
                    "cycle_id": cycle_id,
                    "category_id": category.id,
                    "nominator_id": nominator,
                    "nominee_id": nominee,
                    "reason": f"{_name(org['number'][nominee])} {rng.choice(REASONS)}",
                    "status": status,
                    "reviewed_by_id": reviewer if reviewed else None,
                    "reviewed_at": reviewed,
                    "decline_reason": "Please nominate this under One team."
                    if status == recognition.DECLINED
                    else None,
                    "awarded_by_id": hr_id if awarded else None,
                    "awarded_at": awarded,
                    "reward": category.reward if awarded else None,
                    "reward_value": category.reward_value if awarded else None,
                    "recognised_at": (awarded or reviewed) if public else None,
                    "created_at": created,
                    "updated_at": awarded or reviewed or created,
                }
            )
            counts[status] += 1
            # Evidence: up to two pieces of the nominee's praise from the weeks before.
            theirs = praise_of.get(nominee, [])
            low = bisect.bisect_left(theirs, (cycle["period_start"] - timedelta(days=60), 0))
            high = bisect.bisect_right(theirs, (created.date(), sys.maxsize))
            recent = [praise_id for _, praise_id in theirs[low:high]]
            evidence.append(recent[-2:] if recent and rng.random() < 0.6 else [])
    _insert(Nomination, rows)
    nomination_ids = _ids(Nomination.id)
    links = [
        {"nomination_id": nomination_id, "praise_id": praise_id}
        for nomination_id, praise_ids in zip(nomination_ids, evidence, strict=True)
        for praise_id in praise_ids
    ]
    _insert(nomination_praise, links)
    states = ", ".join(f"{counts[s]:,} {s}" for s in recognition.STATUSES)
    summary = (
        f"{len(categories)} categories, {len(cycles)} cycles, "
        f"{len(rows):,} nominations ({states}), {len(links):,} with praise as evidence"
    )
    return {"team": org["team_ids"][0]}, summary


# -- building and timing -----------------------------------------------------------------


def build_data(app) -> dict:
    """Every feature's data, feature by feature, timed; then HR's API token."""
    with app.app_context():

        def timed(name: str, build, *args) -> dict:
            started = perf_counter()
            data, summary = build(*args)
            print(f"  {name:<13} {perf_counter() - started:5.1f} s  {summary}")
            return data

        org = timed("organisation", build_organisation)
        plans = timed("plans", build_plans, org)
        ambassadors = timed("ambassadors", build_ambassadors, org, plans)
        praise = timed("praise", build_praise, org)
        recognition_data = timed("recognition", build_recognition, org, praise)
        hr = db.session.get(Person, org["hr_id"])
        _, token = issue_personal_token(hr, "bench", None)
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("ANALYZE"))  # what autovacuum does after a bulk load
            db.session.commit()
        return {
            "hr_email": org["hr_email"],
            "manager_email": org["manager_email"],
            "token": token,
            "campaign": plans["campaign"],
            **ambassadors,
            **recognition_data,
        }


def scenarios(data: dict) -> list[Scenario]:
    campaign, project, team = data["campaign"], data["project"], data["team"]
    year = TODAY.year - 1 if YEARS > 1 else TODAY.year
    year_range = f"from={year}-01-01&to={year}-12-31"
    month_end = TODAY.replace(day=1) - timedelta(days=1)  # last full month
    month_range = f"from={month_end.replace(day=1)}&to={month_end}"
    last_week = monday_of(TODAY) - timedelta(weeks=1)
    deep_page = max(1, data["entries"] // 200 * 3 // 4)
    periods = {
        "month": month_end,
        "quarter": shift("quarter", TODAY, -1),
        "year": date(year, 6, 30),
    }
    boards = []
    for period, day in periods.items():
        for scope, extra in (("", ""), (", one team", f"&team={team}")):
            query = f"period={period}&date={day}"
            boards.append(
                Scenario(
                    f"Leaderboard, a {period}{scope}",
                    f"/recognition/leaderboard?{query}" + extra,
                    400,
                )
            )
            boards.append(
                Scenario(
                    f"Leaderboard (API), a {period}{scope}",
                    f"/api/v1/recognition/leaderboard?{query}" + extra.replace("team=", "team_id="),
                    300,
                    api=True,
                )
            )
    return [
        # people, teams, campaigns and initiatives
        Scenario("Programme dashboard (page)", f"/campaigns/{campaign}", 400),
        Scenario("Dashboard (API)", f"/api/v1/campaigns/{campaign}/dashboard", 300, api=True),
        Scenario(
            "Initiatives list, filtered",
            f"/campaigns/initiatives?campaign={campaign}&pillar=engage",
            300,
        ),
        Scenario(
            "Initiatives (API), page 40", "/api/v1/initiatives?page=40&per_page=50", 300, api=True
        ),
        Scenario("Timeline", f"/campaigns/{campaign}/timeline", 600),
        Scenario("Communication plan CSV", f"/campaigns/{campaign}/communication-plan.csv", 800),
        Scenario("People admin, search", "/org/people?q=person 4", 250),
        Scenario("People (API)", "/api/v1/people?per_page=200", 300, api=True),
        Scenario("Home page", "/", 250),
        # the ambassador programme
        Scenario(
            "Timesheet, last week (ambassador)",
            f"/ambassadors/timesheet?week={last_week}",
            400,
            client="ambassador",
        ),
        Scenario("Approval queue (manager)", "/ambassadors/approvals", 400, client="manager"),
        Scenario("Hours report by project, a year", f"/ambassadors/reports?{year_range}", 600),
        Scenario(
            "Hours report by month, a year",
            f"/ambassadors/reports?{year_range}&group_by=month",
            600,
        ),
        Scenario(
            "Hours report (API) by month, a year",
            f"/api/v1/reports/hours?group_by=month&{year_range}",
            300,
            api=True,
        ),
        Scenario(
            f"Time entries (API), page {deep_page}",
            f"/api/v1/time-entries?per_page=200&page={deep_page}",
            300,
            api=True,
        ),
        Scenario("Time entries list (page)", "/ambassadors/entries", 400),
        Scenario(
            "Hours CSV (API), a month", f"/api/v1/reports/hours.csv?{month_range}", 1000, api=True
        ),
        Scenario("CX project page", f"/ambassadors/projects/{project}", 400),
        # praise and recognition
        Scenario("Recognition wall", "/recognition/", 400),
        Scenario("Wall (API), page 5", "/api/v1/recognition/wall?page=5", 300, api=True),
        *boards,
        Scenario("Praise list", "/praise/", 400),
        Scenario("My outreach (manager)", "/praise/outreach", 400, client="manager"),
        Scenario("Outreach report, 90 days", "/praise/outreach/report", 400),
        Scenario("Outreach report, a year", "/praise/outreach/report?days=365", 600),
        Scenario(
            "Nominations to review (manager)", "/recognition/nominations", 400, client="manager"
        ),
        Scenario(
            "Nominations (API), page 20", "/api/v1/nominations?page=20&per_page=50", 300, api=True
        ),
    ]


class QueryCounter:
    """Counts the SQL statements the engine runs (to tell a slow query from many queries)."""

    def __init__(self, engine):
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._count)

    def _count(self, *_args) -> None:
        self.count += 1


def measure(client, scenario: Scenario, headers: dict, queries: QueryCounter):
    """Timings of RUNS requests after two that warm caches, and the queries of the last one."""
    timings = []
    for _ in range(RUNS + 2):
        before = queries.count
        started = perf_counter()
        response = client.get(scenario.path, headers=headers if scenario.api else {})
        response.get_data()
        elapsed = (perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{scenario.name}: HTTP {response.status_code} on {scenario.path}")
        timings.append(elapsed)
    return timings[2:], queries.count - before


def signed_in(app, email: str):
    client = app.test_client()
    response = client.post("/sign-in", data={"email": email, "password": TEST_PASSWORD})
    if response.status_code != 302:
        raise SystemExit(f"Could not sign in as {email}: HTTP {response.status_code}")
    return client


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        url = normalise_database_url(
            os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{Path(folder) / 'bench.db'}")
        )
        config = type("BenchConfig", (TestingConfig,), {"SQLALCHEMY_DATABASE_URI": url})
        app = create_app(config)
        from tests.conftest import reset_database

        reset_database(app)
        print(f"Building {YEARS} years of data on {url.split(':')[0]}…")
        started = perf_counter()
        data = build_data(app)
        print(f"  built in {perf_counter() - started:.1f} s\n")
        clients = {
            "hr": signed_in(app, data["hr_email"]),
            "ambassador": signed_in(app, data["ambassador_email"]),
            "manager": signed_in(app, data["manager_email"]),
        }
        headers = {"Authorization": f"Bearer {data['token']}"}
        with app.app_context():
            queries = QueryCounter(db.engine)
        failures = 0
        print(f"{'scenario':<40} {'median':>8} {'p95':>8} {'target':>8} {'queries':>8}")
        for scenario in scenarios(data):
            timings, count = measure(clients[scenario.client], scenario, headers, queries)
            timings.sort()
            p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
            ok = p95 <= scenario.target_ms
            failures += not ok
            print(
                f"{scenario.name:<40} {statistics.median(timings):>6.0f}ms {p95:>6.0f}ms "
                f"{scenario.target_ms:>6.0f}ms {count:>8} {'ok' if ok else 'TOO SLOW'}"
            )
        with app.app_context():
            db.engine.dispose()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
