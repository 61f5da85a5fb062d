"""The signed praise webhook: authentic, fresh, idempotent deliveries only."""

import time

import pytest
from sqlalchemy import func, select

from eximpact.extensions import db
from eximpact.notifications.models import OutboxMessage
from eximpact.praise.models import Outreach, Praise
from eximpact.praise.services import recording
from eximpact.praise.services.webhook import sign, signature, verification_problem
from tests.committed import (
    at_the_same_moment,
    commit_rows,
    first_call_waits_for_the_other,
    unique,
)
from tests.factories import PersonFactory
from tests.praise.conftest import SECRET, Sender


def praise_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Praise))


@pytest.fixture
def team_member(webhook_app):
    manager = PersonFactory(email="lead@example.com")
    return PersonFactory(email="agent@example.com", manager=manager)


def body(**changes) -> dict:
    return {
        "source": "survey",
        "received_at": "2026-11-01",
        "text": "Agent was brilliant, thank you!",
        "nps": 10,
        "engagement_level": 4,
        "emotion": "delighted",
        "customer_ref": "SRV-1",
        "employee_emails": ["agent@example.com"],
        "external_id": "survey-123",
        **changes,
    }


def test_the_digest_matches_githubs_published_hmac_test_vector():
    """The same HMAC-SHA256 hex digest as GitHub's documented example."""
    assert (
        signature("It's a Secret to Everybody", b"Hello, World!")
        == "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
    )


def test_what_is_signed_is_the_timestamp_a_dot_and_the_raw_body():
    assert sign("k", "1700000000", b'{"a":1}') == signature("k", b'1700000000.{"a":1}')


def test_a_valid_delivery_is_stored_with_its_outreach(sender, team_member):
    response = sender.deliver(body())
    assert response.status_code == 201
    data = response.get_json()
    assert data["text"] == "Agent was brilliant, thank you!"
    assert data["employee_ids"] == [team_member.id]
    assert data["intake"] == "webhook" and data["external_id"] == "survey-123"
    assert data["customer_ref"] == "SRV-1"
    praise = db.session.get(Praise, data["id"])
    assert praise.logged_by is None
    outreach = db.session.scalars(select(Outreach)).all()
    assert [(o.employee_id, o.leader_id) for o in outreach] == [
        (team_member.id, team_member.manager_id)
    ]
    mail = db.session.scalars(select(OutboxMessage)).all()
    assert sorted((m.to_email, m.kind) for m in mail) == sorted(
        [("lead@example.com", "outreach_created"), (team_member.email, "praise_received")]
    )


def test_a_replayed_delivery_answers_200_with_the_same_praise_and_stores_nothing(
    sender, team_member
):
    first = sender.deliver(body())
    again = sender.deliver(body())
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json()["id"] == first.get_json()["id"]
    assert praise_count() == 1
    assert db.session.scalar(select(func.count()).select_from(Outreach)) == 1


def test_the_first_delivery_of_an_external_id_wins(sender, team_member):
    first = sender.deliver(body())
    changed = sender.deliver(body(text="A different text under the same id"))
    assert changed.status_code == 200
    assert changed.get_json()["text"] == first.get_json()["text"]
    assert praise_count() == 1


def test_a_tampered_body_is_refused(sender, team_member):
    signed = body()
    tampered = body(text="Agent was brilliant, thank you! Give them a raise.")
    response = sender.deliver(tampered, signed_body=Sender.raw(signed))
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"
    assert praise_count() == 0


def test_a_signature_made_with_another_secret_is_refused(sender, team_member):
    response = sender.deliver(body(), secret="not-the-secret")
    assert response.status_code == 401
    assert praise_count() == 0


@pytest.mark.parametrize("header", ["X-EXImpact-Signature", "X-EXImpact-Timestamp"])
def test_a_missing_header_is_refused(sender, team_member, header):
    response = sender.deliver(body(), headers={header: None})
    assert response.status_code == 401
    assert header in response.get_json()["error"]["message"]
    assert praise_count() == 0


@pytest.mark.parametrize("offset", [-301, 301, -3600])
def test_a_timestamp_more_than_300_seconds_away_is_refused(sender, team_member, offset):
    response = sender.deliver(body(), timestamp=int(time.time()) + offset)
    assert response.status_code == 401
    assert "300 seconds" in response.get_json()["error"]["message"]
    assert praise_count() == 0


def test_a_timestamp_within_300_seconds_is_accepted(sender, team_member):
    assert sender.deliver(body(), timestamp=int(time.time()) - 290).status_code == 201


@pytest.mark.parametrize("value", ["yesterday", "1.7e9", "-5", " "])
def test_a_timestamp_that_is_not_unix_seconds_is_refused(sender, team_member, value):
    assert sender.deliver(body(), timestamp=value).status_code == 401


def test_the_signature_binds_the_timestamp(sender, team_member):
    """Re-sending an old signed body with a fresh timestamp header does not verify."""
    now = int(time.time())
    raw = Sender.raw(body())
    old_signature = sign(SECRET, str(now - 100), raw)
    response = sender.client.post(
        "/api/v1/webhooks/praise",
        data=raw,
        headers={
            "Content-Type": "application/json",
            "X-EXImpact-Timestamp": str(now),
            "X-EXImpact-Signature": old_signature,
        },
    )
    assert response.status_code == 401


def test_without_a_configured_secret_the_webhook_does_not_exist(client):
    response = client.post("/api/v1/webhooks/praise", json=body())
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(("raw", "status"), [(b"{not json", 400), (b"[1, 2]", 400)])
def test_a_signed_body_that_is_not_a_json_object_is_a_400(sender, raw, status):
    assert sender.deliver(raw).status_code == status


def test_a_delivery_without_an_external_id_is_a_422(sender, team_member):
    response = sender.deliver(body(external_id=None))
    assert response.status_code == 422
    assert "external_id" in response.get_json()["error"]["fields"]


def test_a_delivery_naming_an_unknown_employee_is_a_422_naming_them(sender, team_member):
    response = sender.deliver(body(employee_emails=["ghost@example.com"]))
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"]["employee_emails"] == [
        "Nobody has the e-mail ghost@example.com."
    ]
    assert praise_count() == 0


def test_an_oversized_body_is_refused_before_it_is_read(sender, team_member):
    response = sender.deliver(body(text="x" * 70_000))
    assert response.status_code == 413


def test_verification_names_each_problem():
    def check(timestamp, provided, now=1_000_000):
        return verification_problem("k", timestamp, provided, b"{}", now=now, tolerance=300)

    good = sign("k", "1000000", b"{}")
    assert check("1000000", good) is None
    assert "Missing the X-EXImpact-Timestamp" in check(None, good)
    assert "Missing the X-EXImpact-Signature" in check("1000000", None)
    assert "does not match" in check("1000000", good.upper())
    assert "does not match" in check("1000000", "sha256=" + "0" * 64)
    assert "does not match" in check("1000000", good + "\u00e9")
    assert "300 seconds" in check("1000000", good, now=1_000_301)


@pytest.mark.postgres_only
def test_two_simultaneous_deliveries_of_the_same_praise_store_one(committed_app, monkeypatch):
    """Both requests look the id up before either inserts: the UNIQUE constraint decides."""
    email = unique("racer") + "@example.com"

    def people():
        lead = PersonFactory(email=unique("lead") + "@example.com")
        return [lead, PersonFactory(email=email, manager=lead)]

    commit_rows(committed_app, people)
    committed_app.config["PRAISE_WEBHOOK_SECRET"] = SECRET
    external_id = unique("race")
    payload = body(employee_emails=[email], external_id=external_id)
    first_call_waits_for_the_other(monkeypatch, recording, "find_by_external_id")

    def deliver():
        return Sender(committed_app.test_client()).deliver(payload)

    responses = at_the_same_moment(deliver, deliver)
    assert sorted(r.status_code for r in responses) == [200, 201]
    assert len({r.get_json()["id"] for r in responses}) == 1
    with committed_app.app_context():
        stored = db.session.scalar(
            select(func.count()).select_from(Praise).where(Praise.external_id == external_id)
        )
        outreach = db.session.scalar(
            select(func.count())
            .select_from(Outreach)
            .join(Praise)
            .where(Praise.external_id == external_id)
        )
    assert (stored, outreach) == (1, 1)
