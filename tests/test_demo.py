"""The demo organisation: enough people and teams, the five documented sign-ins, idempotent."""

from sqlalchemy import func, select

from eximpact.demo import DEMO_PASSWORD, load_demo
from eximpact.extensions import db
from eximpact.org.models import Person, Team


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def person(email: str) -> Person:
    return db.session.scalar(select(Person).where(Person.email == email))


def test_the_demo_has_at_least_five_teams_and_forty_people(app):
    load_demo()
    assert count(Team) >= 5
    assert count(Person) >= 40


def test_the_documented_demo_sign_ins_exist_with_their_roles(app):
    load_demo()
    assert "admin" in person("admin@example.com").roles
    assert "hr" in person("hr@example.com").roles
    assert "ambassador" in person("ambassador@example.com").roles
    assert person("employee@example.com").roles == {"employee"}
    manager = person("manager@example.com")
    assert "manager" in manager.roles
    for email in ("ambassador@example.com", "employee@example.com"):
        member = person(email)
        assert member.manager == manager
        assert member.team.manager == manager


def test_demo_people_sign_in_with_the_demo_password(app, client):
    load_demo()
    db.session.commit()
    response = client.post("/sign-in", data={"email": "hr@example.com", "password": DEMO_PASSWORD})
    assert response.status_code == 302


def test_loading_the_demo_twice_changes_nothing(app):
    load_demo()
    before = (count(Person), count(Team))
    load_demo()
    assert (count(Person), count(Team)) == before


def test_seed_command_only_loads_into_an_empty_database(app, runner):
    assert "Demo data loaded" in runner.invoke(args=["seed", "demo", "--if-empty"]).output
    assert "already has people" in runner.invoke(args=["seed", "demo", "--if-empty"]).output


def test_demo_decisions_went_through_the_services_and_are_audited(app):
    """Demo loaders are entry points like the pages: every approval is in the audit trail."""
    from eximpact.ambassadors.models import Enrolment, TimeEntry
    from eximpact.audit.models import AuditEvent
    from eximpact.campaigns.models import Initiative, Rollout

    load_demo()

    def audited(entity_type: str, action: str) -> set[int]:
        return set(
            db.session.scalars(
                select(AuditEvent.entity_id).where(
                    AuditEvent.entity_type == entity_type, AuditEvent.action == action
                )
            )
        )

    approved = set(db.session.scalars(select(Enrolment.id).where(Enrolment.status == "approved")))
    assert approved and approved <= audited("ambassador_enrolment", "approved")
    pending = set(db.session.scalars(select(Enrolment.id).where(Enrolment.status == "pending")))
    assert pending and pending <= audited("ambassador_enrolment", "requested")
    for state in ("approved", "rejected", "submitted"):
        ids = set(db.session.scalars(select(TimeEntry.id).where(TimeEntry.status == state)))
        assert ids and ids <= audited("time_entry", "submitted")
        if state != "submitted":
            assert ids <= audited("time_entry", state)
    waiting = set(
        db.session.scalars(select(Initiative.id).where(Initiative.approval_state == "pending"))
    )
    assert waiting and waiting <= audited("initiative", "approval_requested")
    moved = set(db.session.scalars(select(Rollout.id).where(Rollout.status != "not_started")))
    assert moved and moved <= audited("rollout", "rollout_updated")
