"""Fixtures for praise tests: an app with the webhook secret set, and a signed sender."""

import json
import time

import pytest

from eximpact.praise.services.webhook import sign

SECRET = "s3cret-for-tests"


@pytest.fixture
def webhook_app(make_app):
    return make_app(PRAISE_WEBHOOK_SECRET=SECRET)


class Sender:
    """Delivers praise like a survey tool would: JSON, a unix timestamp, an HMAC signature."""

    def __init__(self, client):
        self.client = client

    @staticmethod
    def raw(body) -> bytes:
        return body if isinstance(body, bytes) else json.dumps(body).encode()

    def deliver(self, body, *, secret=SECRET, timestamp=None, signed_body=None, headers=None):
        raw = self.raw(body)
        timestamp = str(int(time.time())) if timestamp is None else str(timestamp)
        signature = sign(secret, timestamp, raw if signed_body is None else signed_body)
        sent = {
            "Content-Type": "application/json",
            "X-EXImpact-Timestamp": timestamp,
            "X-EXImpact-Signature": signature,
        }
        sent.update(headers or {})
        sent = {key: value for key, value in sent.items() if value is not None}
        return self.client.post("/api/v1/webhooks/praise", data=raw, headers=sent)


@pytest.fixture
def sender(webhook_app):
    return Sender(webhook_app.test_client())
