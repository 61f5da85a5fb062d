"""`/ambassadors`: enrolments with their weekly allocation, and their approval."""

from flask import g, jsonify, request

from eximpact import clock
from eximpact.access import permission_required, require
from eximpact.ambassadors import permissions  # noqa: F401  (registers the rules)
from eximpact.ambassadors.loaders import get_enrolment_or_404
from eximpact.ambassadors.models import ENROLMENT_STATUSES, Enrolment
from eximpact.ambassadors.services import enrolments
from eximpact.api import bp
from eximpact.api.common import int_arg, iso_datetime, json_body, paginated
from eximpact.api.inputs import MISSING, Fields
from eximpact.api.oas import (
    DATE,
    DATETIME,
    HOURS,
    PAGE,
    errors,
    json_response,
    path_id,
    query,
    ref,
    request_body,
)
from eximpact.extensions import db
from eximpact.org.models import Person
from eximpact.validation import ValidationFailed


def enrolment_json(enrolment: Enrolment) -> dict:
    percent = enrolment.allocation_percent
    return {
        "id": enrolment.id,
        "person_id": enrolment.person_id,
        "person_name": enrolment.person.name,
        "allocation_hours_per_week": float(enrolment.allocation_hours_per_week),
        "allocation_percent": float(percent) if percent is not None else None,
        "start_date": enrolment.start_date.isoformat(),
        "end_date": enrolment.end_date.isoformat() if enrolment.end_date else None,
        "status": enrolment.status,
        "requested_by_id": enrolment.requested_by_id,
        "decided_by_id": enrolment.decided_by_id,
        "decided_at": iso_datetime(enrolment.decided_at),
        "created_at": iso_datetime(enrolment.created_at),
    }


@bp.get("/ambassadors")
def list_enrolments():
    """Enrolments: HR sees all, managers their people's, everyone else their own."""
    status = request.args.get("status") or None
    if status is not None and status not in ENROLMENT_STATUSES:
        raise ValidationFailed.single("status", f"Use one of: {', '.join(ENROLMENT_STATUSES)}.")
    query_ = enrolments.enrolments_query(g.api_user, status, int_arg("person_id"))
    return paginated(query_, enrolment_json)


@bp.post("/ambassadors")
@permission_required("ambassadors.enrol")
def create_enrolment():
    """HR, or a manager for a direct report, proposes an ambassador; it waits for approval."""
    fields = Fields(json_body())
    person_id = fields.integer("person_id", required=True, nullable=False)
    hours = fields.decimal("allocation_hours_per_week", places=10)
    percent = fields.decimal("allocation_percent", places=10)
    start = fields.date("start_date", required=True)
    end = fields.date("end_date")
    fields.raise_if_any()
    person = db.session.get(Person, person_id)
    if person is not None:
        require("ambassadors.enrol_person", person)
    enrolment = enrolments.enrol(
        g.api_user,
        person,
        start_date=start,
        end_date=None if end is MISSING else end,
        hours=None if hours is MISSING else hours,
        percent=None if percent is MISSING else percent,
    )
    response = jsonify(enrolment_json(enrolment))
    db.session.commit()
    return response, 201


def _decide(enrolment_id: int, approve: bool):
    enrolment = get_enrolment_or_404(enrolment_id, g.api_user)
    require("ambassadors.decide_enrolment", enrolment)
    enrolments.decide_enrolment(g.api_user, enrolment, approve, clock.today())
    response = jsonify(enrolment_json(enrolment))
    db.session.commit()
    return response


@bp.post("/ambassadors/<int:enrolment_id>/approve")
def approve_enrolment(enrolment_id: int):
    """The person's manager or HR approves; the person becomes an ambassador."""
    return _decide(enrolment_id, True)


@bp.post("/ambassadors/<int:enrolment_id>/decline")
def decline_enrolment(enrolment_id: int):
    return _decide(enrolment_id, False)


_DECISION = {
    "parameters": [path_id("enrolment_id")],
    "post": {
        "tags": ["ambassadors"],
        "responses": {
            "200": json_response("The enrolment", ref("Enrolment")),
            **errors("Forbidden", "NotFound", "Conflict"),
        },
    },
}
OPENAPI_SCHEMAS = {
    "Enrolment": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "person_id": {"type": "integer"},
            "person_name": {"type": "string"},
            "allocation_hours_per_week": HOURS,
            "allocation_percent": {"type": "number", "nullable": True},
            "start_date": DATE,
            "end_date": {**DATE, "nullable": True},
            "status": {"type": "string", "enum": list(ENROLMENT_STATUSES)},
            "requested_by_id": {"type": "integer", "nullable": True},
            "decided_by_id": {"type": "integer", "nullable": True},
            "decided_at": {**DATETIME, "nullable": True},
            "created_at": DATETIME,
        },
    },
    "EnrolmentInput": {
        "type": "object",
        "required": ["person_id", "start_date"],
        "description": "Give the allocation in hours per week or as a % of the working week "
        "(EXIMPACT_WORKING_WEEK_HOURS, 40 by default), not both.",
        "properties": {
            "person_id": {"type": "integer"},
            "allocation_hours_per_week": {"type": "number", "exclusiveMinimum": True, "minimum": 0},
            "allocation_percent": {
                "type": "number",
                "exclusiveMinimum": True,
                "minimum": 0,
                "maximum": 100,
            },
            "start_date": DATE,
            "end_date": {**DATE, "nullable": True},
        },
    },
}
OPENAPI_PATHS = {
    "/ambassadors": {
        "get": {
            "summary": "Ambassador enrolments you may see",
            "tags": ["ambassadors"],
            "parameters": [
                *PAGE,
                query("status", {"type": "string", "enum": list(ENROLMENT_STATUSES)}),
                query("person_id", {"type": "integer"}),
            ],
            "responses": {
                "200": {"$ref": "#/components/responses/EnrolmentList"},
                **errors("ValidationError"),
            },
        },
        "post": {
            "summary": "Enrol a person as CX ambassador (HR, or a manager for a direct report)",
            "tags": ["ambassadors"],
            "requestBody": request_body(ref("EnrolmentInput")),
            "responses": {
                "201": json_response("The enrolment, waiting for approval", ref("Enrolment")),
                **errors("BadRequest", "Forbidden", "ValidationError"),
            },
        },
    },
    "/ambassadors/{enrolment_id}/approve": {
        **_DECISION,
        "post": {**_DECISION["post"], "summary": "Approve (the person's manager or HR)"},
    },
    "/ambassadors/{enrolment_id}/decline": {
        **_DECISION,
        "post": {**_DECISION["post"], "summary": "Decline (the person's manager or HR)"},
    },
}
