"""Rounds: HR creates (k ≥ 3, default 5), opens (invitations and e-mails), closes."""

from datetime import timedelta

from sqlalchemy import func, select

from eximpact import clock
from eximpact.extensions import db
from eximpact.notifications.models import OutboxMessage
from eximpact.pulse.models import PulseInvitation
from tests.factories import PersonFactory, TeamFactory


def _body(**changes):
    today = clock.today()
    body = {
        "kind": "engagement",
        "title": "Spring pulse",
        "opens_on": today.isoformat(),
        "closes_on": (today + timedelta(days=10)).isoformat(),
    }
    return {**body, **changes}


def test_hr_creates_a_draft_with_k_five_by_default(api):
    hr = PersonFactory(roles=["hr"])
    response = api(hr).post("/api/v1/pulse/rounds", json=_body())
    assert response.status_code == 201
    data = response.get_json()
    assert data["status"] == "draft" and data["min_group"] == 5 and data["team_ids"] == []


def test_k_below_three_and_closing_before_opening_are_refused(api):
    hr = PersonFactory(roles=["hr"])
    today = clock.today()
    response = api(hr).post(
        "/api/v1/pulse/rounds",
        json=_body(min_group=2),
    )
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"min_group"}
    response = api(hr).post(
        "/api/v1/pulse/rounds", json=_body(closes_on=(today - timedelta(days=1)).isoformat())
    )
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"closes_on"}
    unknown = api(hr).post("/api/v1/pulse/rounds", json=_body(kind="x", min_group="5"))
    assert set(unknown.get_json()["error"]["fields"]) == {"kind", "min_group"}


def test_only_hr_creates_rounds(api):
    manager = PersonFactory(roles=["manager"])
    assert api(manager).post("/api/v1/pulse/rounds", json=_body()).status_code == 403


def test_opening_invites_the_audience_with_sub_teams_and_queues_their_e_mails(api):
    hr = PersonFactory(roles=["hr"])
    care = TeamFactory()
    north = TeamFactory(parent=care)
    outside = TeamFactory()
    inside = [PersonFactory(team=care), PersonFactory(team=north), PersonFactory(team=north)]
    PersonFactory(team=outside)
    PersonFactory(team=north, active=False)
    client = api(hr)
    round_id = client.post("/api/v1/pulse/rounds", json=_body(team_ids=[care.id])).get_json()["id"]
    assert client.post(f"/api/v1/pulse/rounds/{round_id}/open").status_code == 200
    invited = db.session.execute(
        select(PulseInvitation.person_id, PulseInvitation.team_id).where(
            PulseInvitation.round_id == round_id
        )
    ).all()
    assert sorted(invited) == sorted((p.id, p.team_id) for p in inside)
    mails = db.session.scalars(
        select(OutboxMessage.to_email).where(OutboxMessage.kind == "pulse_invitation")
    ).all()
    assert sorted(mails) == sorted(p.email for p in inside)
    tokens = db.session.scalars(select(PulseInvitation.token_hash)).all()
    assert all(len(t) == 64 for t in tokens)  # stored hashed
    assert client.post(f"/api/v1/pulse/rounds/{round_id}/open").status_code == 409


def test_once_open_k_can_only_be_raised_and_nothing_else_changes(api):
    hr = PersonFactory(roles=["hr"])
    team = TeamFactory()
    PersonFactory(team=team)
    client = api(hr)
    round_id = client.post("/api/v1/pulse/rounds", json=_body(team_ids=[team.id])).get_json()["id"]
    draft_change = client.patch(f"/api/v1/pulse/rounds/{round_id}", json={"min_group": 3})
    assert draft_change.status_code == 200
    client.post(f"/api/v1/pulse/rounds/{round_id}/open")
    lowered = client.patch(f"/api/v1/pulse/rounds/{round_id}", json={"min_group": 2})
    assert lowered.status_code == 422
    raised = client.patch(f"/api/v1/pulse/rounds/{round_id}", json={"min_group": 7})
    assert raised.status_code == 200 and raised.get_json()["min_group"] == 7
    back = client.patch(f"/api/v1/pulse/rounds/{round_id}", json={"min_group": 6})
    assert back.status_code == 422
    retitled = client.patch(f"/api/v1/pulse/rounds/{round_id}", json={"title": "Other"})
    assert retitled.status_code == 409


def test_while_a_round_is_open_its_page_shows_no_count_of_answers(client, auth, api):
    hr = PersonFactory(roles=["hr"])
    team = TeamFactory()
    people = [PersonFactory(team=team) for _ in range(3)]
    client_api = api(hr)
    round_id = client_api.post("/api/v1/pulse/rounds", json=_body()).get_json()["id"]
    client_api.post(f"/api/v1/pulse/rounds/{round_id}/open")
    api(people[0]).post(
        f"/api/v1/pulse/rounds/{round_id}/responses",
        json={"answers": {"mission": 5, "feedback": 5, "tools": 5}},
    )
    auth.login(hr)
    page = client.get(f"/pulse/rounds/{round_id}").get_data(as_text=True)
    assert "no figures are shown, not even how many have answered" in page
    assert "answered" not in page.split("While the round is open")[0].lower()
    assert db.session.scalar(select(func.count()).select_from(PulseInvitation)) >= 3


def test_a_manager_lists_the_rounds_reaching_their_teams_and_no_others(api):
    from eximpact.pulse.loaders import get_round_or_404
    from eximpact.pulse.services.scope import reaches
    from tests.pulse.factories import make_round

    hr = PersonFactory(roles=["hr"])
    parent = TeamFactory()
    mine, sibling = TeamFactory(parent=parent), TeamFactory(parent=parent)
    below = TeamFactory(parent=mine)
    manager = PersonFactory(team=mine, roles=["manager"])
    mine.manager = manager
    db.session.flush()
    rounds = {
        "everyone": make_round(hr, title="everyone"),
        "parent": make_round(hr, teams=[parent], title="parent"),
        "mine": make_round(hr, teams=[mine], title="mine"),
        "below": make_round(hr, teams=[below], title="below"),
        "sibling": make_round(hr, teams=[sibling], title="sibling"),
    }
    listed = api(manager).get("/api/v1/pulse/rounds?per_page=2").get_json()
    assert listed["total"] == 4 and len(listed["items"]) == 2
    titles = {
        item["title"]
        for page in (1, 2)
        for item in api(manager)
        .get(f"/api/v1/pulse/rounds?per_page=2&page={page}")
        .get_json()["items"]
    }
    assert titles == {"everyone", "parent", "mine", "below"}
    for name, round_ in rounds.items():  # the list and the one-round rule agree
        assert reaches(manager, get_round_or_404(round_.id)) == (name != "sibling")
    employee = PersonFactory(team=mine)
    assert api(employee).get("/api/v1/pulse/rounds").get_json()["total"] == 0
    assert api(hr).get("/api/v1/pulse/rounds").get_json()["total"] == 5
