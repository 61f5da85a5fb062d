"""Passwords and tokens: a new password ends API sign-ins, guesses are limited (issue 8)."""

from sqlalchemy import select

from eximpact.auth.password_links import make_link_token, send_password_link
from eximpact.auth.services import issue_personal_token, issue_session_token, person_for_token
from eximpact.extensions import db
from eximpact.notifications.models import OutboxMessage
from tests.factories import TEST_PASSWORD, PersonFactory

NEW = "a brand new long passphrase"


def change(client, current=TEST_PASSWORD, **extra):
    data = {
        "current_password": current,
        "new_password": NEW,
        "confirm_password": NEW,
        **extra,
    }
    return client.post("/settings/password", data=data)


def test_changing_the_password_revokes_api_sign_in_tokens_but_keeps_personal_ones(
    client, auth, person
):
    _, session_token = issue_session_token(person)
    _, personal = issue_personal_token(person, "ci", None)
    auth.login(person)
    assert change(client).status_code == 302
    assert person_for_token(session_token) is None
    assert person_for_token(personal) is not None


def test_changing_the_password_can_revoke_personal_tokens_too(client, auth, person):
    _, personal = issue_personal_token(person, "ci", None)
    auth.login(person)
    assert change(client, revoke_personal_tokens="y").status_code == 302
    assert person_for_token(personal) is None


def test_a_reset_link_revokes_api_sign_in_tokens(client, person):
    _, session_token = issue_session_token(person)
    token = make_link_token(person)
    response = client.post(
        "/password/set", data={"token": token, "new_password": NEW, "confirm_password": NEW}
    )
    assert response.status_code == 302
    assert person_for_token(session_token) is None


def test_wrong_current_passwords_count_against_the_sign_in_failure_limit(make_app):
    app = make_app(SIGN_IN_FAILURE_LIMIT="3 per minute")
    person = PersonFactory()
    client = app.test_client()
    client.post("/sign-in", data={"email": person.email, "password": TEST_PASSWORD})
    for _ in range(3):
        assert change(client, current="not my password at all").status_code == 422
    assert change(client, current="still guessing away").status_code == 429
    assert change(client).status_code == 429  # even the right one, until the window passes
    other = app.test_client()
    response = other.post("/sign-in", data={"email": person.email, "password": TEST_PASSWORD})
    assert response.status_code == 429  # the same account counter as the sign-in page


def test_the_emailed_link_carries_its_token_in_the_fragment_only(app, person):
    send_password_link(person, invitation=False)
    body = db.session.scalars(select(OutboxMessage)).one().body
    link = next(line for line in body.splitlines() if "/password/set" in line)
    path, _, token = link.partition("#")
    assert path.endswith("/password/set") and len(token) > 20


def test_the_set_password_page_without_a_valid_token_sends_you_to_ask_for_a_new_link(client):
    assert client.get("/password/set").status_code == 200
    response = client.post(
        "/password/set", data={"token": "nope", "new_password": NEW, "confirm_password": NEW}
    )
    assert response.status_code == 302 and "/password/forgot" in response.headers["Location"]


def test_an_old_style_link_redirects_to_the_fragment_page(client, person):
    token = make_link_token(person)
    response = client.get(f"/password/set/{token}")
    assert response.headers["Location"].endswith(f"/password/set#{token}")


def test_a_wrong_current_password_is_said_at_its_field_and_changes_nothing(client, auth, person):
    auth.login(person)
    before = person.password_hash
    response = change(client, current="not my password at all")
    assert response.status_code == 422
    assert b"That is not your current password." in response.data
    db.session.refresh(person)
    assert person.password_hash == before
