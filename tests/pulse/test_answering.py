"""Answering: invited people only, once, in one page, with nothing that links back."""

from sqlalchemy import func, select

from eximpact.extensions import db
from eximpact.notifications.models import OutboxMessage
from eximpact.pulse.models import PulseComment, PulseInvitation, PulseResponse
from tests.factories import PersonFactory, TeamFactory
from tests.pulse.factories import GOOD, make_round, open_round

BODY = {"answers": GOOD}


def _open(hr, team, **fields):
    return open_round(hr, make_round(hr, teams=[team], **fields))


def test_an_invited_person_answers_once_and_a_second_answer_is_a_409(api):
    team = TeamFactory()
    hr, person = PersonFactory(roles=["hr"]), PersonFactory(team=team)
    round_ = _open(hr, team)
    client = api(person)
    first = client.post(f"/api/v1/pulse/rounds/{round_.id}/responses", json=BODY)
    assert first.status_code == 201
    assert first.get_json() == {"received": True}  # nothing that links back
    second = client.post(f"/api/v1/pulse/rounds/{round_.id}/responses", json=BODY)
    assert second.status_code == 409
    assert "already answered" in second.get_json()["error"]["message"]
    count = db.session.scalar(select(func.count()).select_from(PulseResponse))
    assert count == 1


def test_someone_not_invited_gets_403_and_nothing_is_stored(api):
    team, other = TeamFactory(), TeamFactory()
    hr = PersonFactory(roles=["hr"])
    PersonFactory(team=team)
    round_ = _open(hr, team)
    outsider = PersonFactory(team=other)
    response = api(outsider).post(f"/api/v1/pulse/rounds/{round_.id}/responses", json=BODY)
    assert response.status_code == 403
    assert db.session.scalar(select(func.count()).select_from(PulseResponse)) == 0


def test_a_draft_or_closed_round_takes_no_answers(api):
    team = TeamFactory()
    hr, person = PersonFactory(roles=["hr"]), PersonFactory(team=team)
    round_ = _open(hr, team)
    client = api(person)
    assert client.post(f"/api/v1/pulse/rounds/{round_.id}/close").status_code == 403
    assert api(hr).post(f"/api/v1/pulse/rounds/{round_.id}/close").status_code == 200
    response = client.post(f"/api/v1/pulse/rounds/{round_.id}/responses", json=BODY)
    assert response.status_code == 409


def test_answers_outside_the_scale_are_refused_item_by_item(api):
    team = TeamFactory()
    hr, person = PersonFactory(roles=["hr"]), PersonFactory(team=team)
    round_ = _open(hr, team)
    bad = {"answers": {"mission": 8, "feedback": "7", "tools": 2**70, "enps": 5}, "comment": 3}
    response = api(person).post(f"/api/v1/pulse/rounds/{round_.id}/responses", json=bad)
    assert response.status_code == 422
    fields = response.get_json()["error"]["fields"]
    assert set(fields) == {"answers.mission", "answers.feedback", "answers.tools", "comment"}
    unasked = {"answers": {"mission": 4, "feedback": 4, "tools": 4, "enps": 5}, "comment": "x"}
    response = api(person).post(f"/api/v1/pulse/rounds/{round_.id}/responses", json=unasked)
    assert response.status_code == 422  # this round asks neither eNPS nor a comment
    assert set(response.get_json()["error"]["fields"]) == {"answers.enps", "comment"}
    invitation = db.session.scalar(select(PulseInvitation))
    db.session.refresh(invitation)
    assert not invitation.responded  # nothing half-saved


def test_a_broken_body_is_a_400_not_a_500(api):
    team = TeamFactory()
    hr, person = PersonFactory(roles=["hr"]), PersonFactory(team=team)
    round_ = _open(hr, team)
    url = f"/api/v1/pulse/rounds/{round_.id}/responses"
    broken = b"\xff\xfe{"
    response = api(person).post(url, data=broken, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert api(person).post(url, json={"answers": [1, 2]}).status_code == 422


def test_the_answer_carries_the_team_at_opening_and_no_person(api):
    team, later = TeamFactory(), TeamFactory()
    hr, person = PersonFactory(roles=["hr"]), PersonFactory(team=team)
    round_ = _open(hr, team, comments=True)
    person.team = later  # moves after the round opened
    db.session.flush()
    body = {"answers": GOOD, "comment": "Good quarter."}
    sent = api(person).post(f"/api/v1/pulse/rounds/{round_.id}/responses", json=body)
    assert sent.status_code == 201
    stored = db.session.scalar(select(PulseResponse))
    assert stored.team_id == team.id
    assert set(PulseResponse.__table__.columns.keys()) == {"id", "round_id", "team_id", "answers"}
    comment = db.session.scalar(select(PulseComment))
    assert comment.text == "Good quarter." and comment.team_id == team.id


def test_the_answer_page_explains_storage_k_and_who_sees_what_then_takes_one_answer(client, auth):
    team = TeamFactory()
    hr, person = PersonFactory(roles=["hr"]), PersonFactory(team=team)
    round_ = _open(hr, team, min_group=6)
    auth.login(person)
    page = client.get(f"/pulse/rounds/{round_.id}/answer").get_data(as_text=True)
    assert "What is stored" in page and "k = 6" in page and "Who sees what" in page
    assert "Strongly disagree" in page and "Strongly agree" in page
    missing = client.post(f"/pulse/rounds/{round_.id}/answer", data={"mission": "5"})
    assert missing.status_code == 422 and "Choose an answer." in missing.get_data(as_text=True)
    form = {key: str(value) for key, value in GOOD.items()}
    sent = client.post(f"/pulse/rounds/{round_.id}/answer", data=form)
    assert sent.status_code == 302
    again = client.get(f"/pulse/rounds/{round_.id}/answer")
    assert again.status_code == 409 and "already answered" in again.get_data(as_text=True)


def test_the_e_mailed_link_works_only_for_its_own_person(client, auth):
    team = TeamFactory()
    hr = PersonFactory(roles=["hr"])
    owner, other = PersonFactory(team=team), PersonFactory(team=team)
    round_ = _open(hr, team)
    body = db.session.scalar(
        select(OutboxMessage.body).where(
            OutboxMessage.to_email == owner.email, OutboxMessage.kind == "pulse_invitation"
        )
    )
    link = next(line for line in body.splitlines() if "/pulse/answer/" in line)
    path = link[link.index("/pulse/answer/") :]
    auth.login(other)
    assert client.get(path).status_code == 403  # answering for someone else is impossible
    auth.logout()
    auth.login(owner)
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/pulse/rounds/{round_.id}/answer")


def test_an_open_round_shows_on_the_home_page_until_answered(client, auth, api):
    team = TeamFactory()
    hr, person = PersonFactory(roles=["hr"]), PersonFactory(team=team)
    round_ = _open(hr, team, title="Autumn pulse")
    auth.login(person)
    assert "Autumn pulse" in client.get("/").get_data(as_text=True)
    api(person).post(f"/api/v1/pulse/rounds/{round_.id}/responses", json=BODY)
    assert "Autumn pulse" not in client.get("/").get_data(as_text=True)
    invitations = api(person).get("/api/v1/pulse/invitations").get_json()["items"]
    assert invitations == [
        {
            "round_id": round_.id,
            "kind": "engagement",
            "title": "Autumn pulse",
            "closes_on": round_.closes_on.isoformat(),
            "responded": True,
        }
    ]
