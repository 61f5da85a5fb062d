"""Invitations and "forgot my password": links that work once, for a while, and tell nothing."""

import re
from datetime import timedelta

from sqlalchemy import select

from eximpact.auth.password_links import make_link_token, person_for_link
from eximpact.extensions import db
from eximpact.notifications.models import OutboxMessage
from tests.factories import TEST_PASSWORD, PersonFactory

NEW_PASSWORD = "a fresh and long passphrase"


def link_in_outbox() -> str:
    message = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
    return re.search(r"(/password/set#\S+)", message.body).group(1)


def use_link(client, link: str, password: str = NEW_PASSWORD, **extra):
    """What the page does in a browser: the token from the fragment goes in the POST body."""
    path, _, token = link.partition("#")
    data = {"token": token, "new_password": password, "confirm_password": password, **extra}
    return client.post(path, data=data)


def test_forgot_password_sends_a_link_that_sets_the_password_and_signs_in(client, person):
    response = client.post("/password/forgot", data={"email": person.email.upper()})
    assert response.status_code == 302
    link = link_in_outbox()
    assert "/password/set#" in link and "/password/set/" not in link
    response = use_link(client, link)
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    client.post("/sign-out")
    assert (
        client.post("/sign-in", data={"email": person.email, "password": NEW_PASSWORD}).status_code
        == 302
    )


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, app):
    response = client.post(
        "/password/forgot", data={"email": "nobody@example.com"}, follow_redirects=True
    )
    assert b"If that address belongs to an account" in response.data
    assert db.session.scalar(select(OutboxMessage)) is None


def test_a_link_works_only_once(client, person):
    client.post("/password/forgot", data={"email": person.email})
    link = link_in_outbox()
    use_link(client, link)
    client.post("/sign-out")
    response = use_link(client, link, "another long passphrase")
    assert response.status_code == 302 and "/password/forgot" in response.headers["Location"]


def test_a_link_stops_working_when_the_password_changes_another_way(app, person):
    token = make_link_token(person)
    person.end_sessions()
    assert person_for_link(token) is None


def test_a_tampered_or_expired_link_is_refused(app, person, monkeypatch):
    token = make_link_token(person)
    assert person_for_link(token[:-2] + "xx") is None
    import itsdangerous.timed

    real_now = itsdangerous.timed.TimestampSigner.get_timestamp
    monkeypatch.setattr(
        itsdangerous.timed.TimestampSigner,
        "get_timestamp",
        lambda self: real_now(self) + int(timedelta(hours=73).total_seconds()),
    )
    assert person_for_link(token) is None


def test_a_deactivated_person_cannot_use_a_link(app, person):
    token = make_link_token(person)
    person.active = False
    assert person_for_link(token) is None


def test_a_short_password_is_refused_on_the_link_page(client, person):
    client.post("/password/forgot", data={"email": person.email})
    response = use_link(client, link_in_outbox(), "short")
    assert b"at least 12 characters" in response.data


def test_an_admin_invites_someone_imported_without_a_password(client, auth):
    newcomer = PersonFactory(password_hash=None)
    auth.login(PersonFactory(roles=["hr"]))
    client.post(f"/org/people/{newcomer.id}/invite")
    message = db.session.scalars(select(OutboxMessage)).one()
    assert message.to_email == newcomer.email and "invited" in message.subject


def test_the_invite_command_invites_everyone_without_a_password(runner, person):
    PersonFactory(password_hash=None)
    PersonFactory(password_hash=None, active=False)
    result = runner.invoke(args=["org", "invite", "--without-password"])
    assert "Queued 1 invitation(s)" in result.output


def test_forgot_password_is_rate_limited(client, person):
    for _ in range(5):
        client.post("/password/forgot", data={"email": person.email})
    assert client.post("/password/forgot", data={"email": person.email}).status_code == 429
    assert (
        client.post("/sign-in", data={"email": person.email, "password": TEST_PASSWORD}).status_code
        == 302
    )
