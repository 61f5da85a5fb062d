"""Demo data for the ambassador programme: idempotent, dated relative to `today`.

Five ambassadors in four teams with a few months of weekly time in every state:
approved history, a rejected entry, one week over its allocation (Jonas Weber), Sam
Okafor's last week waiting for manager@example.com, and this week in draft. Everything
goes through the services the pages use: enrolments are proposed and approved, entries
pass the timesheet's rules (`apply_changes`), then are submitted and decided (audited).
The CX projects hang on an Engage initiative of the campaign "CX culture <year>",
found or created by name so the campaigns demo and this one agree.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import select

from eximpact.ambassadors.models import (
    ACTIVE,
    ENROLMENT_APPROVED,
    CxProject,
    Enrolment,
    TimeEntry,
    monday_of,
)
from eximpact.ambassadors.services import approvals
from eximpact.ambassadors.services.enrolments import decide_enrolment, enrol
from eximpact.ambassadors.services.entries import apply_changes
from eximpact.ambassadors.services.projects import save_project
from eximpact.ambassadors.services.rules import Change
from eximpact.campaigns.models import Campaign, Initiative
from eximpact.campaigns.services.planning import create_initiative, save_campaign
from eximpact.extensions import db
from eximpact.org.models import Person

INITIATIVE_TITLE = "CX ambassador programme"
PROJECTS = [
    # name, status at the end, hours budget, goal
    (
        "Callback promise",
        "active",
        "300",
        "Every customer who asks for a callback gets one the same day.",
    ),
    (
        "Complaint root causes",
        "active",
        "200",
        "Find and fix the five causes behind half of our complaints.",
    ),
    (
        "Customer voice in onboarding",
        "active",
        "120",
        "New starters hear real customer calls in week one.",
    ),
    (
        "Self-service FAQ rewrite",
        "done",
        "80",
        "Rewrite the twenty most-read help pages with customers.",
    ),
    (
        "Store visit programme",
        "proposed",
        "150",
        "Back-office staff spend a day a quarter in a store.",
    ),
]
# e-mail, hours per week, % of the week (display only), projects worked on (by index)
AMBASSADORS = [
    ("ambassador@example.com", "8", "20", (0, 1, 3)),
    ("jonas.weber@example.com", "4", None, (1, 2)),
    ("liam.oconnor@example.com", "6", "15", (0, 2)),
    ("noah.schmidt@example.com", "4", "10", (2, 3)),
    ("omar.farouk@example.com", "4", None, (0, 1)),
]
PENDING = ("aisha.rahman@example.com", "4", "hr@example.com")
OVER_ALLOCATION = ("jonas.weber@example.com", 4)  # who, and how many weeks ago
REJECTION = ("ambassador@example.com", 3, "Please split these hours between the two projects.")


def _person(email: str) -> Person | None:
    return db.session.scalar(select(Person).where(Person.email == email))


def engage_initiative(today: date, owner: Person) -> Initiative:
    """An Engage initiative of "CX culture <year>", creating the campaign and it if need be."""
    name = f"CX culture {today.year}"
    campaign = db.session.scalar(select(Campaign).where(Campaign.name == name))
    if campaign is None:
        campaign = save_campaign(
            owner,
            None,
            {
                "name": name,
                "goal": "Every week of the year carries some of our customer-experience culture.",
                "owner_id": owner.id,
                "start_date": date(today.year, 1, 1),
                "end_date": date(today.year, 12, 31),
                "kpis": [],
                "stakeholders": [],
            },
        )
    in_campaign = select(Initiative).where(
        Initiative.campaign_id == campaign.id, Initiative.pillar == "engage"
    )
    initiative = db.session.scalar(
        in_campaign.where(Initiative.title == INITIATIVE_TITLE)
    ) or db.session.scalar(in_campaign.order_by(Initiative.id).limit(1))
    if initiative is None:
        initiative = create_initiative(
            owner,
            {
                "campaign_id": campaign.id,
                "pillar": "engage",
                "title": INITIATIVE_TITLE,
                "description": "Ambassadors give part of their week to CX projects.",
                "owner_id": owner.id,
                "start_date": campaign.start_date,
                "end_date": campaign.end_date,
                "status": "in_progress",
                "frequency": "weekly",
                "two_way": True,
            },
        )
    return initiative


def _projects(initiative: Initiative, owner: Person) -> list[CxProject]:
    """The demo projects, found by name or created active (statuses are set at the end)."""
    projects = []
    for name, _status, budget, goal in PROJECTS:
        project = db.session.scalar(select(CxProject).where(CxProject.name == name))
        if project is None:
            project = save_project(
                owner,
                None,
                name=name,
                initiative_id=initiative.id,
                owner_id=owner.id,
                goal=goal,
                status=ACTIVE,
                hours_budget=Decimal(budget),
            )
        projects.append(project)
    return projects


def load_demo(today: date) -> None:
    hr = _person("hr@example.com")
    if hr is None:
        return  # no demo organisation: nothing to hang the programme on
    start = (today.replace(day=1) - timedelta(days=100)).replace(day=1)
    projects = _projects(engage_initiative(today, hr), hr)
    fresh_projects = all(
        db.session.scalar(select(TimeEntry.id).where(TimeEntry.project_id == p.id).limit(1)) is None
        for p in projects
    )
    for email, hours, percent, worked_on in AMBASSADORS:
        person = _person(email)
        if person is None:
            continue
        enrolment = _enrolment(person, hr, hours, percent, start, today)
        has_entries = db.session.scalar(
            select(TimeEntry.id).where(TimeEntry.person_id == person.id).limit(1)
        )
        if fresh_projects and has_entries is None:
            _log_history(person, enrolment, [projects[i] for i in worked_on], today)
    _pending_enrolment(today)
    for project, (_name, status, _budget, _goal) in zip(projects, PROJECTS, strict=True):
        if project.status == ACTIVE and status != ACTIVE and fresh_projects:
            save_project(
                hr,
                project,
                name=project.name,
                initiative_id=project.initiative_id,
                owner_id=project.owner_id,
                goal=project.goal,
                status=status,
                hours_budget=project.hours_budget,
            )
    db.session.flush()


def _enrolment(person: Person, hr: Person, hours: str, percent, start: date, today: date):
    """HR proposes, the person's manager approves: the same steps (and audit) as the pages."""
    enrolment = db.session.scalar(
        select(Enrolment).where(
            Enrolment.person_id == person.id, Enrolment.status == ENROLMENT_APPROVED
        )
    )
    if enrolment is None:
        enrolment = enrol(
            hr,
            person,
            start_date=start,
            hours=None if percent else Decimal(hours),
            percent=Decimal(percent) if percent else None,
        )
        decide_enrolment(person.manager or hr, enrolment, True, today)
    return enrolment


def _pending_enrolment(today: date) -> None:
    email, hours, requester = PENDING
    person = _person(email)
    if person is None or db.session.scalar(
        select(Enrolment.id).where(Enrolment.person_id == person.id)
    ):
        return
    enrol(
        _person(requester),
        person,
        start_date=monday_of(today) + timedelta(days=7),
        hours=Decimal(hours),
    )


def _log_history(person: Person, enrolment: Enrolment, projects, today: date) -> None:
    """Weeks of time from the enrolment's start to today, then each week's state."""
    rng = random.Random(person.email)  # noqa: S311  (the same demo every time, not security)
    this_week = monday_of(today)
    weeks = []
    week = monday_of(enrolment.start_date)
    while week <= this_week:
        weeks.append(week)
        week += timedelta(days=7)
    changes = []
    for week in weeks:
        ago = (this_week - week).days // 7
        target = enrolment.allocation_hours_per_week
        if (person.email, ago) == OVER_ALLOCATION:
            target += Decimal(3)
        elif ago > 1:  # quieter weeks happen: holidays, busy queues
            target = _half_hours(target * Decimal(rng.choice(["0.5", "0.75", "1", "1", "1"])))
        changes.extend(_week_changes(rng, week, ago, target, projects, enrolment, today))
    entries = apply_changes(person, person, changes, today)
    _set_states(person, entries, this_week)


def _week_changes(rng, week, ago, target, projects, enrolment, today) -> list[Change]:
    """`target` hours spread over two or three weekdays and the week's projects."""
    active = [p for p in projects if ago >= 6 or p.name != PROJECTS[3][0]]
    days = [
        week + timedelta(days=offset)
        for offset in sorted(rng.sample(range(5), 3 if target > 5 else 2))
    ]
    days = [d for d in days if enrolment.start_date <= d <= today]
    changes, left = [], target
    for index, day in enumerate(days):
        hours = left if index == len(days) - 1 else _half_hours(target / len(days))
        left -= hours
        if hours > 0:
            project = active[(index + ago) % len(active)]
            changes.append(Change(f"{day}.", None, project.id, day, hours, _note(rng, project)))
    return changes


def _half_hours(hours: Decimal) -> Decimal:
    return (hours * 2).quantize(Decimal(1)) / 2


def _note(rng, project: CxProject) -> str:
    return rng.choice(
        [
            f"{project.name}: workshop with the team",
            f"{project.name}: listened to customer calls",
            f"{project.name}: drafted the next steps",
            f"{project.name}: met the project owner",
            "",
        ]
    )


def _set_states(person: Person, entries: list[TimeEntry], this_week: date) -> None:
    """Older weeks approved, last week waiting (Sam) or in draft, this week in draft; one
    entry rejected. Submitting and deciding go through the approval services (audited)."""
    approver = person.manager
    who, rejected_weeks_ago, reason = REJECTION
    weeks: dict[date, list[TimeEntry]] = {}
    for entry in entries:
        weeks.setdefault(entry.week_start, []).append(entry)
    for week_start, week in sorted(weeks.items()):
        ago = (this_week - week_start).days // 7
        submitted = datetime.combine(week_start + timedelta(days=4), time(16))
        decided = submitted + timedelta(days=2)
        if ago >= 2 or (ago == 1 and person.email == "noah.schmidt@example.com"):
            approvals.submit(person, week, now=submitted)
            if person.email == who and ago == rejected_weeks_ago:
                approvals.decide(approver, week[:1], False, reason, now=decided)
                week = week[1:]
            approvals.decide(approver, week, True, now=decided)
        elif ago == 1 and person.email in ("ambassador@example.com", "liam.oconnor@example.com"):
            approvals.submit(person, week, now=submitted)
    db.session.flush()
