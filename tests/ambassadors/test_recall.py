"""The week as a whole on the timesheet (draft, submitted on …, approved, sent back), and
recalling a submitted week before it is decided, on the page and through the API."""

from datetime import timedelta

import pytest

from eximpact import clock
from eximpact.ambassadors.models import APPROVED, DRAFT, SUBMITTED
from eximpact.ambassadors.services import approvals
from eximpact.audit.models import AuditEvent
from eximpact.extensions import db
from tests.ambassadors.factories import TimeEntryFactory
from tests.ambassadors.test_rollup import assert_rollup_matches

URL = "/ambassadors/timesheet"


@pytest.fixture
def sam(client, auth, programme):
    auth.login(programme.sam)
    return programme


@pytest.fixture
def week(sam):
    """Two of Sam's entries of last week, submitted."""
    monday = clock.today() - timedelta(days=clock.today().weekday() + 7)
    entries = [
        TimeEntryFactory(person=sam.sam, project=sam.project, work_date=monday + timedelta(d))
        for d in (0, 1)
    ]
    approvals.submit(sam.sam, entries)
    db.session.flush()
    return monday, entries


def _states(entries):
    for entry in entries:
        db.session.refresh(entry)
    return [entry.status for entry in entries]


def test_the_timesheet_says_the_week_was_submitted_and_offers_to_recall_it(client, sam, week):
    monday, _ = week
    page = client.get(f"{URL}?week={monday}").get_data(as_text=True)
    assert "Submitted" in page and "waiting for approval" in page
    assert "Recall the week" in page


def test_recalling_a_week_makes_its_waiting_entries_drafts_again_and_audits_it(client, sam, week):
    monday, entries = week
    answer = client.post(f"{URL}/recall", data={"week": monday.isoformat()})
    assert answer.status_code == 302 and answer.location.endswith("#week-grid")
    assert _states(entries) == [DRAFT, DRAFT]
    assert all(entry.submitted_at is None for entry in entries)
    events = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "recalled")).all()
    assert len(events) == 2
    assert "Draft" in client.get(f"{URL}?week={monday}").get_data(as_text=True)


def test_what_an_approver_decided_stays_decided_and_the_rollup_follows(client, sam, week):
    monday, entries = week
    approvals.decide_one(sam.manager, entries[0], approve=True)
    db.session.flush()
    assert approvals.recall_week(sam.sam, monday + timedelta(days=3)) == 1
    db.session.flush()
    assert _states(entries) == [APPROVED, DRAFT]
    assert_rollup_matches()


def test_a_decided_week_cannot_be_recalled_409(client, sam, week):
    monday, entries = week
    for entry in entries:
        approvals.decide_one(sam.manager, entry, approve=True)
    db.session.flush()
    answer = client.post(f"{URL}/recall", data={"week": monday.isoformat()})
    assert answer.status_code == 409
    assert "Nothing in this week waits for approval" in answer.get_data(as_text=True)
    assert _states(entries) == [APPROVED, APPROVED]


def test_the_api_recalls_a_week_by_any_of_its_days(api, sam, week):
    monday, _ = week
    answer = api(sam.sam).post(
        "/api/v1/time-entries/recall", json={"week": (monday + timedelta(days=4)).isoformat()}
    )
    assert answer.status_code == 200
    assert answer.get_json() == {"week_start": monday.isoformat(), "recalled": 2}
    again = api(sam.sam).post("/api/v1/time-entries/recall", json={"week": monday.isoformat()})
    assert again.status_code == 409


def test_nobody_recalls_someone_elses_week(api, sam, week):
    monday, entries = week
    answer = api(sam.manager).post("/api/v1/time-entries/recall", json={"week": str(monday)})
    assert answer.status_code == 403  # the manager logs no time of their own
    assert _states(entries) == [SUBMITTED, SUBMITTED]


def test_submitting_before_friday_asks_first(client, sam):
    today = clock.today()
    page = client.get(URL).get_data(as_text=True)
    asks = 'data-confirm="It is only' in page
    assert asks == (today.weekday() < 4)
