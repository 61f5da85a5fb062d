"""`POST /webhooks/praise`: the signed delivery of praise from a survey tool (API.md).

No bearer token: the HMAC signature is the credential. Without a configured secret the
endpoint does not exist (404), so a forgotten setting can never leave it open.
"""

import time

from flask import abort, current_app, request

from eximpact.api.declare import operation, parse
from eximpact.api.praise import STORED_ALREADY, PraiseIn, PraiseOut, praise_json
from eximpact.errors import api_error_response
from eximpact.extensions import db
from eximpact.praise.services.recording import get_praise, record_praise
from eximpact.praise.services.webhook import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    verification_problem,
)
from eximpact.validation import ValidationFailed

MAX_BODY_BYTES = 64 * 1024


_SIGNED = {
    "description": (
        "Sign with HMAC-SHA256 over `<timestamp>.<raw body>` using the shared secret "
        "(EXIMPACT_PRAISE_WEBHOOK_SECRET) and send `X-EXImpact-Timestamp: <unix seconds>` "
        "and `X-EXImpact-Signature: sha256=<hex>`. A timestamp more than 300 s away, or a "
        "missing or wrong signature, is refused with 401. `external_id` is required: the "
        "same id again answers 200 with the praise already stored. Without a configured "
        "secret the endpoint answers 404."
    ),
    "parameters": [
        {
            "name": TIMESTAMP_HEADER,
            "in": "header",
            "required": True,
            "schema": {"type": "string", "pattern": "^[0-9]+$"},
        },
        {
            "name": SIGNATURE_HEADER,
            "in": "header",
            "required": True,
            "schema": {"type": "string", "pattern": "^sha256=[0-9a-f]{64}$"},
        },
    ],
    "responses": {
        "200": STORED_ALREADY,
        "401": {"$ref": "#/components/responses/Unauthorized"},
        "404": {"$ref": "#/components/responses/NotFound"},
        "413": {
            "description": "The body is larger than 64 KiB",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        },
    },
}


@operation(
    "POST",
    "/webhooks/praise",
    tag="praise",
    public=True,
    body=PraiseIn,
    parse_body=False,
    response=PraiseOut,
    status=201,
    doc=_SIGNED,
)
def praise_webhook():
    """Signed delivery of customer praise from a survey tool (no bearer token)."""
    """Verify the signature over the raw bytes first; only then parse and store."""
    secret = current_app.config.get("PRAISE_WEBHOOK_SECRET")
    if not secret:
        abort(404)
    request.max_content_length = MAX_BODY_BYTES  # beyond it: 413 before anything is read
    raw = request.get_data(cache=True)
    problem = verification_problem(
        secret,
        request.headers.get(TIMESTAMP_HEADER),
        request.headers.get(SIGNATURE_HEADER),
        raw,
        now=time.time(),
        tolerance=current_app.config["PRAISE_WEBHOOK_TOLERANCE_SECONDS"],
    )
    if problem:
        return api_error_response(401, problem)
    try:
        body = current_app.json.loads(raw)  # the app's strict parser: depth, surrogates
    except ValueError as error:
        abort(400, f"The body is not valid JSON: {error}")
    if not isinstance(body, dict):
        abort(400, "The JSON body must be an object.")
    data = parse(PraiseIn, body).as_input()
    if not data.external_id:
        raise ValidationFailed.single(
            "external_id", "Send your id for this praise, so a repeated delivery is recognised."
        )
    praise, created = record_praise(None, data, intake="webhook")
    db.session.commit()
    return praise_json(get_praise(praise.id), show_customer=True), 201 if created else 200
