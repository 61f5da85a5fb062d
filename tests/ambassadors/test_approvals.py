"""The approval queue: a manager's direct reports' submitted weeks, decided per entry or week."""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from eximpact.ambassadors.models import TimeEntry, monday_of
from eximpact.extensions import db
from tests.ambassadors.factories import (
    TODAY,
    EnrolmentFactory,
    TimeEntryFactory,
    ambassador,
    manager_with_team,
)

URL = "/ambassadors/approvals"
LAST_WEEK = monday_of(TODAY) - timedelta(days=7)


def submitted(person, project, week=LAST_WEEK, days=(0, 2), hours="2"):
    return [
        TimeEntryFactory(
            person=person,
            project=project,
            work_date=week + timedelta(days=day),
            hours=Decimal(hours),
            status="submitted",
        )
        for day in days
    ]


def statuses(entries) -> list[str]:
    db.session.expire_all()
    return [db.session.get(TimeEntry, entry.id).status for entry in entries]


def key(person, week=LAST_WEEK) -> str:
    return f"{person.id}:{week.isoformat()}"


def test_a_manager_sees_their_direct_reports_weeks_only(client, auth, programme):
    submitted(programme.sam, programme.project)
    other_boss, other_team = manager_with_team()
    stranger = ambassador(manager=other_boss, team=other_team, name="Stranger Danger")
    submitted(stranger, programme.project)
    programme.entry(person=programme.ola, status="draft")  # drafts are not for approval yet
    auth.login(programme.manager)
    page = client.get(URL).get_data(as_text=True)
    assert "Sam Ambassador" in page and "4 h waiting" in page
    assert "Stranger Danger" not in page and "Ola Ambassador" not in page


def test_hr_sees_everyone_and_can_narrow_to_their_own_reports(client, auth, programme):
    submitted(programme.sam, programme.project)
    auth.login(programme.hr)
    assert "Sam Ambassador" in client.get(URL).get_data(as_text=True)
    assert "Nothing waiting" in client.get(f"{URL}?scope=mine").get_data(as_text=True)


def test_the_queue_flags_a_week_over_the_allocation(client, auth, programme):
    submitted(programme.ola, programme.project, days=(0, 1, 2))  # 6 h against 4
    submitted(programme.sam, programme.project, days=(0,))  # 2 h against 8
    auth.login(programme.manager)
    page = client.get(URL).get_data(as_text=True)
    assert "Over allocation: 6 of 4 h" in page
    assert "2 of 8 h agreed" in page


def test_approving_a_week_approves_all_its_submitted_entries(client, auth, programme):
    week = submitted(programme.sam, programme.project)
    other_week = submitted(programme.sam, programme.project, week=LAST_WEEK - timedelta(days=7))
    auth.login(programme.manager)
    response = client.post(URL, data={"week": key(programme.sam), "action": "approve"})
    assert response.status_code == 302
    assert statuses(week) == ["approved", "approved"]
    assert statuses(other_week) == ["submitted", "submitted"]


def test_bulk_approval_takes_every_ticked_week(client, auth, programme):
    sams, olas = (
        submitted(programme.sam, programme.project),
        submitted(programme.ola, programme.project),
    )
    auth.login(programme.manager)
    response = client.post(
        URL,
        data={"week": [key(programme.sam), key(programme.ola)], "action": "approve"},
        follow_redirects=True,
    )
    assert "Approved 4 entries." in response.get_data(as_text=True)
    assert statuses(sams + olas) == ["approved"] * 4


def test_one_entry_can_be_rejected_with_the_weeks_reason(client, auth, programme):
    first, second = submitted(programme.sam, programme.project)
    auth.login(programme.manager)
    client.post(
        URL,
        data={"week": key(programme.sam), "decision": f"reject:{first.id}", "reason": "Split it"},
    )
    assert statuses([first, second]) == ["rejected", "submitted"]
    assert db.session.get(TimeEntry, first.id).rejection_reason == "Split it"


def test_rejecting_without_a_reason_changes_nothing(client, auth, programme):
    week = submitted(programme.sam, programme.project)
    auth.login(programme.manager)
    response = client.post(
        URL, data={"week": key(programme.sam), "action": "reject"}, follow_redirects=True
    )
    assert "Nothing was rejected" in response.get_data(as_text=True)
    assert statuses(week) == ["submitted", "submitted"]


def test_a_manager_cannot_decide_another_teams_week(client, auth, programme):
    other_boss, other_team = manager_with_team()
    stranger_week = submitted(ambassador(manager=other_boss, team=other_team), programme.project)
    auth.login(programme.manager)
    response = client.post(URL, data={"week": key(stranger_week[0].person), "action": "approve"})
    assert response.status_code == 403
    one = client.post(URL, data={"decision": f"approve:{stranger_week[0].id}"})
    assert one.status_code == 403
    assert statuses(stranger_week) == ["submitted", "submitted"]


def test_hr_never_sees_or_approves_their_own_week(client, auth, programme):
    EnrolmentFactory(person=programme.hr)
    own = submitted(programme.hr, programme.project)
    auth.login(programme.hr)
    assert "Nothing waiting" in client.get(URL).get_data(as_text=True)
    assert (
        client.post(URL, data={"week": key(programme.hr), "action": "approve"}).status_code == 403
    )
    assert statuses(own) == ["submitted", "submitted"]


def test_a_week_decided_meanwhile_is_reported_not_decided_again(client, auth, programme):
    week = submitted(programme.sam, programme.project)
    week[0].status = "approved"
    db.session.flush()
    auth.login(programme.manager)
    response = client.post(
        URL, data={"decision": f"reject:{week[0].id}", "reason": "Late"}, follow_redirects=True
    )
    assert "Rejected 0 entries." in response.get_data(as_text=True)
    assert statuses(week) == ["approved", "submitted"]


@pytest.mark.parametrize("data", [{}, {"action": "approve"}, {"decision": "explode:1"}])
def test_a_post_that_says_nothing_useful_changes_nothing(client, auth, programme, data):
    week = submitted(programme.sam, programme.project)
    auth.login(programme.manager)
    assert client.post(URL, data=data).status_code in (302, 400)
    assert statuses(week) == ["submitted", "submitted"]


@pytest.mark.parametrize("reports", [1, 12])
def test_the_queue_costs_the_same_queries_however_many_weeks_wait(
    client, auth, programme, count_queries, reports
):
    for _ in range(reports):
        person = ambassador(manager=programme.manager, team=programme.team)
        for weeks_ago in (1, 2):
            submitted(person, programme.project, week=monday_of(TODAY) - timedelta(weeks=weeks_ago))
    auth.login(programme.manager)
    client.get(URL)
    with count_queries() as counter:
        page = client.get(URL).get_data(as_text=True)
    assert page.count("h waiting") == min(2 * reports, 20)
    assert counter.count == 9, counter.statements  # the total comes with the page
    assert db.session.scalar(select(TimeEntry.id).limit(1)) is not None


def test_submitting_someone_elses_entries_is_refused_by_the_service_itself(app, programme):
    """The timesheet, the API and any future caller share one ownership check."""
    from eximpact.ambassadors.services.approvals import submit
    from eximpact.validation import NotAllowed

    entry = programme.entry(person=programme.sam)
    with pytest.raises(NotAllowed, match="your own entries"):
        submit(programme.ola, [entry])
    with pytest.raises(NotAllowed):
        submit(programme.manager, [entry])
    assert entry.status == "draft" and entry.submitted_at is None
    assert [e.id for e in submit(programme.sam, [entry])] == [entry.id]
