"""Nominating a peer: every rule, by the API and the form alike."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from eximpact import clock
from eximpact.audit.models import AuditEvent
from eximpact.extensions import db
from eximpact.recognition.models import Nomination
from tests.committed import at_the_same_moment, commit_rows, token_for, unique
from tests.factories import PersonFactory
from tests.praise.factories import PraiseFactory
from tests.recognition.factories import AwardCycleFactory, CategoryFactory

pytestmark = pytest.mark.usefixtures("frozen_clock")

REASON = "Stayed late to fix a customer's outage and called them back."


def today():
    return clock.today()


def nominate(api, who, **fields):
    return api(who).post("/api/v1/nominations", json=fields)


def payload(team, nominee=None, **changes):
    return {
        "nominee_id": (nominee or team.bob).id,
        "category_id": team.category.id,
        "reason": REASON,
        "cycle_id": team.cycle.id,
        **changes,
    }


def problems(response) -> dict:
    assert response.status_code == 422, response.get_json()
    return response.get_json()["error"]["fields"]


def test_a_colleague_is_nominated_with_praise_as_evidence(api, team):
    praise = PraiseFactory(employees=[team.bob], text="Bob was wonderful")
    response = nominate(api, team.alice, **payload(team, praise_ids=[praise.id]))
    assert response.status_code == 201
    data = response.get_json()
    assert (data["status"], data["nominee_id"], data["praise_ids"]) == (
        "submitted",
        team.bob.id,
        [praise.id],
    )
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.entity_type == "nomination"))
    assert [(e.action, e.to_state) for e in event] == [("submitted", "submitted")]


def test_nobody_nominates_themselves(api, team):
    fields = problems(nominate(api, team.alice, **payload(team, nominee=team.alice)))
    assert fields["nominee_id"] == ["You cannot nominate yourself: ask a colleague to."]


def test_the_nominee_must_be_active(api, team):
    team.bob.active = False
    assert problems(nominate(api, team.alice, **payload(team)))["nominee_id"] == [
        "Choose an active colleague."
    ]


def test_a_nominator_nominates_the_same_person_once_per_cycle(api, team):
    assert nominate(api, team.alice, **payload(team)).status_code == 201
    fields = problems(nominate(api, team.alice, **payload(team)))
    assert fields["nominee_id"] == ["You have already nominated Bob Builder in November."]
    other = AwardCycleFactory()
    assert nominate(api, team.alice, **payload(team, cycle_id=other.id)).status_code == 201


def test_a_nominator_has_a_configurable_number_of_nominations_per_cycle(app, api):
    app.config["NOMINATIONS_PER_CYCLE"] = 2
    me, cycle, category = PersonFactory(), AwardCycleFactory(), CategoryFactory()
    for _ in range(2):
        body = {
            "nominee_id": PersonFactory().id,
            "category_id": category.id,
            "reason": REASON,
            "cycle_id": cycle.id,
        }
        assert api(me).post("/api/v1/nominations", json=body).status_code == 201
    body["nominee_id"] = PersonFactory().id
    fields = problems(api(me).post("/api/v1/nominations", json=body))
    assert fields["cycle_id"] == [f"You have used all 2 of your nominations in {cycle.name}."]


@pytest.mark.parametrize(
    ("opens", "closes"),
    [(-20, -1), (1, 20)],
    ids=["closed", "not-yet-open"],
)
def test_nominations_only_inside_the_nomination_window(api, team, opens, closes):
    cycle = AwardCycleFactory(
        name="Window",
        opens_on=today() + timedelta(days=opens),
        closes_on=today() + timedelta(days=closes),
    )
    fields = problems(nominate(api, team.alice, **payload(team, cycle_id=cycle.id)))
    assert fields["cycle_id"][0].startswith("Window takes nominations from")


def test_attached_praise_must_be_praise_of_the_nominee(api, team):
    not_bobs = PraiseFactory(employees=[team.carol])
    fields = problems(nominate(api, team.alice, **payload(team, praise_ids=[not_bobs.id, 999999])))
    assert fields["praise_ids"] == [
        f"Praise {not_bobs.id} is not praise of Bob Builder.",
        "There is no praise 999999.",
    ]


@pytest.mark.parametrize("reason", ["", "Too short, really.", "   nineteen chars   "])
def test_a_reason_needs_at_least_20_characters(api, team, reason):
    fields = problems(nominate(api, team.alice, **payload(team, reason=reason)))
    assert fields["reason"] == ["Say why, in at least 20 characters."]


def test_the_prefilled_praise_opening_does_not_count_toward_the_minimum(api, team):
    """"For the customer praise of …" is the page's words: the reason's 20 characters
    must be the nominator's own, whichever path the reason comes from."""
    opening = "For the customer praise of 03 December 2026: "
    fields = problems(nominate(api, team.alice, **payload(team, reason=opening + "Great job")))
    assert fields["reason"] == ["Say why, in at least 20 characters."]
    response = nominate(api, team.alice, **payload(team, reason=opening + REASON))
    assert response.status_code == 201, response.get_json()


def test_the_page_refuses_a_reason_that_is_only_the_prefilled_opening(client, auth, team):
    """Submitting the nomination form with just the prefilled opening asks for own words."""
    praise = PraiseFactory(employees=[team.bob], text="Bob made my day")
    auth.login(team.alice)
    data = {
        "nominee_id": team.bob.id,
        "category_id": team.category.id,
        "cycle_id": team.cycle.id,
        "reason": f"For the customer praise of {praise.received_at:%d %B %Y}: ",
        "praise_ids": [praise.id],
    }
    response = client.post("/recognition/nominate", data=data)
    assert response.status_code == 422
    assert "Say why, in at least 20 characters." in response.get_data(as_text=True)
    assert db.session.scalars(select(Nomination)).first() is None


def test_a_retired_category_cannot_be_chosen(api, team):
    team.category.active = False
    assert "category_id" in problems(nominate(api, team.alice, **payload(team)))


def test_without_a_cycle_the_only_open_one_is_used(api, team):
    AwardCycleFactory(opens_on=today() - timedelta(days=40), closes_on=today() - timedelta(days=1))
    body = payload(team)
    del body["cycle_id"]
    response = nominate(api, team.alice, **body)
    assert response.status_code == 201 and response.get_json()["cycle_id"] == team.cycle.id
    AwardCycleFactory()  # now two are open
    body["nominee_id"] = team.carol.id
    assert problems(nominate(api, team.alice, **body))["cycle_id"] == ["Choose an award cycle."]


def test_every_broken_rule_is_reported_at_once(api, team):
    fields = problems(
        nominate(api, team.alice, nominee_id=team.alice.id, category_id=0, reason="Nice")
    )
    assert set(fields) == {"nominee_id", "category_id", "reason"}


def test_the_form_prefills_from_a_praise(client, auth, team):
    praise = PraiseFactory(employees=[team.bob], text="Bob made my day")
    auth.login(team.alice)
    page = client.get(
        f"/recognition/nominate?nominee_id={team.bob.id}&praise_id={praise.id}"
    ).get_data(as_text=True)
    assert "Nominate Bob Builder" in page
    assert re.search(rf'<input checked [^>]*name="praise_ids" [^>]*value="{praise.id}"', page)
    assert "For the customer praise of" in page


def test_the_form_submits_and_shows_the_rules_it_breaks(client, auth, team):
    auth.login(team.alice)
    data = {
        "nominee_id": team.bob.id,
        "category_id": team.category.id,
        "cycle_id": team.cycle.id,
        "reason": "Too short",
    }
    response = client.post("/recognition/nominate", data=data)
    assert response.status_code == 422
    assert "Say why, in at least 20 characters." in response.get_data(as_text=True)
    response = client.post("/recognition/nominate", data={**data, "reason": REASON})
    assert response.status_code == 302
    nomination = db.session.scalars(select(Nomination)).one()
    assert (nomination.nominator, nomination.nominee) == (team.alice, team.bob)


def test_the_form_refuses_a_self_nomination_clearly(client, auth, team):
    auth.login(team.alice)
    data = {
        "nominee_id": team.alice.id,
        "category_id": team.category.id,
        "cycle_id": team.cycle.id,
        "reason": REASON,
    }
    response = client.post("/recognition/nominate", data=data)
    assert response.status_code == 422
    assert "You cannot nominate yourself" in response.get_data(as_text=True)


def test_the_chooser_does_not_offer_yourself(client, auth, team):
    auth.login(team.alice)
    page = client.get("/recognition/nominate").get_data(as_text=True)
    assert "Bob Builder" in page and "Alice Agent" not in page.split("<main")[1]


@pytest.mark.postgres_only
def test_the_same_nomination_sent_twice_at_once_is_stored_once(committed_app):
    def rows():
        from eximpact.extensions import db as database

        people = [PersonFactory(email=unique(f"n{i}") + "@example.com") for i in range(2)]
        cycle, category = AwardCycleFactory(name=unique("cycle")), CategoryFactory(name=unique("c"))
        database.session.flush()
        return [*people, cycle, category]

    nominator, nominee, cycle, category = commit_rows(committed_app, rows)
    token = token_for(committed_app, nominator)
    body = {"nominee_id": nominee, "category_id": category, "cycle_id": cycle, "reason": REASON}

    def send():
        return committed_app.test_client().post(
            "/api/v1/nominations", json=body, headers={"Authorization": f"Bearer {token}"}
        )

    responses = at_the_same_moment(send, send)
    assert sorted(r.status_code for r in responses) == [201, 422]
    with committed_app.app_context():
        stored = db.session.scalars(select(Nomination).where(Nomination.cycle_id == cycle)).all()
    assert len(stored) == 1


def test_nominating_from_an_older_praise_still_attaches_it(client, auth, team):
    old = PraiseFactory(employees=[team.bob], received_at=today() - timedelta(days=300))
    for _ in range(25):
        PraiseFactory(employees=[team.bob])
    auth.login(team.alice)
    url = f"/recognition/nominate?nominee_id={team.bob.id}&praise_id={old.id}"
    assert re.search(
        rf'<input checked [^>]*value="{old.id}"', client.get(url).get_data(as_text=True)
    )
    data = {
        "nominee_id": team.bob.id,
        "category_id": team.category.id,
        "cycle_id": team.cycle.id,
        "reason": REASON,
        "praise_ids": [old.id],
    }
    assert client.post(url, data=data).status_code == 302
    assert db.session.scalars(select(Nomination)).one().praise == [old]


def test_ids_no_database_could_hold_are_a_422_not_a_500(api, team):
    response = nominate(api, team.alice, **payload(team, nominee_id=10**20, praise_ids=[10**30]))
    assert set(problems(response)) == {"nominee_id", "praise_ids"}
