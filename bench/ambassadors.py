"""The benchmark's ambassador programme: enrolments, CX projects and years of weekly time."""

import random
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select, update

from bench.common import (
    AMBASSADORS,
    CHUNK,
    CX_PROJECTS,
    ENTRIES_PER_WEEK,
    FIRST_DAY,
    SEED,
    TEAMS,
    TODAY,
    YEARS,
    at,
    email_of,
    ids_of,
    insert_rows,
    quarter_hours,
)
from bench.org import initiative_row
from eximpact.ambassadors.models import (
    ACTIVE,
    APPROVED,
    CANCELLED,
    DONE,
    DRAFT,
    ENROLMENT_APPROVED,
    ENROLMENT_DECLINED,
    ENROLMENT_PENDING,
    PAUSED,
    PROPOSED,
    REJECTED,
    SUBMITTED,
    CxProject,
    Enrolment,
    TimeEntry,
    monday_of,
)
from eximpact.ambassadors.services import rollup
from eximpact.ambassadors.services.rules import Change, check_changes
from eximpact.campaigns.models import Initiative
from eximpact.extensions import db
from eximpact.org.models import AMBASSADOR, Person, RoleAssignment

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


def check_with_the_time_rules(person_id: int, rows: list[dict]) -> None:
    """One ambassador's generated time through the timesheet's own set-wise check
    (`check_changes`: hours, day limit, no future day, inside the enrolment, active
    projects), so the benchmark never holds time the app would refuse."""
    changes = [
        Change(f"{i}.", None, row["project_id"], row["work_date"], row["hours"], row["note"])
        for i, row in enumerate(rows)
    ]
    problems = check_changes(db.session.get(Person, person_id), changes, TODAY)
    if problems:
        first = next(iter(problems.fields.items()))
        raise RuntimeError(f"generated time breaks the rules for person {person_id}: {first}")


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
                "status": ENROLMENT_APPROVED,
                "requested_by_id": hr_id if a % 4 == 0 else manager,
                "decided_by_id": manager,
                "decided_at": at(start - timedelta(days=3), 9),
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
                "status": ENROLMENT_PENDING if pending else ENROLMENT_DECLINED,
                "requested_by_id": org["manager_of"][pid],
                "decided_by_id": None if pending else org["manager_of"][pid],
                "decided_at": None if pending else at(start - timedelta(days=2), 11),
            }
        )
    insert_rows(Enrolment, rows)
    insert_rows(
        RoleAssignment,
        [{"person_id": pid, "role": AMBASSADOR} for pid, _, end, _ in enrolments if end is None],
    )

    # CX projects: spread over the years, each under that year's ambassador initiative.
    insert_rows(
        Initiative,
        [
            initiative_row(
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
    project_rows, final_status = [], []
    for year, numbers in by_year.items():
        for k, p in enumerate(numbers):
            if year < TODAY.year:
                status = CANCELLED if k == 0 else DONE
            elif len(numbers) >= 3 and k == len(numbers) - 1:
                status = PROPOSED
            elif len(numbers) >= 3 and k == len(numbers) - 2:
                status = PAUSED
            else:
                status = ACTIVE
            final_status.append(status)
            project_rows.append(
                {
                    "name": f"{PROJECT_THEMES[p % len(PROJECT_THEMES)]} {year}-{k + 1:02d}",
                    "goal": "Make one part of the customer's experience measurably better.",
                    "owner_id": hr_id if p % 3 == 0 else org["busy_manager"],
                    "initiative_id": initiative_of[year],
                    # Active while the time is logged (the rules take time on active projects
                    # only); their final state is set once the time is in, as it happens.
                    "status": PROPOSED if status == PROPOSED else ACTIVE,
                    "hours_budget": Decimal(3000 + 500 * (p % 8)),
                }
            )
    insert_rows(CxProject, project_rows)
    project_ids = ids_of(CxProject.id)
    projects_of_year = defaultdict(list)
    for pid, row in zip(project_ids, project_rows, strict=True):
        if row["status"] != PROPOSED:  # a proposed project has taken no time yet
            projects_of_year[int(row["name"].rsplit(" ", 1)[1][:4])].append(pid)

    # Time: a few entries a week per ambassador, on two or three of the year's projects.
    entries, counts = [], defaultdict(int)
    for a, (pid, start, end, hours) in enumerate(enrolments):
        manager, behind = org["manager_of"][pid], org["manager_of"][pid] == busy
        per_week = max(1, ENTRIES_PER_WEEK + a % 3 - 1)
        offsets = sorted((a + 2 * i) % 5 for i in range(per_week))  # weekdays
        mine_rows = []
        week = start
        while week <= this_week and (end is None or week <= end):
            weeks_ago = (this_week - week).days // 7
            load = rng.choice(WEEK_LOADS)
            year_projects = projects_of_year[week.year]
            if load and year_projects:
                state = _week_state(rng, weeks_ago, behind)
                each = quarter_hours(hours * load / per_week)
                mine = [year_projects[(a + j) % len(year_projects)] for j in range(2 + a % 2)]
                submitted = at(week + timedelta(days=4), 16) if state != DRAFT else None
                decided = submitted + timedelta(days=2) if state in (APPROVED, REJECTED) else None
                for i, offset in enumerate(offsets):
                    day = week + timedelta(days=offset)
                    if day > TODAY or day < start or (end is not None and day > end):
                        continue
                    mine_rows.append(
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
                            "created_at": at(day, 17),
                            "updated_at": decided or submitted or at(day, 17),
                        }
                    )
                    counts[state] += 1
            week += timedelta(weeks=1)
        check_with_the_time_rules(pid, mine_rows)
        entries.extend(mine_rows)
        if len(entries) >= CHUNK:
            insert_rows(TimeEntry, entries)
            entries = []
    insert_rows(TimeEntry, entries)
    rollup_rows = rollup.rebuild()  # the bulk inserts bypass the services that keep it
    db.session.execute(
        update(CxProject),
        [
            {"id": pid, "status": status}
            for pid, status in zip(project_ids, final_status, strict=True)
        ],
    )

    total = sum(counts.values())
    busiest = db.session.scalar(
        select(TimeEntry.project_id)
        .join(CxProject, CxProject.id == TimeEntry.project_id)
        .where(CxProject.status == ACTIVE)
        .group_by(TimeEntry.project_id)
        .order_by(func.count().desc())
        .limit(1)
    )
    states = ", ".join(f"{counts[s]:,} {s}" for s in (APPROVED, SUBMITTED, DRAFT, REJECTED))
    data = {
        "ambassador_email": email_of(org["number"][ambassadors[0]]),
        "project": busiest,
        "entries": total,
    }
    summary = (
        f"{len(ambassadors)} ambassadors ({len(reports)} report to one manager), "
        f"{len(others)} other enrolments, {CX_PROJECTS} CX projects, "
        f"{total:,} time entries ({states}), {rollup_rows:,} rollup rows"
    )
    return data, summary
