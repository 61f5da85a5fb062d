"""draft → submitted → approved / rejected, locking, reopening, and who decides."""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from eximpact.audit.models import AuditEvent
from eximpact.extensions import db
from eximpact.notifications.models import OutboxMessage
from tests.ambassadors.factories import TODAY, EnrolmentFactory, ambassador, manager_with_team
from tests.factories import PersonFactory

URL = "/api/v1/time-entries"


def trail(entry) -> list[tuple]:
    return [
        (e.action, e.from_state, e.to_state, e.actor_id)
        for e in db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity_type == "time_entry", AuditEvent.entity_id == entry.id)
            .order_by(AuditEvent.id)
        )
    ]


def outbox(kind: str) -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind)))


def test_submitting_a_period_hands_over_drafts_and_rejected_entries_only(api, programme):
    draft = programme.entry(days_ago=1)
    rejected = programme.entry(days_ago=2, status="rejected", rejection_reason="Split it")
    approved = programme.entry(days_ago=3, status="approved")
    outside = programme.entry(days_ago=30)
    olas = programme.entry(person=programme.ola, days_ago=1)
    response = api(programme.sam).post(
        f"{URL}/submit",
        json={"from": (TODAY - timedelta(days=7)).isoformat(), "to": TODAY.isoformat()},
    )
    assert response.status_code == 200
    assert sorted(i["id"] for i in response.get_json()["items"]) == sorted([draft.id, rejected.id])
    for entry in (draft, rejected, approved, outside, olas):
        db.session.refresh(entry)
    assert [e.status for e in (draft, rejected, approved, outside, olas)] == [
        "submitted",
        "submitted",
        "approved",
        "draft",
        "draft",
    ]
    assert rejected.rejection_reason is None and draft.submitted_at is not None
    assert trail(rejected) == [("submitted", "rejected", "submitted", programme.sam.id)]


def test_submitting_by_ids_refuses_locked_and_unknown_entries(api, programme):
    draft = programme.entry()
    approved = programme.entry(days_ago=2, status="approved")
    sam = api(programme.sam)
    assert sam.post(f"{URL}/submit", json={"ids": [draft.id, approved.id]}).status_code == 409
    unknown = sam.post(f"{URL}/submit", json={"ids": [draft.id, 987654]})
    assert (
        unknown.status_code == 422 and "987654" in unknown.get_json()["error"]["fields"]["ids"][0]
    )
    assert sam.post(f"{URL}/submit", json={}).status_code == 422
    db.session.refresh(draft)
    assert draft.status == "draft"
    assert sam.post(f"{URL}/submit", json={"ids": [draft.id]}).status_code == 200


def test_the_manager_approves_and_the_entry_is_locked(api, programme):
    entry = programme.entry(status="submitted")
    response = api(programme.manager).post(f"{URL}/{entry.id}/approve")
    assert response.status_code == 200
    body = response.get_json()
    assert (body["status"], body["decided_by_id"]) == ("approved", programme.manager.id)
    assert api(programme.sam).patch(f"{URL}/{entry.id}", json={"hours": 3}).status_code == 409
    assert api(programme.sam).delete(f"{URL}/{entry.id}").status_code == 409
    assert trail(entry) == [("approved", "submitted", "approved", programme.manager.id)]


def test_deciding_twice_is_a_conflict(api, programme):
    entry = programme.entry(status="submitted")
    manager = api(programme.manager)
    assert manager.post(f"{URL}/{entry.id}/approve").status_code == 200
    again = manager.post(f"{URL}/{entry.id}/reject", json={"reason": "Changed my mind"})
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "conflict"


@pytest.mark.parametrize("status", ["draft", "rejected", "approved"])
def test_only_submitted_entries_are_decided(api, programme, status):
    entry = programme.entry(status=status)
    assert api(programme.manager).post(f"{URL}/{entry.id}/approve").status_code == 409


def test_nobody_approves_their_own_time_not_even_hr(api, programme):
    hr_ambassador = programme.hr
    EnrolmentFactory(person=hr_ambassador)
    hr_ambassador.set_roles(["hr", "ambassador"])
    own = programme.entry(person=hr_ambassador, status="submitted")
    response = api(hr_ambassador).post(f"{URL}/{own.id}/approve")
    assert response.status_code == 403
    assert api(hr_ambassador).post(f"{URL}/{own.id}/reopen").status_code == 403
    db.session.refresh(own)
    assert own.status == "submitted"


def test_a_manager_who_is_an_ambassador_is_approved_by_their_own_manager(api, programme):
    director = PersonFactory(roles=["manager"])
    boss = programme.manager
    boss.manager = director
    EnrolmentFactory(person=boss)
    own = programme.entry(person=boss, status="submitted")
    assert api(boss).post(f"{URL}/{own.id}/approve").status_code == 403
    assert api(director).post(f"{URL}/{own.id}/approve").status_code == 200


def test_another_teams_manager_cannot_decide(api, programme):
    other_boss, _ = manager_with_team()
    entry = programme.entry(status="submitted")
    assert api(other_boss).post(f"{URL}/{entry.id}/approve").status_code == 403
    assert api(programme.ola).post(f"{URL}/{entry.id}/approve").status_code == 403


def test_hr_decides_for_anyone(api, programme):
    entry = programme.entry(status="submitted")
    assert api(programme.hr).post(f"{URL}/{entry.id}/approve").status_code == 200


def test_rejecting_needs_a_reason_and_tells_the_ambassador(api, programme):
    entry = programme.entry(status="submitted")
    manager = api(programme.manager)
    missing = manager.post(f"{URL}/{entry.id}/reject", json={})
    assert missing.status_code == 422 and "reason" in missing.get_json()["error"]["fields"]
    blank = manager.post(f"{URL}/{entry.id}/reject", json={"reason": "   "})
    assert blank.status_code == 422
    response = manager.post(f"{URL}/{entry.id}/reject", json={"reason": "Two projects, not one"})
    assert response.status_code == 200
    assert (response.get_json()["status"], response.get_json()["rejection_reason"]) == (
        "rejected",
        "Two projects, not one",
    )
    [mail] = outbox("time_rejected")
    assert mail.to_email == programme.sam.email
    assert "Two projects, not one" in mail.body and "Callback promise" in mail.body


def test_a_rejected_entry_is_corrected_resubmitted_and_the_change_is_audited(api, programme):
    entry = programme.entry(status="submitted", hours=Decimal(5))
    api(programme.manager).post(f"{URL}/{entry.id}/reject", json={"reason": "Too much"})
    sam = api(programme.sam)
    assert sam.patch(f"{URL}/{entry.id}", json={"hours": 3}).status_code == 200
    assert sam.post(f"{URL}/submit", json={"ids": [entry.id]}).status_code == 200
    assert api(programme.manager).post(f"{URL}/{entry.id}/approve").status_code == 200
    actions = [action for action, *_ in trail(entry)]
    assert actions == ["rejected", "changed", "submitted", "approved"]
    changed = db.session.scalar(
        select(AuditEvent).where(AuditEvent.entity_id == entry.id, AuditEvent.action == "changed")
    )
    assert (changed.detail["before"]["hours"], changed.detail["after"]["hours"]) == ("5.00", "3")


def test_a_manager_reopens_an_approved_entry_into_the_audit_trail(api, programme):
    entry = programme.entry(status="approved")
    response = api(programme.manager).post(
        f"{URL}/{entry.id}/reopen", json={"reason": "Wrong project"}
    )
    assert response.status_code == 200 and response.get_json()["status"] == "draft"
    assert response.get_json()["decided_by_id"] is None
    reopened = db.session.scalar(
        select(AuditEvent).where(AuditEvent.entity_id == entry.id, AuditEvent.action == "reopened")
    )
    assert (reopened.actor_id, reopened.from_state, reopened.to_state) == (
        programme.manager.id,
        "approved",
        "draft",
    )
    assert reopened.detail == {"comment": "Wrong project"}
    assert [m.to_email for m in outbox("time_reopened")] == [programme.sam.email]
    assert api(programme.sam).patch(f"{URL}/{entry.id}", json={"hours": 1}).status_code == 200


def test_reopening_works_without_a_body_and_only_on_approved_entries(api, programme):
    approved = programme.entry(status="approved")
    submitted = programme.entry(days_ago=2, status="submitted")
    manager = api(programme.manager)
    assert manager.post(f"{URL}/{approved.id}/reopen").status_code == 200
    assert manager.post(f"{URL}/{submitted.id}/reopen").status_code == 409


def test_the_ambassador_cannot_reopen_their_own_entry(api, programme):
    entry = programme.entry(status="approved")
    assert api(programme.sam).post(f"{URL}/{entry.id}/reopen").status_code == 403


def test_the_entry_page_shows_the_trail_and_lets_the_manager_reopen(client, auth, programme):
    entry = programme.entry(status="approved")
    auth.login(programme.manager)
    page = client.get(f"/ambassadors/entries/{entry.id}").get_data(as_text=True)
    assert "Reopen entry" in page
    response = client.post(f"/ambassadors/entries/{entry.id}/reopen", data={"reason": "Typo"})
    assert response.status_code == 302
    db.session.refresh(entry)
    assert entry.status == "draft"
    assert "reopened" in client.get(f"/ambassadors/entries/{entry.id}").get_data(as_text=True)


def test_an_ambassador_sees_their_entry_page_without_a_reopen_button(client, auth, programme):
    entry = programme.entry(status="approved")
    auth.login(programme.sam)
    page = client.get(f"/ambassadors/entries/{entry.id}").get_data(as_text=True)
    assert "Approved" in page and "Reopen entry" not in page
    assert client.post(f"/ambassadors/entries/{entry.id}/reopen").status_code == 403


def test_another_ambassadors_entry_page_is_forbidden(client, auth, programme):
    entry = programme.entry(person=programme.ola)
    auth.login(programme.sam)
    assert client.get(f"/ambassadors/entries/{entry.id}").status_code == 403


def test_entries_page_lists_what_the_person_may_see_with_totals(client, auth, programme):
    programme.entry(hours=Decimal("1.5"))
    programme.entry(days_ago=2, status="approved", hours=Decimal(3))
    programme.entry(person=programme.ola, hours=Decimal(7))
    stranger = ambassador()
    programme.entry(person=stranger, hours=Decimal(9))
    auth.login(programme.manager)
    page = client.get("/ambassadors/entries").get_data(as_text=True)
    assert "Draft: <strong>8.5 h</strong>" in page and "Approved: <strong>3 h</strong>" in page
    assert stranger.name not in page
    auth.logout()
    auth.login(programme.sam)
    page = client.get("/ambassadors/entries").get_data(as_text=True)
    assert "Draft: <strong>1.5 h</strong>" in page and programme.ola.name not in page


def test_submitting_needs_the_ambassador_role(api, programme):
    employee = PersonFactory()
    assert api(employee).post(f"{URL}/submit", json={"ids": []}).status_code == 403


def test_submitted_entries_keep_their_submission_time_in_the_list(api, programme):
    entry = programme.entry()
    api(programme.sam).post(f"{URL}/submit", json={"ids": [entry.id]})
    listed = api(programme.sam).get(URL).get_json()["items"][0]
    assert listed["status"] == "submitted" and listed["submitted_at"].endswith("Z")
    db.session.refresh(entry)
    assert entry.status == "submitted"
