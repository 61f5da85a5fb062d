"""Quick thanks: a public thank-you under a company value, within a daily allowance."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from eximpact import clock
from eximpact.extensions import db
from eximpact.recognition.models import Thanks
from eximpact.recognition.services.wall import leaderboard
from tests.committed import at_the_same_moment, commit_rows, token_for, unique
from tests.factories import PersonFactory
from tests.praise.factories import PraiseFactory
from tests.recognition.factories import CategoryFactory

pytestmark = pytest.mark.usefixtures("frozen_clock")

MESSAGE = "Thank you for covering my calls while I was at the dentist."


@pytest.fixture
def value(app):
    return CategoryFactory(name="One team", company_value=True)


def thank(api, giver, recipient, value, **changes):
    body = {"recipient_id": recipient.id, "category_id": value.id, "message": MESSAGE}
    return api(giver).post("/api/v1/thanks", json={**body, **changes})


def problems(response) -> dict:
    assert response.status_code == 422, response.get_json()
    return response.get_json()["error"]["fields"]


def test_a_colleague_is_thanked_under_a_company_value_without_review(api, team, value):
    """A thanks is stored at once (201) with its giver, value and message."""
    response = thank(api, team.alice, team.bob, value)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert (body["giver_id"], body["recipient_id"]) == (team.alice.id, team.bob.id)
    assert body["thanks_left_today"] == 4
    stored = db.session.scalars(select(Thanks)).one()
    assert stored.given_on == clock.today() and stored.message == MESSAGE


def test_nobody_thanks_themselves(api, team, value):
    """Thanking yourself is a 422 naming recipient_id, and nothing is stored."""
    assert "recipient_id" in problems(thank(api, team.alice, team.alice, value))
    assert db.session.scalars(select(Thanks)).all() == []


def test_the_recipient_must_be_active(api, team, value):
    """A deactivated colleague cannot be thanked."""
    team.bob.active = False
    assert "recipient_id" in problems(thank(api, team.alice, team.bob, value))


def test_thanks_are_given_under_a_company_value_only(api, team):
    """A category that is not a company value (e.g. "Customer hero") is refused."""
    assert "category_id" in problems(thank(api, team.alice, team.bob, team.category))


@pytest.mark.parametrize(("message", "field"), [("", "message"), ("x" * 501, "message")])
def test_the_message_is_required_and_limited(api, team, value, message, field):
    """An empty message or one over the limit is a 422 at the message."""
    assert field in problems(thank(api, team.alice, team.bob, value, message=message))


def test_attached_praise_must_be_praise_of_the_recipient(api, team, value):
    """Praise of someone else cannot be attached; praise of the recipient can."""
    others = PraiseFactory(employees=[team.carol])
    assert "praise_id" in problems(thank(api, team.alice, team.bob, value, praise_id=others.id))
    theirs = PraiseFactory(employees=[team.bob])
    assert thank(api, team.alice, team.bob, value, praise_id=theirs.id).status_code == 201


def test_the_sixth_thanks_of_a_day_is_refused_with_when_it_renews(api, team, value):
    """Past the daily allowance: 429 rate_limited, a Retry-After, and the renewal in words."""
    for _ in range(5):
        assert thank(api, team.alice, team.bob, value).status_code == 201
    response = thank(api, team.alice, team.carol, value)
    assert response.status_code == 429
    error = response.get_json()["error"]
    assert error["code"] == "rate_limited"
    assert "renews at midnight" in error["message"]
    assert 0 < int(response.headers["Retry-After"]) <= 24 * 3600
    assert len(db.session.scalars(select(Thanks)).all()) == 5


def test_the_allowance_renews_on_the_organisations_next_day(api, team, value):
    """Thanks given yesterday do not count today."""
    for _ in range(5):
        assert thank(api, team.alice, team.bob, value).status_code == 201
    with clock.frozen(clock.now() + timedelta(days=1)):
        assert thank(api, team.alice, team.bob, value).status_code == 201


def test_the_allowance_is_configurable(app, api, team, value):
    """EXIMPACT_THANKS_PER_DAY sets the allowance."""
    app.config["THANKS_PER_DAY"] = 1
    assert thank(api, team.alice, team.bob, value).status_code == 201
    response = thank(api, team.alice, team.carol, value)
    assert response.status_code == 429
    assert "all 1 of today's thanks" in response.get_json()["error"]["message"]


def test_the_page_thanks_a_colleague_and_says_when_the_allowance_renews(client, auth, team, value):
    """The form sends thanks to the wall; past the allowance it says when it renews."""
    auth.login(team.alice)
    data = {"recipient_id": team.bob.id, "category_id": value.id, "message": MESSAGE}
    page = client.get("/recognition/thanks").get_data(as_text=True)
    assert "5 of your 5 thanks left today" in page
    for _ in range(5):
        assert client.post("/recognition/thanks", data=data).status_code == 302
    response = client.post("/recognition/thanks", data=data)
    assert response.status_code == 422
    assert "renews at midnight" in response.get_data(as_text=True)
    assert MESSAGE in response.get_data(as_text=True)  # the person's words are kept


def test_a_thanks_counts_one_point_on_the_leaderboard(api, team, value):
    """A thanks received counts for fewer points than an approved nomination."""
    assert thank(api, team.alice, team.bob, value).status_code == 201
    [row] = leaderboard("month", clock.today()).rows
    assert (row.name, row.points, row.thanks) == ("Bob Builder", 1, 1)


@pytest.mark.postgres_only
def test_concurrent_thanks_cannot_race_past_the_allowance(committed_app):
    """Six thanks sent at the same moment by one giver with an allowance of 5: five stored."""

    def rows():
        people = [PersonFactory(email=unique(f"t{i}") + "@example.com") for i in range(2)]
        category = CategoryFactory(name=unique("value"), company_value=True)
        db.session.flush()
        return [*people, category]

    giver, recipient, category = commit_rows(committed_app, rows)
    token = token_for(committed_app, giver)
    body = {"recipient_id": recipient, "category_id": category, "message": MESSAGE}

    def send():
        return committed_app.test_client().post(
            "/api/v1/thanks", json=body, headers={"Authorization": f"Bearer {token}"}
        )

    responses = at_the_same_moment(*[send] * 6)
    assert sorted(r.status_code for r in responses) == [201] * 5 + [429]
    with committed_app.app_context():
        stored = db.session.scalars(select(Thanks).where(Thanks.giver_id == giver)).all()
    assert len(stored) == 5


def test_thanks_appear_on_the_wall_escaped(client, auth, api, team, value):
    """A thanks is on the wall page at once, its message shown as text, never as markup."""
    assert (
        thank(api, team.alice, team.bob, value, message="<script>x()</script>").status_code == 201
    )
    auth.login(team.carol)
    page = client.get("/recognition/").get_data(as_text=True)
    assert f'thanked by <a href="/people/{team.alice.id}">Alice Agent</a>' in page
    assert "&lt;script&gt;x()&lt;/script&gt;" in page and "<script>x()" not in page
