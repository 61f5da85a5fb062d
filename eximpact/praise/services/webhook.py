"""Signatures of the praise webhook: HMAC-SHA256 over "<timestamp>.<raw body>".

The sender signs the exact bytes it sends, prefixed with the unix time, so a body
cannot be altered and an old delivery cannot be replayed after the tolerance window
(a replay inside the window is harmless: the external id makes it idempotent).
"""

import hashlib
import hmac

from eximpact.validation import whole_number

SIGNATURE_HEADER = "X-EXImpact-Signature"
TIMESTAMP_HEADER = "X-EXImpact-Timestamp"
SCHEME = "sha256="


def signature(secret: str, payload: bytes) -> str:
    """`sha256=<hex>`: the HMAC-SHA256 of `payload` with `secret`, as the header carries it."""
    return SCHEME + hmac.new(secret.encode("utf-8"), payload, hashlib.sha256).hexdigest()


def signed_payload(timestamp: str, body: bytes) -> bytes:
    """What is signed: the timestamp header as sent, a dot, then the raw body."""
    return timestamp.encode("ascii") + b"." + body


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature header a sender puts on `body` sent at `timestamp` (tests, the README)."""
    return signature(secret, signed_payload(timestamp, body))


def verification_problem(
    secret: str,
    timestamp: str | None,
    provided: str | None,
    body: bytes,
    *,
    now: float,
    tolerance: int,
) -> str | None:
    """Why a delivery is not authentic, or None when it is.

    The signature is compared in constant time (`hmac.compare_digest`), so the time an
    answer takes tells an attacker nothing about how much of a guess was right.
    """
    if not timestamp:
        return f"Missing the {TIMESTAMP_HEADER} header."
    sent_at = whole_number(timestamp)
    if sent_at is None:
        return f"{TIMESTAMP_HEADER} must be unix time in whole seconds."
    if abs(now - sent_at) > tolerance:
        return f"{TIMESTAMP_HEADER} is more than {tolerance} seconds away from our clock."
    if not provided:
        return f"Missing the {SIGNATURE_HEADER} header."
    expected = sign(secret, timestamp, body)
    # Headers arrive as latin-1 text; compare bytes so any header value is comparable.
    if not hmac.compare_digest(
        expected.encode("ascii"), provided.strip().encode("latin-1", "replace")
    ):
        return f"The {SIGNATURE_HEADER} does not match the body."
    return None
