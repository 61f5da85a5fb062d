"""API tokens: from sign-in and personal ones; hashed, shown once, revocable, expiring."""

from datetime import timedelta

from sqlalchemy import select

from eximpact import clock
from eximpact.auth.models import ApiToken
from eximpact.auth.services import digest_token, issue_personal_token, revoke_all_tokens
from eximpact.extensions import db
from tests.factories import TEST_PASSWORD, PersonFactory


def test_the_token_endpoint_gives_a_token_that_works(client, person):
    response = client.post(
        "/api/v1/auth/token", json={"email": person.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 201
    body = response.get_json()
    assert body["expires_at"].endswith("Z")
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.status_code == 200
    assert me.get_json()["email"] == person.email


def test_tokens_are_stored_only_as_a_digest(client, person):
    token = client.post(
        "/api/v1/auth/token", json={"email": person.email, "password": TEST_PASSWORD}
    ).get_json()["token"]
    stored = db.session.scalars(select(ApiToken.token_hash)).all()
    assert token not in stored
    assert digest_token(token) in stored


def test_a_wrong_password_gets_401_with_the_error_body(client, person):
    response = client.post(
        "/api/v1/auth/token", json={"email": person.email, "password": "nope nope"}
    )
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"


def test_missing_credentials_are_a_422_naming_the_fields(client):
    response = client.post("/api/v1/auth/token", json={"email": 5})
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"email", "password"}


def test_the_token_endpoint_is_rate_limited_like_the_sign_in_page(client, person):
    for _ in range(10):
        client.post(
            "/api/v1/auth/token", json={"email": person.email, "password": "wrong password"}
        )
    response = client.post(
        "/api/v1/auth/token", json={"email": person.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 429
    assert response.get_json()["error"]["code"] == "rate_limited"


def test_failures_on_the_page_and_the_api_share_one_counter(client, person):
    for _ in range(5):
        client.post("/sign-in", data={"email": person.email, "password": "wrong password"})
        client.post(
            "/api/v1/auth/token", json={"email": person.email, "password": "wrong password"}
        )
    response = client.post("/sign-in", data={"email": person.email, "password": TEST_PASSWORD})
    assert response.status_code == 429


def test_a_personal_token_is_shown_once_and_listed_by_prefix_only(client, auth, person):
    auth.login(person)
    response = client.post("/settings/tokens", data={"name": "BI export", "expires_in_days": "30"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    token = db.session.scalar(select(ApiToken).where(ApiToken.person_id == person.id))
    assert "not be shown again" in page
    listing = client.get("/settings").get_data(as_text=True)
    assert "BI export" in listing and token.prefix in listing
    value_start = page.index('id="new-token" value="') + len('id="new-token" value="')
    plain = page[value_start : page.index('"', value_start)]
    assert plain.startswith(token.prefix) and plain not in listing


def test_a_revoked_token_stops_working(client, auth, api, person):
    token, plain = issue_personal_token(person, "script", None)
    db.session.commit()
    headers = {"Authorization": f"Bearer {plain}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    auth.login(person)
    client.post(f"/settings/tokens/{token.id}/revoke")
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_nobody_can_revoke_someone_elses_token(client, auth, person):
    other = PersonFactory()
    token, _ = issue_personal_token(other, "theirs", None)
    db.session.commit()
    auth.login(person)
    assert client.post(f"/settings/tokens/{token.id}/revoke").status_code == 404
    db.session.refresh(token)
    assert token.revoked_at is None


def test_an_expired_token_is_refused(client, person):
    token, plain = issue_personal_token(person, "old", 1)
    token.expires_at = clock.now() - timedelta(seconds=1)
    db.session.commit()
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {plain}"})
    assert response.status_code == 401


def test_deactivating_a_person_stops_their_tokens_at_once(client, person):
    _, plain = issue_personal_token(person, "script", None)
    person.active = False
    db.session.commit()
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {plain}"}).status_code == 401


def test_revoking_all_tokens_on_deactivation(person):
    issue_personal_token(person, "a", None)
    issue_personal_token(person, "b", 30)
    revoke_all_tokens(person)
    db.session.flush()
    assert all(t.revoked_at for t in db.session.scalars(select(ApiToken)))


def test_delete_on_the_token_endpoint_signs_the_token_out(client, person):
    plain = client.post(
        "/api/v1/auth/token", json={"email": person.email, "password": TEST_PASSWORD}
    ).get_json()["token"]
    headers = {"Authorization": f"Bearer {plain}"}
    assert client.delete("/api/v1/auth/token", headers=headers).status_code == 204
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_a_session_cookie_does_not_authenticate_the_api(client, auth, person):
    """The API is CSRF-exempt, so it must never accept the browser's cookie."""
    auth.login(person)
    assert client.get("/api/v1/me").status_code == 401
