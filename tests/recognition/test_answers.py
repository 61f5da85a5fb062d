"""The wall answers back: reactions from a fixed set and short comments on each wall item."""

import pytest
from sqlalchemy import select

from eximpact import clock
from eximpact.extensions import db
from eximpact.notifications.models import COMMENT, REACTION, Notification, OutboxMessage
from eximpact.recognition.models import Comment, Reaction
from eximpact.recognition.services import answers
from tests.factories import PersonFactory, TeamFactory
from tests.recognition.factories import CommentFactory, NominationFactory, ThanksFactory

SCRIPT = "<script>alert(1)</script>"


def on_the_wall(nominee, status="approved", **kwargs):
    when = clock.now()
    return NominationFactory(
        nominee=nominee, status=status, reviewed_at=when, recognised_at=when, **kwargs
    )


@pytest.fixture
def item(team):
    """Alice's nomination of Bob, approved: on the wall."""
    return on_the_wall(team.bob, nominator=team.alice)


def react(api, person, kind, item_id, reaction="clap", method="post"):
    url = f"/api/v1/recognition/{kind}/{item_id}/reactions"
    return getattr(api(person), method)(url, json={"reaction": reaction})


def comment(api, person, kind, item_id, text="Well deserved, Bob!"):
    return api(person).post(f"/api/v1/recognition/{kind}/{item_id}/comments", json={"text": text})


def notifications(person, kind) -> list[Notification]:
    return db.session.scalars(
        select(Notification).where(Notification.person_id == person.id, Notification.kind == kind)
    ).all()


# -- reactions ---------------------------------------------------------------------------


def test_a_colleague_reacts_and_the_items_counts_come_back(api, team, item):
    """A reaction from the fixed set is stored; the answer gives every count and one's own."""
    response = react(api, team.carol, "nomination", item.id)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["reactions"] == {"clap": 1, "party": 0, "heart": 0, "hands": 0}
    assert body["mine"] == ["clap"]


def test_a_person_gives_each_reaction_once_and_may_give_several_kinds(api, team, item):
    """The same reaction twice stays one; another reaction of the set counts on its own."""
    assert react(api, team.carol, "nomination", item.id).status_code == 200
    again = react(api, team.carol, "nomination", item.id).get_json()
    assert again["reactions"]["clap"] == 1
    both = react(api, team.carol, "nomination", item.id, "heart").get_json()
    assert (both["reactions"]["clap"], both["reactions"]["heart"]) == (1, 1)
    assert both["mine"] == ["clap", "heart"]
    assert len(db.session.scalars(select(Reaction)).all()) == 2


def test_a_reaction_is_taken_back(api, team, item):
    """DELETE takes one's own reaction back; another person's stays."""
    react(api, team.carol, "nomination", item.id)
    react(api, team.alice, "nomination", item.id)
    response = react(api, team.carol, "nomination", item.id, method="delete")
    assert response.status_code == 200
    assert response.get_json()["reactions"]["clap"] == 1
    assert response.get_json()["mine"] == []


def test_an_unknown_reaction_is_a_422(api, team, item):
    response = react(api, team.carol, "nomination", item.id, "thumbs_down")
    assert response.status_code == 422
    assert "reaction" in response.get_json()["error"]["fields"]
    assert db.session.scalars(select(Reaction)).all() == []


def test_the_page_reacts_without_javascript_and_returns_to_the_card(client, auth, team, item):
    """The wall's reaction button is a POST form; it returns to the card it was pressed on."""
    auth.login(team.carol)
    back = f"/recognition/#nomination-{item.id}"
    url = f"/recognition/nomination/{item.id}/reactions"
    response = client.post(url, data={"reaction": "party", "next": back})
    assert response.status_code == 302 and response.headers["Location"] == back
    page = client.get("/recognition/").get_data(as_text=True)
    assert 'aria-pressed="true"' in page and "Celebrate:</span> 1" in page
    removed = client.post(f"{url}/remove", data={"reaction": "party", "next": back})
    assert removed.status_code == 302
    assert db.session.scalars(select(Reaction)).all() == []


def test_the_page_refuses_an_unknown_reaction_with_a_422(client, auth, team, item):
    auth.login(team.carol)
    response = client.post(f"/recognition/nomination/{item.id}/reactions", data={"reaction": "x"})
    assert response.status_code == 422
    assert "Choose one of the reactions" in response.get_data(as_text=True)


def test_a_quick_thanks_is_answered_like_a_nomination(api, team):
    thanks = ThanksFactory(giver=team.alice, recipient=team.bob)
    assert react(api, team.carol, "thanks", thanks.id, "hands").status_code == 200
    assert comment(api, team.carol, "thanks", thanks.id).status_code == 201


# -- who may answer what -----------------------------------------------------------------


@pytest.mark.parametrize("status", ["submitted", "declined"])
def test_a_nomination_that_is_not_on_the_wall_is_a_404(api, client, auth, team, status):
    """Not even its nominator may answer it: it is not on the wall, and it is not revealed."""
    hidden = NominationFactory(nominator=team.alice, nominee=team.bob, status=status)
    for person in (team.alice, team.carol):
        assert react(api, person, "nomination", hidden.id).status_code == 404
        assert comment(api, person, "nomination", hidden.id).status_code == 404
    auth.login(team.alice)
    assert client.get(f"/recognition/nomination/{hidden.id}").status_code == 404


def test_a_missing_item_or_kind_is_a_404(api, team):
    assert react(api, team.carol, "thanks", 999_999).status_code == 404
    assert api(team.carol).get("/api/v1/recognition/praise/1/comments").status_code == 404


# -- comments ----------------------------------------------------------------------------


def test_a_comment_is_shown_with_its_authors_name(api, client, auth, team, item):
    response = comment(api, team.carol, "nomination", item.id)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert (body["author"]["name"], body["text"], body["may_remove"]) == (
        "Carol Carer",
        "Well deserved, Bob!",
        True,
    )
    listed = api(team.alice).get(f"/api/v1/recognition/nomination/{item.id}/comments").get_json()
    assert [c["text"] for c in listed["items"]] == ["Well deserved, Bob!"]
    assert listed["items"][0]["may_remove"] is False
    auth.login(team.alice)
    page = client.get("/recognition/").get_data(as_text=True)
    assert "Carol Carer" in page and "Well deserved, Bob!" in page


@pytest.mark.parametrize("text", ["", "   ", "x" * (answers.LIMITS["comment"] + 1)])
def test_an_empty_or_too_long_comment_is_a_422(api, team, item, text):
    response = comment(api, team.carol, "nomination", item.id, text)
    assert response.status_code == 422
    assert "text" in response.get_json()["error"]["fields"]
    assert db.session.scalars(select(Comment)).all() == []


def test_the_page_keeps_a_too_long_comment_and_says_why(client, auth, team, item):
    """A refused comment comes back on the item's page (422) with every word kept."""
    auth.login(team.carol)
    words = "Brilliant work " * 20  # over 280 characters
    prefix = f"nomination-{item.id}"
    response = client.post(
        f"/recognition/nomination/{item.id}/comments", data={f"{prefix}-text": words}
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert words.strip() in page and "Use at most 280 characters." in page
    empty = client.post(f"/recognition/nomination/{item.id}/comments", data={f"{prefix}-text": ""})
    assert empty.status_code == 422 and "Write a comment first." in empty.get_data(as_text=True)


def test_the_comment_form_shows_its_limit(client, auth, team, item):
    auth.login(team.carol)
    page = client.get("/recognition/").get_data(as_text=True)
    assert 'data-limit="280"' in page and "Up to 280 characters" in page


def test_the_page_comments_and_returns_to_the_wall(client, auth, team, item):
    auth.login(team.carol)
    back = f"/recognition/#nomination-{item.id}"
    response = client.post(
        f"/recognition/nomination/{item.id}/comments",
        data={f"nomination-{item.id}-text": "Congratulations!", "next": back},
    )
    assert response.status_code == 302 and response.headers["Location"] == back
    [stored] = db.session.scalars(select(Comment)).all()
    assert (stored.author_id, stored.text) == (team.carol.id, "Congratulations!")


def test_a_comment_elsewhere_than_this_site_never_is_where_the_page_returns(
    client, auth, team, item
):
    """`next` must be a local path: anything else returns to the item's page."""
    auth.login(team.carol)
    response = client.post(
        f"/recognition/nomination/{item.id}/comments",
        data={f"nomination-{item.id}-text": "Bravo", "next": "https://evil.example/"},
    )
    assert response.headers["Location"] == f"/recognition/nomination/{item.id}"


def test_comments_are_escaped_on_the_wall_and_the_items_page(api, client, auth, team, item):
    assert comment(api, team.carol, "nomination", item.id, f"Nice {SCRIPT}").status_code == 201
    auth.login(team.alice)
    for url in ("/recognition/", f"/recognition/nomination/{item.id}"):
        page = client.get(url).get_data(as_text=True)
        assert SCRIPT not in page, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, url


def test_the_wall_shows_the_latest_comments_and_links_to_all(client, auth, team, item):
    for n in range(5):
        CommentFactory(item_kind="nomination", item_id=item.id, author=team.carol, text=f"C{n}!")
    auth.login(team.alice)
    wall = client.get("/recognition/").get_data(as_text=True)
    assert "C4!" in wall and "C2!" in wall and "C1!" not in wall
    assert "All 5 comments" in wall
    page = client.get(f"/recognition/nomination/{item.id}").get_data(as_text=True)
    assert all(f"C{n}!" in page for n in range(5))


# -- removing comments -------------------------------------------------------------------


@pytest.fixture
def carols_comment(team, item):
    return CommentFactory(item_kind="nomination", item_id=item.id, author=team.carol)


def test_its_author_removes_a_comment(api, team, carols_comment):
    assert api(team.carol).delete(f"/api/v1/comments/{carols_comment.id}").status_code == 204
    assert db.session.scalars(select(Comment)).all() == []


@pytest.mark.parametrize("role", ["hr", "admin"])
def test_hr_and_an_admin_remove_any_comment_and_it_is_audited(api, team, carols_comment, role):
    from eximpact.audit.services import events_for

    moderator = PersonFactory(roles=[role])
    assert api(moderator).delete(f"/api/v1/comments/{carols_comment.id}").status_code == 204
    assert db.session.scalars(select(Comment)).all() == []
    [event] = events_for("comment", carols_comment.id)
    assert (event.action, event.actor_id) == ("removed", moderator.id)


def test_nobody_else_removes_a_comment(api, client, auth, team, carols_comment):
    """Not the recognised person, not the nominator, not a manager: 403, on the page too."""
    for person in (team.bob, team.alice, team.manager):
        assert api(person).delete(f"/api/v1/comments/{carols_comment.id}").status_code == 403
    auth.login(team.bob)
    assert client.post(f"/recognition/comments/{carols_comment.id}/remove").status_code == 403
    assert db.session.scalars(select(Comment)).all() != []


def test_the_page_offers_removal_to_the_author_only(client, auth, team, carols_comment):
    auth.login(team.carol)
    assert "Remove<span" in client.get("/recognition/").get_data(as_text=True)
    auth.logout()
    auth.login(team.alice)
    assert "Remove<span" not in client.get("/recognition/").get_data(as_text=True)


def test_the_page_removes_a_comment_and_returns(client, auth, team, item, carols_comment):
    auth.login(PersonFactory(roles=["hr"]))
    response = client.post(
        f"/recognition/comments/{carols_comment.id}/remove", data={"next": "/recognition/"}
    )
    assert response.status_code == 302 and response.headers["Location"] == "/recognition/"
    assert db.session.scalars(select(Comment)).all() == []


# -- rate limits -------------------------------------------------------------------------


def test_too_many_comments_in_a_short_time_are_a_429(api, team, item, monkeypatch):
    monkeypatch.setitem(answers.RATES, "comment", "2 per minute")
    for _ in range(2):
        assert comment(api, team.carol, "nomination", item.id).status_code == 201
    response = comment(api, team.carol, "nomination", item.id)
    assert response.status_code == 429
    assert response.get_json()["error"]["code"] == "rate_limited"
    assert 0 < int(response.headers["Retry-After"]) <= 60
    assert len(db.session.scalars(select(Comment)).all()) == 2
    assert comment(api, team.alice, "nomination", item.id).status_code == 201  # per person


def test_too_many_reactions_in_a_short_time_are_a_429(api, team, item, monkeypatch):
    """Reacting and taking back counts too, so nobody flickers a reaction endlessly."""
    monkeypatch.setitem(answers.RATES, "reaction", "2 per minute")
    assert react(api, team.carol, "nomination", item.id).status_code == 200
    assert react(api, team.carol, "nomination", item.id, method="delete").status_code == 200
    assert react(api, team.carol, "nomination", item.id).status_code == 429


def test_the_page_says_when_comments_may_resume_and_keeps_the_words(
    client, auth, team, item, monkeypatch
):
    monkeypatch.setitem(answers.RATES, "comment", "1 per minute")
    auth.login(team.carol)
    url = f"/recognition/nomination/{item.id}/comments"
    field = f"nomination-{item.id}-text"
    assert client.post(url, data={field: "First!"}).status_code == 302
    response = client.post(url, data={field: "Second thoughts"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Try again in" in page and "Second thoughts" in page


# -- notifications -----------------------------------------------------------------------


def test_the_recognised_person_hears_of_a_comment_in_the_inbox_and_by_email(api, team, item):
    comment(api, team.carol, "nomination", item.id, "So proud of you")
    [note] = notifications(team.bob, COMMENT)
    assert "Carol Carer commented on your recognition" in note.text
    assert note.url == f"/recognition/nomination/{item.id}"
    [mail] = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.to_email == team.bob.email)
    ).all()
    assert "So proud of you" in mail.body
    assert notifications(team.alice, COMMENT) == []  # the nominator is not the recognised one


def test_reactions_coalesce_into_one_unread_notification_per_item(api, team, item):
    """Three colleagues react: one unread notification, updated in place."""
    dave = PersonFactory(name="Dave Diver", team=TeamFactory())
    react(api, team.carol, "nomination", item.id)
    react(api, team.alice, "nomination", item.id, "heart")
    react(api, dave, "nomination", item.id, "party")
    react(api, dave, "nomination", item.id, "hands")
    [note] = notifications(team.bob, REACTION)
    assert note.text == "Dave Diver and 2 other colleagues reacted to your recognition."
    note.read_at = clock.now()
    db.session.commit()
    react(api, team.manager, "nomination", item.id)
    assert len(notifications(team.bob, REACTION)) == 2  # once read, a new one starts


def test_reactions_send_no_email_unless_chosen(api, team, item):
    """Reaction e-mails are off by default (a person may turn them on)."""
    react(api, team.carol, "nomination", item.id)
    assert db.session.scalars(select(OutboxMessage)).all() == []


def test_nobody_hears_of_their_own_answer(api, team, item):
    react(api, team.bob, "nomination", item.id)
    comment(api, team.bob, "nomination", item.id, "Thank you all!")
    assert notifications(team.bob, REACTION) == [] and notifications(team.bob, COMMENT) == []


# -- the wall's API and its queries ------------------------------------------------------


def test_the_wall_api_carries_kind_reaction_and_comment_counts(api, team, item):
    react(api, team.carol, "nomination", item.id, "heart")
    comment(api, team.carol, "nomination", item.id)
    [entry] = api(team.carol).get("/api/v1/recognition/wall").get_json()["items"]
    assert (entry["kind"], entry["id"]) == ("nomination", item.id)
    assert entry["reactions"]["heart"] == 1 and entry["my_reactions"] == ["heart"]
    assert entry["comments"] == 1


def _answered_wall(size: int) -> None:
    for n in range(size):
        person = PersonFactory(team=TeamFactory())
        nomination = on_the_wall(person)
        thanks = ThanksFactory(recipient=person)
        for kind, item_id in (("nomination", nomination.id), ("thanks", thanks.id)):
            for m in range(4):
                CommentFactory(item_kind=kind, item_id=item_id, text=f"Comment {n}.{m}")
            db.session.add(
                Reaction(item_kind=kind, item_id=item_id, person_id=person.id, reaction="clap")
            )
    db.session.commit()


@pytest.mark.parametrize("url", ["/recognition/", "/api/v1/recognition/wall"])
def test_the_answered_wall_needs_the_same_queries_for_3_or_9_items(
    client, auth, api, count_queries, url
):
    viewer = PersonFactory()
    auth.login(viewer)
    headers = api(viewer).headers

    def queries(size):
        _answered_wall(size)
        client.get(url, headers=headers)  # warm-up: signing in, the token's last use
        with count_queries() as counter:
            assert client.get(url, headers=headers).status_code == 200
        return counter.count

    assert queries(3) == queries(9)


def test_an_items_page_needs_the_same_queries_for_few_or_many_comments(
    client, auth, team, item, count_queries
):
    auth.login(team.alice)
    url = f"/recognition/nomination/{item.id}"

    def queries(size):
        for _ in range(size):
            CommentFactory(item_kind="nomination", item_id=item.id, author=PersonFactory())
        db.session.commit()
        client.get(url)
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        return counter.count

    assert queries(2) == queries(12)
