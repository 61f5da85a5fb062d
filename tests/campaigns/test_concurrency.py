"""Races that only a real server shows: two decisions on one approval end in one."""

import pytest

from eximpact.campaigns.models import Initiative
from eximpact.campaigns.services import approvals
from eximpact.extensions import db
from eximpact.org.models import Person
from eximpact.validation import Conflict
from tests.campaigns.factories import CampaignFactory, InitiativeFactory
from tests.committed import run_concurrently
from tests.factories import PersonFactory

pytestmark = pytest.mark.postgres_only


def test_approve_and_reject_at_the_same_moment_end_in_exactly_one_decision(committed_app):
    hr, approver = PersonFactory(roles=["hr"]), PersonFactory()
    item = InitiativeFactory(
        campaign=CampaignFactory(owner=hr),
        status="draft",
        approval_state="pending",
        approver=approver,
        approval_requested_by=hr,
    )
    db.session.commit()
    item_id, approver_id = item.id, approver.id

    def decide(approve):
        def action():
            person = db.session.get(Person, approver_id)
            initiative = db.session.get(Initiative, item_id)
            approvals.decide_approval(person, initiative, approve, "")
            return initiative.approval_state

        return action

    results = run_concurrently(committed_app, decide(True), decide(False))
    outcomes = [r for r in results if isinstance(r, str)]
    conflicts = [r for r in results if isinstance(r, Conflict)]
    assert len(outcomes) == 1 and len(conflicts) == 1, results
    db.session.expire_all()
    assert db.session.get(Initiative, item_id).approval_state == outcomes[0]
