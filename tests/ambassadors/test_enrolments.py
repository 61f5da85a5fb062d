"""Enrolment: an allocation agreed, approved by the manager, and the role that follows it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from eximpact.ambassadors.models import Enrolment
from eximpact.ambassadors.services.enrolments import sync_roles
from eximpact.audit.models import AuditEvent
from eximpact.auth.services import issue_personal_token
from eximpact.extensions import db
from eximpact.notifications.models import OutboxMessage
from tests.ambassadors.factories import TODAY, EnrolmentFactory, manager_with_team
from tests.conftest import ApiClient
from tests.factories import PersonFactory

API = "/api/v1/ambassadors"


@pytest.fixture
def team(app):
    manager, team = manager_with_team(name="Maya Manager")
    return manager, PersonFactory(manager=manager, team=team, name="Erik Employee")


def enrolment_of(person) -> Enrolment:
    db.session.expire_all()
    return db.session.scalar(select(Enrolment).where(Enrolment.person_id == person.id))


def test_hr_enrols_with_hours_and_the_manager_is_asked_to_approve(api, team):
    manager, erik = team
    hr = PersonFactory(roles=["hr"])
    response = api(hr).post(
        API,
        json={
            "person_id": erik.id,
            "allocation_hours_per_week": 6,
            "start_date": TODAY.isoformat(),
        },
    )
    assert response.status_code == 201
    body = response.get_json()
    assert (body["status"], body["allocation_hours_per_week"], body["end_date"]) == (
        "pending",
        6.0,
        None,
    )
    assert "ambassador" not in erik.roles  # not before approval
    [mail] = db.session.scalars(select(OutboxMessage)).all()
    assert (mail.to_email, mail.kind) == (manager.email, "enrolment_to_approve")


@pytest.mark.parametrize(
    ("week", "percent", "hours"), [(40, 20, 8), (37.5, 10, 3.75), (40, 100, 40)]
)
def test_a_share_of_the_working_week_becomes_hours(make_app, week, percent, hours):
    app = make_app(WORKING_WEEK_HOURS=Decimal(str(week)))
    manager, _ = manager_with_team()
    erik = PersonFactory(manager=manager)
    _, token = issue_personal_token(manager, "tests", None)
    db.session.flush()
    body = (
        ApiClient(app.test_client(), token)
        .post(
            API,
            json={
                "person_id": erik.id,
                "allocation_percent": percent,
                "start_date": TODAY.isoformat(),
            },
        )
        .get_json()
    )
    assert (body["allocation_hours_per_week"], body["allocation_percent"]) == (hours, percent)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({}, "allocation_hours_per_week"),
        ({"allocation_hours_per_week": 4, "allocation_percent": 10}, "allocation_hours_per_week"),
        ({"allocation_hours_per_week": 0}, "allocation_hours_per_week"),
        ({"allocation_hours_per_week": 41}, "allocation_hours_per_week"),
        ({"allocation_hours_per_week": 2.555}, "allocation_hours_per_week"),
        ({"allocation_percent": 120}, "allocation_percent"),
        ({"allocation_hours_per_week": 4, "end_date": "2000-01-01"}, "end_date"),
    ],
)
def test_bad_allocations_and_periods_are_named(api, team, fields, field):
    manager, erik = team
    response = api(manager).post(
        API, json={"person_id": erik.id, "start_date": TODAY.isoformat(), **fields}
    )
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]


def test_enrolments_of_one_person_never_overlap(api, team):
    manager, erik = team
    EnrolmentFactory(person=erik, start_date=TODAY - timedelta(days=30), end_date=TODAY)
    response = api(manager).post(
        API,
        json={
            "person_id": erik.id,
            "allocation_hours_per_week": 2,
            "start_date": TODAY.isoformat(),
        },
    )
    assert "already has an enrolment" in response.get_json()["error"]["fields"]["start_date"][0]
    later = api(manager).post(
        API,
        json={
            "person_id": erik.id,
            "allocation_hours_per_week": 2,
            "start_date": (TODAY + timedelta(days=1)).isoformat(),
        },
    )
    assert later.status_code == 201


def test_a_manager_enrols_only_their_own_reports(api, team):
    manager, _ = team
    someone_else = PersonFactory()
    response = api(manager).post(
        API,
        json={
            "person_id": someone_else.id,
            "allocation_hours_per_week": 2,
            "start_date": TODAY.isoformat(),
        },
    )
    assert response.status_code == 403


@pytest.mark.parametrize("roles", [[], ["ambassador"], ["admin"]])
def test_others_cannot_enrol_anyone(api, team, roles):
    _, erik = team
    response = api(PersonFactory(roles=roles)).post(
        API,
        json={
            "person_id": erik.id,
            "allocation_hours_per_week": 2,
            "start_date": TODAY.isoformat(),
        },
    )
    assert response.status_code == 403


def test_approval_makes_the_person_an_ambassador_and_is_audited(api, team):
    manager, erik = team
    enrolment = EnrolmentFactory(person=erik, status="pending")
    response = api(manager).post(f"{API}/{enrolment.id}/approve")
    assert response.status_code == 200 and response.get_json()["status"] == "approved"
    db.session.expire_all()
    assert "ambassador" in erik.roles
    actions = {
        (e.entity_type, e.action)
        for e in db.session.scalars(select(AuditEvent).where(AuditEvent.actor_id == manager.id))
    }
    assert actions >= {("ambassador_enrolment", "approved"), ("person", "roles_changed")}
    assert api(manager).post(f"{API}/{enrolment.id}/approve").status_code == 409


def test_nobody_approves_their_own_enrolment(api):
    hr = PersonFactory(roles=["hr"])
    enrolment = EnrolmentFactory(person=hr, status="pending")
    assert api(hr).post(f"{API}/{enrolment.id}/approve").status_code == 403


def test_a_declined_enrolment_gives_no_role(api, team):
    manager, erik = team
    enrolment = EnrolmentFactory(person=erik, status="pending")
    assert api(manager).post(f"{API}/{enrolment.id}/decline").get_json()["status"] == "declined"
    db.session.expire_all()
    assert "ambassador" not in erik.roles


def test_ending_the_last_enrolment_takes_the_role_away(client, auth, team):
    manager, erik = team
    erik.set_roles(["ambassador"])
    enrolment = EnrolmentFactory(person=erik, start_date=TODAY - timedelta(days=60))
    auth.login(manager)
    response = client.post(
        f"/ambassadors/enrolments/{enrolment.id}/end",
        data={"end_date": (TODAY - timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 302
    assert enrolment_of(erik).end_date == TODAY - timedelta(days=1)
    assert "ambassador" not in erik.roles


def test_an_end_date_still_ahead_keeps_the_role_until_then(client, auth, team):
    manager, erik = team
    erik.set_roles(["ambassador"])
    enrolment = EnrolmentFactory(person=erik, start_date=TODAY - timedelta(days=60))
    auth.login(manager)
    client.post(
        f"/ambassadors/enrolments/{enrolment.id}/end",
        data={"end_date": (TODAY + timedelta(days=10)).isoformat()},
    )
    db.session.expire_all()
    assert "ambassador" in erik.roles


def test_the_daily_sync_takes_the_role_once_the_end_date_has_passed(app, runner, team):
    _, erik = team
    erik.set_roles(["ambassador"])
    EnrolmentFactory(
        person=erik, start_date=TODAY - timedelta(days=60), end_date=TODAY - timedelta(days=1)
    )
    seed_ambassador = PersonFactory(roles=["ambassador"])  # role given by hand, no enrolment
    db.session.commit()
    result = runner.invoke(args=["ambassadors", "sync-roles"])
    assert "updated for 1 person" in result.output
    db.session.expire_all()
    assert "ambassador" not in erik.roles
    assert "ambassador" in seed_ambassador.roles  # people without enrolments are left alone
    assert sync_roles(TODAY) == 0


def test_listing_shows_hr_everyone_managers_their_people_and_others_their_own(api, team):
    manager, erik = team
    mine = EnrolmentFactory(person=erik)
    theirs = EnrolmentFactory()
    hr = PersonFactory(roles=["hr"])

    def ids(person):
        return {item["id"] for item in api(person).get(API).get_json()["items"]}

    assert ids(hr) == {mine.id, theirs.id}
    assert ids(manager) == {mine.id}
    assert ids(erik) == {mine.id}
    assert ids(PersonFactory()) == set()
    assert api(hr).get(f"{API}?status=pending").get_json()["items"] == []
    assert api(hr).get(f"{API}?status=maybe").status_code == 422


def test_the_enrol_page_offers_a_manager_their_reports_and_creates_a_pending_enrolment(
    client, auth, team
):
    manager, erik = team
    stranger = PersonFactory(name="Zed Stranger")
    auth.login(manager)
    page = client.get("/ambassadors/enrolments/new").get_data(as_text=True)
    assert "Erik Employee" in page and "Zed Stranger" not in page
    response = client.post(
        "/ambassadors/enrolments/new",
        data={
            "person_id": erik.id,
            "allocation": "25",
            "unit": "percent",
            "start_date": TODAY.isoformat(),
        },
    )
    assert response.status_code == 302
    enrolment = enrolment_of(erik)
    assert (enrolment.status, enrolment.allocation_hours_per_week) == ("pending", Decimal(10))
    forged = client.post(
        "/ambassadors/enrolments/new",
        data={
            "person_id": stranger.id,
            "allocation": "2",
            "unit": "hours",
            "start_date": TODAY.isoformat(),
        },
    )
    assert "Not a valid choice" in forged.get_data(as_text=True)
    assert enrolment_of(stranger) is None


def test_the_enrol_page_shows_problems_at_the_fields(client, auth, team):
    manager, erik = team
    auth.login(manager)
    page = client.post(
        "/ambassadors/enrolments/new",
        data={
            "person_id": erik.id,
            "allocation": "90",
            "unit": "percent",
            "start_date": TODAY.isoformat(),
            "end_date": (TODAY - timedelta(days=3)).isoformat(),
        },
    ).get_data(as_text=True)
    assert "The last day cannot be before the first." in page
    assert enrolment_of(erik) is None


def test_the_manager_approves_on_the_enrolment_page(client, auth, team):
    manager, erik = team
    enrolment = EnrolmentFactory(person=erik, status="pending")
    auth.login(manager)
    assert "Approve" in client.get(f"/ambassadors/enrolments/{enrolment.id}").get_data(as_text=True)
    client.post(f"/ambassadors/enrolments/{enrolment.id}/approve")
    assert enrolment_of(erik).status == "approved"
    assert "ambassador" in erik.roles


def test_the_ambassador_sees_their_enrolment_but_cannot_approve_it(client, auth, team):
    _, erik = team
    enrolment = EnrolmentFactory(person=erik, status="pending")
    auth.login(erik)
    page = client.get(f"/ambassadors/enrolments/{enrolment.id}").get_data(as_text=True)
    assert "Waiting for approval" in page and 'value="Approve"' not in page
    assert client.post(f"/ambassadors/enrolments/{enrolment.id}/approve").status_code == 403
