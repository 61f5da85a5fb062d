"""Signing in and out: sessions, redirects, rate limits, password policy, deactivation."""

import pytest

from eximpact.auth.services import password_problem
from eximpact.extensions import db
from tests.factories import TEST_PASSWORD, PersonFactory


def test_a_visitor_is_sent_to_sign_in_with_the_page_to_come_back_to(client):
    response = client.get("/org/people")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in?next=")


def test_signing_in_with_the_right_password_opens_the_home_page(client, auth, person):
    response = auth.login(person)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert person.name.split()[0].encode() in client.get("/").data


def test_email_is_matched_case_insensitively(client, person):
    response = client.post(
        "/sign-in", data={"email": person.email.upper(), "password": TEST_PASSWORD}
    )
    assert response.status_code == 302


def test_a_wrong_password_answers_422_keeps_the_email_and_says_so(client, person):
    response = client.post("/sign-in", data={"email": person.email, "password": "not the password"})
    assert response.status_code == 422
    assert b"do not match an active account" in response.data
    assert person.email.encode() in response.data  # the user's input comes back


def test_an_unknown_email_gets_the_same_answer_as_a_wrong_password(client, person):
    wrong = client.post("/sign-in", data={"email": person.email, "password": "not the password"})
    unknown = client.post(
        "/sign-in", data={"email": "nobody@example.com", "password": "not the password"}
    )
    assert unknown.status_code == wrong.status_code == 422
    message = b"That e-mail and password do not match an active account."
    assert message in unknown.data and message in wrong.data


def test_a_deactivated_person_cannot_sign_in(client):
    gone = PersonFactory(active=False)
    response = client.post("/sign-in", data={"email": gone.email, "password": TEST_PASSWORD})
    assert response.status_code == 422
    assert b"do not match an active account" in response.data


def test_signing_in_starts_a_fresh_session(client, person):
    with client.session_transaction() as before:
        before["planted"] = "by an attacker"
    client.post("/sign-in", data={"email": person.email, "password": TEST_PASSWORD})
    with client.session_transaction() as after:
        assert "planted" not in after


@pytest.mark.parametrize("target", ["/org/people", "/settings?tab=tokens"])
def test_next_takes_you_back_to_a_local_page(auth, person, target):
    response = auth.login(person, next_url=target)
    assert response.headers["Location"] == target


@pytest.mark.parametrize(
    "target",
    [
        "//evil.com",
        "/%5Cevil.com",
        "/%5cevil.com",
        "javascript:alert(1)",
        "https://evil.com/",
        "/\\evil.com",
        "%2F%2Fevil.com",
        "http:/evil.com",
    ],
)
def test_next_never_leaves_the_site(client, person, target):
    response = client.post(
        "/sign-in",
        query_string={"next": target},
        data={"email": person.email, "password": TEST_PASSWORD},
    )
    assert response.headers["Location"] == "/"


def test_sign_out_only_accepts_post(client, auth, person):
    auth.login(person)
    assert client.get("/sign-out").status_code == 405
    client.post("/sign-out")
    assert client.get("/").status_code == 302


def test_deactivating_a_person_ends_their_session_at_once(client, auth, person):
    auth.login(person)
    assert client.get("/").status_code == 200
    person.active = False
    person.end_sessions()
    db.session.commit()
    response = client.get("/")
    assert response.status_code == 302
    assert "/sign-in" in response.headers["Location"]


def test_sign_in_page_fails_with_429_after_ten_failures_from_one_address(client):
    people = [PersonFactory() for _ in range(11)]
    for victim in people[:10]:
        response = client.post(
            "/sign-in", data={"email": victim.email, "password": "wrong password!"}
        )
        assert response.status_code == 422
    response = client.post("/sign-in", data={"email": people[10].email, "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert b"Too many attempts" in response.data


def test_ten_failures_for_one_account_lock_it_from_any_address(client, person):
    for attempt in range(10):
        client.post(
            "/sign-in",
            data={"email": person.email, "password": "wrong password!"},
            environ_base={"REMOTE_ADDR": f"10.0.0.{attempt}"},
        )
    response = client.post(
        "/sign-in",
        data={"email": person.email, "password": TEST_PASSWORD},
        environ_base={"REMOTE_ADDR": "10.0.1.1"},
    )
    assert response.status_code == 429


def test_successful_sign_ins_do_not_count_towards_the_limit(client, auth, person):
    for _ in range(15):
        assert auth.login(person).status_code == 302
        auth.logout()


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("a" * 11, False),
        ("a" * 12, True),
        ("correct horse", True),
        ("x" * 128, True),
        ("x" * 129, False),
        ("no rules about digits or symbols", True),
    ],
)
def test_the_password_policy_is_about_length_only(password, ok):
    assert (password_problem(password) is None) is ok


def test_changing_the_password_needs_the_current_one(client, auth, person):
    auth.login(person)
    response = client.post(
        "/settings/password",
        data={
            "current_password": "wrong one entirely",
            "new_password": "a brand new passphrase",
            "confirm_password": "a brand new passphrase",
        },
    )
    assert response.status_code == 422
    assert b"not your current password" in response.data


def test_a_short_new_password_is_refused_with_the_reason(client, auth, person):
    auth.login(person)
    response = client.post(
        "/settings/password",
        data={
            "current_password": TEST_PASSWORD,
            "new_password": "short",
            "confirm_password": "short",
        },
    )
    assert response.status_code == 422
    assert b"at least 12 characters" in response.data


def test_changing_the_password_keeps_you_signed_in_and_signs_out_other_devices(
    app, client, auth, person
):
    other_device = app.test_client()
    other_device.post("/sign-in", data={"email": person.email, "password": TEST_PASSWORD})
    auth.login(person)
    response = client.post(
        "/settings/password",
        data={
            "current_password": TEST_PASSWORD,
            "new_password": "a brand new passphrase",
            "confirm_password": "a brand new passphrase",
        },
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert other_device.get("/").status_code == 302
    client.post("/sign-out")
    assert auth.login(person, password="a brand new passphrase").status_code == 302


def test_passwords_are_stored_hashed(app, client, auth, person):
    auth.login(person)
    client.post(
        "/settings/password",
        data={
            "current_password": TEST_PASSWORD,
            "new_password": "a brand new passphrase",
            "confirm_password": "a brand new passphrase",
        },
    )
    db.session.refresh(person)
    assert "a brand new passphrase" not in person.password_hash
    assert person.password_hash.startswith(("scrypt:", "pbkdf2:"))


def test_the_session_remembers_nothing_sensitive(client, auth, person):
    auth.login(person)
    with client.session_transaction() as data:
        assert TEST_PASSWORD not in str(dict(data))
        assert data["_user_id"].startswith(f"{person.id}:")
