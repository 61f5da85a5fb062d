"""Who may change whom, on every way in: the admin pages, the CSV import and the CLI (issue 8).

Only an admin changes an admin's password, e-mail, roles or active state; nobody
changes their own roles or active state; a password set for someone is e-mailed to
them and audited; a deactivation is the same operation whichever path runs it.
"""

import pytest
from sqlalchemy import select

from eximpact.audit.models import AuditEvent
from eximpact.auth.models import PERSONAL_TOKEN, SESSION_TOKEN
from eximpact.auth.services import issue_personal_token, issue_session_token, person_for_token
from eximpact.extensions import db
from eximpact.notifications.models import OutboxMessage
from eximpact.org.importer import import_org
from tests.factories import TEST_PASSWORD, PersonFactory

TYPED = "a password typed by someone else"


@pytest.fixture
def admin(app):
    return PersonFactory(roles=["admin"], email="boss@example.com")


@pytest.fixture
def hr(app):
    return PersonFactory(roles=["hr"], email="hr@example.com")


def edit(client, person, **changes):
    """Post the edit form as HR sees it: the admin box is not offered to HR."""
    roles = [role for role in person.extra_roles if role != "admin"]
    data = {"name": person.name, "email": person.email, "roles": roles, **changes}
    return client.post(f"/org/people/{person.id}/edit", data=data)


def audit_actions(person) -> list[str]:
    return list(
        db.session.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.entity_type == "person", AuditEvent.entity_id == person.id)
            .order_by(AuditEvent.id)
        )
    )


def test_hr_cannot_set_an_admins_password(client, auth, hr, admin):
    auth.login(hr)
    response = edit(client, admin, password=TYPED)
    assert "Only an admin can change an admin&#39;s password" in response.get_data(as_text=True)
    client.post("/sign-out")
    assert auth.login(admin, TYPED).status_code == 422  # the form again: not signed in
    assert auth.login(admin).status_code == 302


def test_hr_cannot_change_an_admins_email(client, auth, hr, admin):
    auth.login(hr)
    response = edit(client, admin, email="hr-controls-this@example.com")
    assert "an admin&#39;s e-mail address" in response.get_data(as_text=True)
    db.session.refresh(admin)
    assert admin.email == "boss@example.com"


def test_hr_cannot_deactivate_or_reactivate_an_admin(client, auth, hr, admin):
    auth.login(hr)
    client.post(f"/org/people/{admin.id}/deactivate")
    db.session.refresh(admin)
    assert admin.active
    other_admin = PersonFactory(roles=["admin"], active=False)
    client.post(f"/org/people/{other_admin.id}/reactivate")
    db.session.refresh(other_admin)
    assert not other_admin.active


def test_nobody_changes_their_own_roles_on_the_admin_pages(client, auth, admin):
    PersonFactory(roles=["admin"])  # so the last-admin rule is not what refuses it
    auth.login(admin)
    response = edit(client, admin, roles=["admin", "hr"])
    assert "You cannot change your own roles here." in response.get_data(as_text=True)
    db.session.refresh(admin)
    assert admin.extra_roles == ["admin"]


def test_an_admin_sets_another_admins_password_and_they_are_told_and_it_is_audited(
    client, auth, admin
):
    colleague = PersonFactory(roles=["admin"], email="colleague@example.com")
    _, plain = issue_session_token(colleague)
    auth.login(admin)
    response = edit(client, colleague, password=TYPED, roles=["admin"])
    assert response.status_code == 302
    mail = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.to_email == "colleague@example.com")
    ).one()
    assert admin.name in mail.body and "set a new password" in mail.body
    event = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "password_set", AuditEvent.entity_id == colleague.id
        )
    ).one()
    assert event.actor_id == admin.id and event.detail["set_by"] == admin.id
    assert person_for_token(plain) is None  # API sign-ins from the old password are gone


def test_the_organisation_keeps_at_least_one_active_admin(app):
    only = PersonFactory(roles=["admin"])
    result = import_org(None, None, f"name,email,active\n{only.name},{only.email},no\n")
    assert any("at least one active admin" in e.message for e in result.errors)


def test_the_import_cannot_deactivate_an_admin_when_hr_runs_it(app, hr, admin):
    result = import_org(hr, None, f"name,email,active\nBoss,{admin.email},no\n")
    assert {e.line for e in result.errors} == {2}
    assert "Only an admin can change an admin's active state" in result.errors[0].message
    assert admin.active


def test_the_import_cannot_deactivate_the_person_running_it(app, hr):
    result = import_org(hr, None, f"name,email,active\nMe,{hr.email},no\n")
    assert any("You cannot deactivate yourself" in e.message for e in result.errors)
    assert hr.active


def test_the_import_cannot_change_the_roles_of_the_person_running_it(app, hr):
    result = import_org(hr, None, f"name,email,roles\nMe,{hr.email},hr;manager\n")
    assert any("your own roles" in e.message for e in result.errors)


def test_a_person_deactivated_by_the_import_gets_no_token_back_on_reactivation(app, hr):
    person = PersonFactory(email="leaver@example.com")
    _, session_token = issue_session_token(person)
    _, personal_token = issue_personal_token(person, "laptop", None)
    assert import_org(hr, None, "name,email,active\nLeaver,leaver@example.com,no\n").ok
    assert person_for_token(session_token) is None
    assert import_org(hr, None, "name,email,active\nLeaver,leaver@example.com,yes\n").ok
    assert person.active
    assert person_for_token(session_token) is None
    assert person_for_token(personal_token) is None
    assert {t.kind for t in person_tokens(person) if t.revoked_at} == {
        SESSION_TOKEN,
        PERSONAL_TOKEN,
    }


def person_tokens(person):
    from eximpact.auth.models import ApiToken

    return list(db.session.scalars(select(ApiToken).where(ApiToken.person_id == person.id)))


def test_the_import_ends_the_sessions_of_a_person_it_deactivates(client, auth, hr):
    person = PersonFactory(email="leaver@example.com")
    auth.login(person)
    assert client.get("/settings").status_code == 200
    assert import_org(hr, None, "name,email,active\nLeaver,leaver@example.com,no\n").ok
    db.session.commit()
    assert client.get("/settings").status_code == 302


def test_every_person_changed_by_an_import_gets_an_audit_entry(app, hr):
    stays = PersonFactory(email="stays@example.com", name="Stays Same")
    moves = PersonFactory(email="moves@example.com")
    leaves = PersonFactory(email="leaves@example.com")
    csv = (
        "name,email,roles,active\n"
        "Stays Same,stays@example.com,,yes\n"
        "Moves On,moves@example.com,manager,yes\n"
        "Leaves,leaves@example.com,,no\n"
        "Newcomer,new@example.com,,yes\n"
    )
    result = import_org(hr, None, csv)
    assert result.ok
    assert audit_actions(stays) == []
    assert audit_actions(moves) == ["roles_changed", "updated"]
    assert audit_actions(leaves) == ["deactivated", "updated"]
    newcomer = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "created", AuditEvent.entity_type == "person")
    )
    assert newcomer.detail["via"] == "csv_import"


def test_hr_still_manages_ordinary_people_through_the_page_and_the_import(client, auth, hr):
    person = PersonFactory(email="someone@example.com")
    auth.login(hr)
    assert edit(client, person, roles=["manager"]).status_code == 302
    assert import_org(hr, None, "name,email,active\nSomeone,someone@example.com,no\n").ok
    assert not person.active


def test_a_typed_password_still_signs_in(client, auth, hr):
    person = PersonFactory()
    auth.login(hr)
    edit(client, person, password=TYPED)
    client.post("/sign-out")
    assert auth.login(person, TYPED).status_code == 302
    client.post("/sign-out")
    assert auth.login(person, TEST_PASSWORD).status_code == 422
