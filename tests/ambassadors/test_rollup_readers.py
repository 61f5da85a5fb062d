"""Pages that read the hours rollup give the figures the entries themselves give: the CX
project's contributors, whatever the months and states, at a fixed number of queries."""

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from eximpact.ambassadors.models import APPROVED, REJECTED, TimeEntry
from eximpact.ambassadors.services import approvals
from eximpact.ambassadors.services.projects import contributors
from eximpact.extensions import db
from tests.ambassadors.factories import TODAY, TimeEntryFactory, ambassador


def contributions_from_entries(project) -> dict:
    """Hours and approved hours per person, summed from the entries in Python."""
    totals = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for entry in db.session.scalars(select(TimeEntry).where(TimeEntry.project_id == project.id)):
        if entry.status == REJECTED:
            continue
        totals[entry.person_id][0] += entry.hours
        if entry.status == APPROVED:
            totals[entry.person_id][1] += entry.hours
    return {person_id: tuple(hours) for person_id, hours in totals.items()}


def contributions_shown(actor, project) -> dict:
    db.session.flush()
    return {row.person.id: (row.hours, row.approved) for row in contributors(actor, project)}


def test_contributors_sum_every_month_and_state_but_rejected(programme):
    project = programme.project
    for days_ago, status, hours in (
        (3, "approved", "2.5"),
        (40, "approved", "1.25"),  # another month
        (75, "submitted", "4"),
        (5, "draft", "1"),
        (6, "rejected", "7"),  # not counted
    ):
        programme.entry(days_ago=days_ago, status=status, hours=Decimal(hours))
    programme.entry(person=programme.ola, days_ago=9, status="approved", hours=Decimal("3"))
    programme.entry(project=programme.other_project, days_ago=2, hours=Decimal("8"))
    shown = contributions_shown(programme.hr, project)
    assert shown == contributions_from_entries(project)
    assert shown[programme.sam.id] == (Decimal("8.75"), Decimal("3.75"))


def test_contributors_follow_changes_approvals_and_deletions(programme):
    project = programme.project
    kept = programme.entry(days_ago=8, status="submitted", hours=Decimal("2"))
    moved = programme.entry(days_ago=9, hours=Decimal("1"))
    gone = programme.entry(person=programme.ola, days_ago=10, hours=Decimal("5"))
    db.session.flush()
    approvals.decide(programme.manager, [kept], approve=True)
    moved.hours = Decimal("3.5")
    db.session.delete(gone)
    shown = contributions_shown(programme.hr, project)
    assert shown == contributions_from_entries(project)
    assert shown == {programme.sam.id: (Decimal("5.5"), Decimal("2"))}


def test_contributors_are_ordered_by_hours_then_name(programme):
    programme.entry(hours=Decimal("1"))
    programme.entry(person=programme.ola, hours=Decimal("6"))
    names = [row.person.name for row in contributors(programme.hr, programme.project)]
    assert names == ["Ola Ambassador", "Sam Ambassador"]


@pytest.mark.parametrize("people", [2, 15])
def test_the_project_page_costs_the_same_queries_however_many_contribute(
    client, auth, programme, count_queries, people
):
    for number in range(people):
        person = ambassador(manager=programme.manager, team=programme.team)
        for week in range(4):
            TimeEntryFactory(
                person=person,
                project=programme.project,
                work_date=TODAY - timedelta(days=7 * week + number % 5 + 1),
                status="approved",
            )
    auth.login(programme.hr)
    url = f"/ambassadors/projects/{programme.project.id}"
    client.get(url)
    with count_queries() as counter:
        page = client.get(url)
    assert page.status_code == 200
    assert counter.count == 10, counter.statements
