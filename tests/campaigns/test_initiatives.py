"""Initiatives: the rules of a plan, who may change what, approvals and the audit trail."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from eximpact.audit.models import AuditEvent
from eximpact.campaigns.models import Initiative
from eximpact.campaigns.services import approvals, planning, queries
from eximpact.extensions import db
from eximpact.validation import Conflict, NotAllowed, ValidationFailed
from tests.campaigns.factories import CampaignFactory, InitiativeFactory
from tests.factories import PersonFactory, TeamFactory


@pytest.fixture
def hr(app):
    return PersonFactory(roles=["hr"])


@pytest.fixture
def campaign(app, hr):
    return CampaignFactory(owner=hr)


def valid(campaign, owner, **changes) -> dict:
    return {
        "campaign_id": campaign.id,
        "pillar": "inspire",
        "title": "Town hall",
        "owner_id": owner.id,
        "start_date": date(2026, 3, 2),
        "end_date": date(2026, 3, 6),
        **changes,
    }


@pytest.mark.parametrize(
    ("changes", "field", "problem"),
    [
        ({"end_date": date(2026, 3, 1)}, "end_date", "cannot be before the start"),
        ({"start_date": None}, "start_date", "Enter a start date"),
        ({"progress": 101}, "progress", "0 to 100"),
        ({"progress": -1}, "progress", "0 to 100"),
        ({"budget": Decimal("-0.01")}, "budget", "Cannot be negative"),
        ({"actual_cost": Decimal(-5)}, "actual_cost", "Cannot be negative"),
        ({"pillar": None}, "pillar", "Choose a pillar"),
        ({"pillar": "involve"}, "pillar", "Choose a pillar"),
        ({"owner_id": 999_999}, "owner_id", "active people"),
        ({"title": "  "}, "title", "required"),
        ({"title": "x" * 201}, "title", "at most 200"),
        ({"frequency": "daily"}, "frequency", "Use one of"),
        ({"status": "paused"}, "status", "Use one of"),
        ({"audience_team_ids": [999_999]}, "audience_team_ids", "Unknown or retired"),
        ({"feedback_score": Decimal(11)}, "feedback_score", "0 to 10"),
        ({"campaign_id": 999_999}, "campaign_id", "Choose a campaign"),
    ],
)
def test_each_rule_of_an_initiative_names_its_field(campaign, hr, changes, field, problem):
    with pytest.raises(ValidationFailed) as caught:
        planning.create_initiative(hr, valid(campaign, hr, **changes))
    assert any(problem in message for message in caught.value.fields[field]), caught.value.fields


def test_every_problem_is_reported_at_once(campaign, hr):
    with pytest.raises(ValidationFailed) as caught:
        planning.create_initiative(hr, valid(campaign, hr, title="", progress=500, pillar="x"))
    assert {"title", "progress", "pillar"} <= set(caught.value.fields)


def test_a_deactivated_owner_is_refused(campaign, hr):
    gone = PersonFactory(active=False)
    with pytest.raises(ValidationFailed) as caught:
        planning.create_initiative(hr, valid(campaign, gone))
    assert "owner_id" in caught.value.fields


def test_nothing_is_stored_when_a_rule_fails(campaign, hr):
    with pytest.raises(ValidationFailed):
        planning.create_initiative(hr, valid(campaign, hr, progress=101))
    assert db.session.scalar(select(Initiative)) is None


def test_audience_teams_become_rollout_rows(campaign, hr):
    north, south = TeamFactory(), TeamFactory()
    item = planning.create_initiative(
        hr, valid(campaign, hr, audience_team_ids=[north.id, south.id])
    )
    assert [r.team_id for r in item.rollouts] == [north.id, south.id]
    assert {r.status for r in item.rollouts} == {"not_started"}
    planning.update_initiative(hr, item, {"audience_team_ids": [south.id]})
    assert item.audience_team_ids == [south.id]


def test_the_owner_may_move_status_and_progress_but_not_the_plan(campaign, hr):
    owner = PersonFactory()
    item = InitiativeFactory(campaign=campaign, owner=owner)
    planning.update_initiative(owner, item, {"status": "in_progress", "progress": 40})
    assert (item.status, item.progress) == ("in_progress", 40)
    with pytest.raises(NotAllowed, match="title"):
        planning.update_initiative(owner, item, {"title": "Renamed"})


def test_someone_else_may_change_nothing(campaign):
    item = InitiativeFactory(campaign=campaign)
    with pytest.raises(NotAllowed):
        planning.update_initiative(PersonFactory(), item, {"progress": 10})


def test_status_changes_go_into_the_audit_trail(campaign, hr):
    item = InitiativeFactory(campaign=campaign, owner=hr)
    planning.update_initiative(hr, item, {"status": "in_progress"})
    event = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.entity_id == item.id, AuditEvent.action == "status_changed"
        )
    ).one()
    assert (event.actor_id, event.from_state, event.to_state) == (hr.id, "planned", "in_progress")


class TestApproval:
    def test_an_initiative_waiting_for_approval_stays_a_draft(self, campaign, hr):
        approver = PersonFactory()
        item = planning.create_initiative(hr, valid(campaign, hr, approver_id=approver.id))
        assert (item.status, item.approval_state, item.approver) == ("draft", "pending", approver)
        with pytest.raises(ValidationFailed) as caught:
            planning.update_initiative(hr, item, {"status": "planned"})
        assert "needs approval" in caught.value.fields["status"][0]

    def test_you_cannot_ask_yourself(self, campaign, hr):
        item = InitiativeFactory(campaign=campaign, status="draft")
        with pytest.raises(ValidationFailed) as caught:
            approvals.request_approval(hr, item, hr.id)
        assert "cannot approve your own" in caught.value.fields["approver_id"][0]

    def test_the_approver_approves_with_a_comment_and_it_is_audited(self, campaign, hr):
        approver = PersonFactory()
        item = InitiativeFactory(campaign=campaign, status="draft")
        approvals.request_approval(hr, item, approver.id)
        approvals.decide_approval(approver, item, True, "Go ahead")
        assert (item.approval_state, item.approval_comment) == ("approved", "Go ahead")
        planning.update_initiative(hr, item, {"status": "planned"})
        actions = db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_id == item.id).order_by(AuditEvent.id)
        ).all()
        assert actions[:2] == ["approval_requested", "approval_approved"]

    def test_only_the_named_approver_decides(self, campaign, hr):
        approver, other = PersonFactory(), PersonFactory(roles=["hr"])
        item = InitiativeFactory(campaign=campaign, status="draft")
        approvals.request_approval(hr, item, approver.id)
        with pytest.raises(NotAllowed):
            approvals.decide_approval(other, item, True, "")
        with pytest.raises(NotAllowed):
            approvals.decide_approval(hr, item, True, "")  # the one who asked

    def test_a_decided_approval_cannot_be_decided_again(self, campaign, hr):
        approver = PersonFactory()
        item = InitiativeFactory(campaign=campaign, status="draft")
        approvals.request_approval(hr, item, approver.id)
        approvals.decide_approval(approver, item, False, "Not this year")
        with pytest.raises(Conflict):
            approvals.decide_approval(approver, item, True, "")

    def test_asking_for_approval_emails_the_approver(self, campaign, hr):
        from eximpact.notifications.models import OutboxMessage

        approver = PersonFactory()
        item = InitiativeFactory(campaign=campaign, status="draft")
        approvals.request_approval(hr, item, approver.id)
        message = db.session.scalars(select(OutboxMessage)).one()
        assert message.to_email == approver.email and item.title in message.subject


def test_drafts_are_hidden_from_employees_in_the_list(campaign, hr):
    employee = PersonFactory()
    InitiativeFactory(campaign=campaign, status="draft", title="Secret draft")
    InitiativeFactory(campaign=campaign, status="draft", title="My own draft", owner=employee)
    InitiativeFactory(campaign=campaign, status="planned", title="Planned one")
    seen = {i.title for i in db.session.scalars(queries.initiatives_query(employee))}
    assert seen == {"My own draft", "Planned one"}
    assert len(db.session.scalars(queries.initiatives_query(hr)).all()) == 3


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"pillar": "reward"}, {"B"}),
        ({"status": "done"}, {"C"}),
        ({"active_on": date(2026, 5, 10)}, {"B"}),
        ({"date_from": date(2026, 6, 1)}, {"C"}),
        ({"date_to": date(2026, 2, 1)}, {"A"}),
    ],
)
def test_the_list_filters(campaign, hr, filters, expected):
    InitiativeFactory(
        campaign=campaign, title="A", start_date=date(2026, 1, 5), end_date=date(2026, 1, 30)
    )
    InitiativeFactory(
        campaign=campaign,
        title="B",
        pillar="reward",
        start_date=date(2026, 5, 1),
        end_date=date(2026, 5, 31),
    )
    InitiativeFactory(
        campaign=campaign,
        title="C",
        status="done",
        start_date=date(2026, 7, 1),
        end_date=date(2026, 7, 31),
    )
    seen = {i.title for i in db.session.scalars(queries.initiatives_query(hr, **filters))}
    assert seen == expected


def test_the_list_filters_by_audience_team(campaign, hr):
    team = TeamFactory()
    item = InitiativeFactory(campaign=campaign, title="For the team")
    planning.update_initiative(hr, item, {"audience_team_ids": [team.id]})
    InitiativeFactory(campaign=campaign, title="Not for them")
    seen = [i.title for i in db.session.scalars(queries.initiatives_query(hr, team_id=team.id))]
    assert seen == ["For the team"]
