"""Reviewing nominations: who may, the lifecycle, the audit trail, the budget, the e-mails."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from eximpact.audit.models import AuditEvent
from eximpact.extensions import db
from eximpact.notifications.models import OutboxMessage
from eximpact.recognition.models import Nomination
from eximpact.recognition.services import nomination_queries
from tests.committed import (
    at_the_same_moment,
    commit_rows,
    first_call_waits_for_the_other,
    token_for,
    unique,
)
from tests.factories import PersonFactory
from tests.recognition.factories import AwardCycleFactory, CategoryFactory, NominationFactory


@pytest.fixture
def nomination(team):
    """Alice nominated Bob; Maya manages Bob."""
    return NominationFactory(
        cycle=team.cycle, category=team.category, nominator=team.alice, nominee=team.bob
    )


def act(api, who, nomination, action, body=None):
    url = f"/api/v1/nominations/{nomination.id}/{action}"
    return api(who).post(url, json=body if body is not None else {})


def trail(nomination) -> list[tuple]:
    events = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.entity_type == "nomination", AuditEvent.entity_id == nomination.id)
        .order_by(AuditEvent.id)
    )
    return [(e.action, e.from_state, e.to_state, e.actor_id) for e in events]


def mail() -> list[tuple[str, str]]:
    return [(m.to_email, m.kind) for m in db.session.scalars(select(OutboxMessage))]


def test_the_nominees_manager_approves_and_the_nominee_hears_of_it(api, team, nomination):
    response = act(api, team.manager, nomination, "approve")
    assert response.status_code == 200
    assert response.get_json()["status"] == "approved"
    db.session.refresh(nomination)
    assert (nomination.reviewed_by, nomination.recognised_at is not None) == (team.manager, True)
    assert trail(nomination) == [("approved", "submitted", "approved", team.manager.id)]
    # The manager approved it themselves: the nominee and the nominator need telling.
    assert sorted(mail()) == sorted(
        [(team.bob.email, "nomination_approved"), (team.alice.email, "nomination_decided")]
    )


def test_hr_approves_and_both_nominee_and_manager_hear_of_it(api, team, nomination):
    hr = PersonFactory(roles=["hr"])
    assert act(api, hr, nomination, "approve").status_code == 200
    assert sorted(mail()) == sorted(
        [
            (team.bob.email, "nomination_approved"),
            (team.manager.email, "nomination_approved"),
            (team.alice.email, "nomination_decided"),
        ]
    )


@pytest.mark.parametrize("who", ["alice", "bob", "carol", "other_manager", "admin"])
def test_nobody_else_reviews(api, team, nomination, who):
    """Never the nominator or the nominee; nor a peer, another manager or an admin."""
    person = {
        "alice": team.alice,
        "bob": team.bob,
        "carol": team.carol,
        "other_manager": PersonFactory(roles=["manager"]),
        "admin": PersonFactory(roles=["admin"]),
    }[who]
    for action, body in (("approve", {}), ("decline", {"reason": "No"}), ("award", {})):
        response = act(api, person, nomination, action, body)
        assert response.status_code == 403, (action, response.get_json())
    db.session.refresh(nomination)
    assert nomination.status == "submitted"


def test_an_hr_person_cannot_review_their_own_nomination(api, team):
    hr_nominee = PersonFactory(roles=["hr"], manager=team.manager)
    mine = NominationFactory(cycle=team.cycle, nominator=team.alice, nominee=hr_nominee)
    assert act(api, hr_nominee, mine, "approve").status_code == 403


def test_declining_needs_a_reason_which_the_nominator_sees(api, client, auth, team, nomination):
    assert act(api, team.manager, nomination, "decline", {"reason": " "}).status_code == 422
    response = act(api, team.manager, nomination, "decline", {"reason": "Not a customer moment."})
    assert response.get_json()["status"] == "declined"
    assert trail(nomination)[-1][:3] == ("declined", "submitted", "declined")
    auth.login(team.alice)
    page = client.get(f"/recognition/nominations/{nomination.id}").get_data(as_text=True)
    assert "Not a customer moment." in page


def test_the_lifecycle_goes_submitted_approved_awarded(api, team, nomination):
    assert act(api, team.manager, nomination, "award").status_code == 409
    assert act(api, team.manager, nomination, "approve").status_code == 200
    assert act(api, team.manager, nomination, "approve").status_code == 409
    assert act(api, team.manager, nomination, "decline", {"reason": "Oops"}).status_code == 409
    response = act(api, team.manager, nomination, "award")
    assert response.status_code == 200
    data = response.get_json()
    assert (data["status"], data["reward"], data["reward_value"]) == (
        "awarded",
        "500 points",
        "10.00",
    )
    assert [t[0] for t in trail(nomination)] == ["approved", "awarded"]
    assert act(api, team.manager, nomination, "award").status_code == 409


def test_an_award_may_name_its_own_reward(api, team, nomination):
    act(api, team.manager, nomination, "approve")
    body = {"reward": "A day off", "reward_value": "120.50"}
    data = act(api, team.manager, nomination, "award", body).get_json()
    assert (data["reward"], data["reward_value"]) == ("A day off", "120.50")
    assert trail(nomination)[-1][:3] == ("awarded", "approved", "awarded")
    assert (team.bob.email, "nomination_awarded") in mail()


def test_awards_cannot_exceed_the_cycle_budget(api, team):
    cycle = AwardCycleFactory(budget=Decimal("100.00"))
    category = CategoryFactory(reward_value=Decimal("60.00"))
    first, second = (
        NominationFactory(
            cycle=cycle, category=category, nominator=team.alice, nominee=nominee, status="approved"
        )
        for nominee in (team.bob, team.carol)
    )
    assert act(api, team.manager, first, "award").status_code == 200
    response = act(api, team.manager, second, "award")
    assert response.status_code == 409
    assert response.get_json()["error"]["message"] == (
        f"This award costs 60.00 but {cycle.name} has only 40.00 of its 100.00 budget left."
    )
    db.session.refresh(second)
    assert second.status == "approved"
    body = {"reward_value": "40.00", "reward": "A smaller gift"}
    assert act(api, team.manager, second, "award", body).status_code == 200


def test_a_cycle_without_a_budget_has_no_limit(api, team):
    category = CategoryFactory(reward_value=Decimal("10000.00"))
    for nominee in (team.bob, team.carol):
        n = NominationFactory(
            cycle=team.cycle,
            category=category,
            nominator=team.alice,
            nominee=nominee,
            status="approved",
        )
        assert act(api, team.manager, n, "award").status_code == 200


def test_the_review_page_approves_and_shows_the_budget_error(client, auth, team):
    cycle = AwardCycleFactory(budget=Decimal("5.00"))
    n = NominationFactory(cycle=cycle, nominator=team.alice, nominee=team.bob)
    auth.login(team.manager)
    client.post(f"/recognition/nominations/{n.id}/approve")
    db.session.refresh(n)
    assert n.status == "approved"
    response = client.post(f"/recognition/nominations/{n.id}/award", data={"reward": ""})
    assert response.status_code == 409
    assert "budget left" in response.get_data(as_text=True)


def test_declining_on_the_page_a_nomination_already_decided_answers_409_and_says_so(
    client, auth, team, nomination
):
    nomination.status = "approved"
    db.session.flush()
    auth.login(team.manager)
    response = client.post(
        f"/recognition/nominations/{nomination.id}/decline", data={"reason": "Too late now."}
    )
    assert response.status_code == 409
    assert "This nomination is already approved" in response.get_data(as_text=True)
    db.session.refresh(nomination)
    assert (nomination.status, nomination.decline_reason) == ("approved", None)


def test_awarding_on_the_page_a_nomination_already_awarded_answers_409_and_says_so(
    client, auth, team, nomination
):
    auth.login(team.manager)
    client.post(f"/recognition/nominations/{nomination.id}/approve")
    assert client.post(f"/recognition/nominations/{nomination.id}/award").status_code == 302
    response = client.post(f"/recognition/nominations/{nomination.id}/award")
    assert response.status_code == 409
    assert "This nomination is already awarded" in response.get_data(as_text=True)
    assert [t[0] for t in trail(nomination)] == ["approved", "awarded"]


def test_declining_on_the_page_without_a_reason_answers_422_at_the_field(
    client, auth, team, nomination
):
    auth.login(team.manager)
    response = client.post(
        f"/recognition/nominations/{nomination.id}/decline", data={"reason": " "}
    )
    assert response.status_code == 422
    db.session.refresh(nomination)
    assert nomination.status == "submitted"


def test_the_nominator_gets_403_on_the_review_pages(client, auth, team, nomination):
    auth.login(team.alice)
    assert client.post(f"/recognition/nominations/{nomination.id}/approve").status_code == 403
    db.session.refresh(nomination)
    assert nomination.status == "submitted"


def test_reciprocal_nominations_are_flagged_to_the_reviewer_only(api, client, auth, team):
    there = NominationFactory(cycle=team.cycle, nominator=team.alice, nominee=team.bob)
    back = NominationFactory(cycle=team.cycle, nominator=team.bob, nominee=team.alice)
    NominationFactory(cycle=AwardCycleFactory(), nominator=team.carol, nominee=team.alice)
    data = api(team.manager).get(f"/api/v1/nominations/{there.id}").get_json()
    assert [f["code"] for f in data["flags"]] == ["reciprocal"]
    assert data["flags"][0]["message"] == (
        "Reciprocal: Bob Builder also nominated Alice Agent in this cycle."
    )
    assert "flags" not in api(team.alice).get(f"/api/v1/nominations/{there.id}").get_json()
    auth.login(team.manager)
    page = client.get(f"/recognition/nominations/{back.id}").get_data(as_text=True)
    assert "Reciprocal: Alice Agent also nominated Bob Builder in this cycle." in page
    listed = client.get("/recognition/nominations?view=review").get_data(as_text=True)
    assert listed.count("Reciprocal:") == 2


def test_repeated_praise_from_one_customer_is_flagged(api, team):
    from tests.praise.factories import PraiseFactory

    for _ in range(2):  # received in the cycle's period: they count without being attached
        PraiseFactory(employees=[team.bob], customer_ref="CUST-9")
    PraiseFactory(employees=[team.bob], customer_ref="CUST-1")
    flagged = NominationFactory(cycle=team.cycle, nominator=team.alice, nominee=team.bob)
    clean = NominationFactory(cycle=team.cycle, nominator=team.bob, nominee=team.carol)
    flags = nomination_queries.nomination_flags([flagged, clean])
    assert [f.code for f in flags[flagged.id]] == ["repeat_customer"]
    assert "2 pieces of praise of Bob Builder come from customer CUST-9" in (
        flags[flagged.id][0].message
    )
    assert flags[clean.id] == []


def test_repeated_customer_praise_attached_from_before_the_cycle_counts_too(team):
    from datetime import timedelta

    from tests.praise.factories import PraiseFactory

    long_ago = team.cycle.period_start - timedelta(days=200)
    old = [
        PraiseFactory(employees=[team.bob], customer_ref="OLD-1", received_at=long_ago)
        for _ in range(2)
    ]
    attached = NominationFactory(
        cycle=team.cycle, nominator=team.alice, nominee=team.bob, praise=old
    )
    other = NominationFactory(cycle=team.cycle, nominator=team.carol, nominee=team.bob)
    flags = nomination_queries.nomination_flags([attached, other])
    assert [f.code for f in flags[attached.id]] == ["repeat_customer"]
    assert flags[other.id] == []  # not attached, and outside the cycle's period


def _race_rows(budget=None):
    def make():
        manager = PersonFactory(email=unique("m") + "@example.com")
        nominator = PersonFactory(email=unique("a") + "@example.com")
        nominees = [
            PersonFactory(email=unique("b") + "@example.com", manager=manager) for _ in range(2)
        ]
        cycle = AwardCycleFactory(name=unique("race"), budget=budget)
        category = CategoryFactory(name=unique("cat"), reward_value=Decimal("60.00"))
        status = "approved" if budget is not None else "submitted"
        nominations = [
            NominationFactory(
                cycle=cycle, category=category, nominator=nominator, nominee=n, status=status
            )
            for n in nominees
        ]
        db.session.flush()
        return [manager, *nominations]

    return make


@pytest.mark.postgres_only
def test_two_reviewers_acting_at_once_end_in_one_decision(committed_app, monkeypatch):
    """The manager approves while HR declines, both having read 'submitted' first."""
    manager, nomination, _ = commit_rows(committed_app, _race_rows())
    hr = commit_rows(committed_app, lambda: [PersonFactory(roles=["hr"])])[0]
    first_call_waits_for_the_other(monkeypatch, nomination_queries, "get_nomination")

    def as_(person, action, body):
        token = token_for(committed_app, person)
        return lambda: committed_app.test_client().post(
            f"/api/v1/nominations/{nomination}/{action}",
            json=body,
            headers={"Authorization": f"Bearer {token}"},
        )

    responses = at_the_same_moment(
        as_(manager, "approve", {}), as_(hr, "decline", {"reason": "Not now"})
    )
    assert sorted(r.status_code for r in responses) == [200, 409]
    winner = next(r for r in responses if r.status_code == 200).get_json()["status"]
    with committed_app.app_context():
        stored = db.session.get(Nomination, nomination)
        decisions = db.session.scalars(
            select(AuditEvent.action).where(
                AuditEvent.entity_type == "nomination", AuditEvent.entity_id == nomination
            )
        ).all()
    assert stored.status == winner
    assert decisions == [{"approved": "approved", "declined": "declined"}[winner]]


@pytest.mark.postgres_only
def test_two_awards_at_once_cannot_both_fit_in_the_last_of_the_budget(committed_app, monkeypatch):
    manager, first, second = commit_rows(committed_app, _race_rows(budget=Decimal("100.00")))
    token = token_for(committed_app, manager)
    first_call_waits_for_the_other(monkeypatch, nomination_queries, "get_nomination")

    def award(nomination_id):
        return lambda: committed_app.test_client().post(
            f"/api/v1/nominations/{nomination_id}/award",
            json={},
            headers={"Authorization": f"Bearer {token}"},
        )

    responses = at_the_same_moment(award(first), award(second))
    assert sorted(r.status_code for r in responses) == [200, 409]
    with committed_app.app_context():
        statuses = sorted(db.session.get(Nomination, i).status for i in (first, second))
    assert statuses == ["approved", "awarded"]
