"""`/time-entries`: log (one or a batch of up to 1000), change, submit, approve, reject, reopen.

A batch is all-or-nothing and checked set-wise by `rules.check_changes`: a fixed
number of queries however many items, each faulty item named by its index.
"""

from flask import abort, g, jsonify, request

from eximpact import clock
from eximpact.access import permission_required, require
from eximpact.ambassadors import permissions  # noqa: F401  (registers the rules)
from eximpact.ambassadors.loaders import get_time_entry_or_404
from eximpact.ambassadors.models import ENTRY_STATUSES, TimeEntry
from eximpact.ambassadors.services import approvals
from eximpact.ambassadors.services.entries import (
    NOTHING_SAVED,
    apply_changes,
    ensure_editable,
    entries_query,
    over_allocation_flags,
)
from eximpact.ambassadors.services.rules import Change, HoursFormatError, check_changes, parse_hours
from eximpact.ambassadors.services.scope import can_see_person
from eximpact.api import bp
from eximpact.api.common import date_arg, int_arg, iso_datetime, json_body, paginated
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
from eximpact.validation import Problems, ValidationFailed

MAX_BATCH = 1000


def entry_json(entry: TimeEntry, over_allocation: bool) -> dict:
    return {
        "id": entry.id,
        "person_id": entry.person_id,
        "project_id": entry.project_id,
        "date": entry.work_date.isoformat(),
        "week_start": entry.week_start.isoformat(),
        "hours": float(entry.hours),
        "note": entry.note,
        "status": entry.status,
        "rejection_reason": entry.rejection_reason,
        "over_allocation": over_allocation,
        "submitted_at": iso_datetime(entry.submitted_at),
        "decided_at": iso_datetime(entry.decided_at),
        "decided_by_id": entry.decided_by_id,
        "created_at": iso_datetime(entry.created_at),
        "updated_at": iso_datetime(entry.updated_at),
    }


def items_json(entries: list[TimeEntry]) -> list[dict]:
    flags = over_allocation_flags(entries)
    return [entry_json(entry, flags[entry.id]) for entry in entries]


def _hours(fields: Fields, name: str = "hours", required: bool = True):
    """Hours as a JSON number or a numeric string (`"1.5"`, `"1:30"`); the rules come later."""
    if name not in fields.body:
        if required and not fields.partial:
            fields.problem(name, "This field is required.")
        return MISSING
    try:
        return parse_hours(fields.body[name])
    except HoursFormatError as error:
        fields.problem(name, str(error))
        return MISSING


def _new_change(item: dict, prefix: str, problems: Problems) -> Change | None:
    fields = Fields(item, prefix)
    project_id = fields.integer("project_id", required=True, nullable=False)
    work_date = fields.date("date", required=True)
    note = fields.string("note", max_length=500)
    hours = _hours(fields)
    for name, messages in fields.problems.fields.items():
        for message in messages:
            problems.add(name, message)
    if MISSING in (project_id, work_date, hours):
        return None
    return Change(
        prefix, None, project_id, work_date, hours, "" if note in (MISSING, None) else note
    )


@bp.get("/time-entries")
def list_time_entries():
    """The caller's entries and, for managers and HR, those of the people they oversee."""
    actor = g.api_user
    person_id = int_arg("person_id")
    if person_id is not None:
        person = db.session.get(Person, person_id)
        if person is None or not can_see_person(actor, person):
            abort(403, "You may not see this person's time.")
    status = request.args.get("status") or None
    if status is not None and status not in ENTRY_STATUSES:
        raise ValidationFailed.single("status", f"Use one of: {', '.join(ENTRY_STATUSES)}.")
    query = entries_query(
        actor,
        person_id=person_id,
        project_id=int_arg("project_id"),
        start=date_arg("from"),
        end=date_arg("to"),
        status=status,
    )
    return paginated(query, serialize_page=items_json)


@bp.post("/time-entries")
@permission_required("time.log")
def create_time_entries():
    """One entry (an object) or a batch (a list); 201 with every entry, or nothing at all."""
    actor = g.api_user
    body = json_body((dict, list))
    batch = isinstance(body, list)
    items = body if batch else [body]
    if batch and not items:
        raise ValidationFailed(message="Send at least one entry.")
    if len(items) > MAX_BATCH:
        raise ValidationFailed(message=f"Send at most {MAX_BATCH} entries at once.")
    problems, changes = Problems(), []
    for index, item in enumerate(items):
        prefix = f"{index}." if batch else ""
        if not isinstance(item, dict):
            problems.add(str(index), "Must be an object.")
        elif change := _new_change(item, prefix, problems):
            changes.append(change)
    if problems:  # report the rules' problems too, so one answer names every fault
        for name, messages in check_changes(actor, changes, clock.today()).fields.items():
            for message in messages:
                problems.add(name, message)
        problems.raise_if_any(NOTHING_SAVED)
    entries = apply_changes(actor, actor, changes, clock.today())
    response = jsonify(items=items_json(entries))
    db.session.commit()
    return response, 201


@bp.get("/time-entries/<int:entry_id>")
def get_time_entry(entry_id: int):
    entry = get_time_entry_or_404(entry_id, g.api_user)
    return jsonify(items_json([entry])[0])


@bp.patch("/time-entries/<int:entry_id>")
def update_time_entry(entry_id: int):
    """Change a draft or rejected entry of your own; a submitted or approved one is a 409."""
    entry = get_time_entry_or_404(entry_id, g.api_user)
    require("time.change", entry)
    ensure_editable(entry)
    fields = Fields(json_body(), partial=True)
    project_id = fields.integer("project_id", nullable=False)
    work_date = fields.date("date")
    note = fields.string("note", max_length=500)
    hours = _hours(fields, required=False)
    if work_date is None:
        fields.problem("date", "Must be a date written YYYY-MM-DD.")
    fields.raise_if_any()
    change = Change(
        "",
        entry,
        entry.project_id if project_id is MISSING else project_id,
        entry.work_date if work_date is MISSING else work_date,
        entry.hours if hours is MISSING else hours,
        entry.note if note is MISSING else (note or ""),
    )
    apply_changes(g.api_user, entry.person, [change], clock.today())
    response = jsonify(items_json([entry])[0])
    db.session.commit()
    return response


@bp.delete("/time-entries/<int:entry_id>")
def delete_time_entry(entry_id: int):
    entry = get_time_entry_or_404(entry_id, g.api_user)
    require("time.change", entry)
    apply_changes(g.api_user, entry.person, [Change("", entry)], clock.today())
    db.session.commit()
    return "", 204


@bp.post("/time-entries/submit")
@permission_required("time.log")
def submit_time_entries():
    """Submit your draft and rejected entries of a period (`from`, `to`) or by `ids`."""
    actor = g.api_user
    fields = Fields(json_body())
    ids = fields.id_list("ids")
    start, end = fields.date("from"), fields.date("to")
    fields.raise_if_any()
    entries = approvals.entries_to_submit(
        actor,
        ids=None if ids is MISSING else ids,
        start=None if start is MISSING else start,
        end=None if end is MISSING else end,
    )
    submitted = approvals.submit(actor, entries)
    response = jsonify(items=items_json(submitted))
    db.session.commit()
    return response


def _decided(entry: TimeEntry, approve: bool, reason: str | None = None):
    approvals.decide_one(g.api_user, entry, approve, reason)
    response = jsonify(items_json([entry])[0])
    db.session.commit()
    return response


@bp.post("/time-entries/<int:entry_id>/approve")
def approve_time_entry(entry_id: int):
    entry = get_time_entry_or_404(entry_id, g.api_user)
    require("time.decide", entry)
    return _decided(entry, True)


@bp.post("/time-entries/<int:entry_id>/reject")
def reject_time_entry(entry_id: int):
    entry = get_time_entry_or_404(entry_id, g.api_user)
    require("time.decide", entry)
    fields = Fields(json_body())
    reason = fields.string("reason", required=True, max_length=approvals.REASON_MAX)
    fields.raise_if_any()
    return _decided(entry, False, reason)


@bp.post("/time-entries/<int:entry_id>/reopen")
def reopen_time_entry(entry_id: int):
    entry = get_time_entry_or_404(entry_id, g.api_user)
    require("time.decide", entry)
    body = request.get_json(silent=True) or {}
    if not isinstance(body, dict):
        abort(400, "The JSON body must be an object.")
    fields = Fields(body)
    reason = fields.string("reason", max_length=approvals.REASON_MAX)
    fields.raise_if_any()
    approvals.reopen(g.api_user, entry, None if reason is MISSING else reason)
    response = jsonify(items_json([entry])[0])
    db.session.commit()
    return response


# -- OpenAPI -------------------------------------------------------------------------------

_ENTRY_ID = path_id("entry_id")
_ITEMS = {
    "type": "object",
    "required": ["items"],
    "properties": {"items": {"type": "array", "items": ref("TimeEntry")}},
}
_HOURS_IN = {
    "oneOf": [
        {"type": "number", "exclusiveMinimum": True, "minimum": 0, "maximum": 24},
        {"type": "string", "example": "1:30"},
    ],
    "description": "Hours, more than 0 and at most 24, two decimals at most; a number, "
    "a numeric string or h:mm.",
}
OPENAPI_SCHEMAS = {
    "TimeEntry": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "person_id": {"type": "integer"},
            "project_id": {"type": "integer"},
            "date": DATE,
            "week_start": {**DATE, "description": "Monday of the entry's week"},
            "hours": HOURS,
            "note": {"type": "string"},
            "status": {"type": "string", "enum": list(ENTRY_STATUSES)},
            "rejection_reason": {"type": "string", "nullable": True},
            "over_allocation": {
                "type": "boolean",
                "description": "The person's hours that week exceed their weekly allocation",
            },
            "submitted_at": {**DATETIME, "nullable": True},
            "decided_at": {**DATETIME, "nullable": True},
            "decided_by_id": {"type": "integer", "nullable": True},
            "created_at": DATETIME,
            "updated_at": DATETIME,
        },
    },
    "TimeEntryInput": {
        "type": "object",
        "required": ["project_id", "date", "hours"],
        "properties": {
            "project_id": {"type": "integer"},
            "date": DATE,
            "hours": _HOURS_IN,
            "note": {"type": "string", "maxLength": 500},
        },
    },
    "TimeEntryPatch": {
        "type": "object",
        "properties": {
            "project_id": {"type": "integer"},
            "date": DATE,
            "hours": _HOURS_IN,
            "note": {"type": "string", "maxLength": 500},
        },
    },
}
OPENAPI_PATHS = {
    "/time-entries": {
        "get": {
            "summary": "Time entries you may see: yours, and your reports' (HR: everyone's)",
            "tags": ["ambassadors"],
            "parameters": [
                *PAGE,
                query("person_id", {"type": "integer"}),
                query("project_id", {"type": "integer"}),
                query("from", DATE, "First day (inclusive)"),
                query("to", DATE, "Last day (inclusive)"),
                query("status", {"type": "string", "enum": list(ENTRY_STATUSES)}),
            ],
            "responses": {
                "200": {"$ref": "#/components/responses/TimeEntryList"},
                **errors("Forbidden", "ValidationError"),
            },
        },
        "post": {
            "summary": "Log your time: one entry, or a list of up to 1000 (all or nothing)",
            "description": "A list is checked as a whole: on any fault nothing is stored and "
            "error.fields names each faulty item by index, e.g. `2.hours`.",
            "tags": ["ambassadors"],
            "requestBody": request_body(
                {
                    "oneOf": [
                        ref("TimeEntryInput"),
                        {"type": "array", "maxItems": MAX_BATCH, "items": ref("TimeEntryInput")},
                    ]
                }
            ),
            "responses": {
                "201": json_response("The entries, as drafts", _ITEMS),
                **errors("BadRequest", "Forbidden", "ValidationError"),
            },
        },
    },
    "/time-entries/{entry_id}": {
        "parameters": [_ENTRY_ID],
        "get": {
            "summary": "One time entry",
            "tags": ["ambassadors"],
            "responses": {
                "200": json_response("The entry", ref("TimeEntry")),
                **errors("Forbidden", "NotFound"),
            },
        },
        "patch": {
            "summary": "Change a draft or rejected entry of yours (else 409)",
            "tags": ["ambassadors"],
            "requestBody": request_body(ref("TimeEntryPatch")),
            "responses": {
                "200": json_response("The entry", ref("TimeEntry")),
                **errors("BadRequest", "Forbidden", "NotFound", "Conflict", "ValidationError"),
            },
        },
        "delete": {
            "summary": "Delete a draft or rejected entry of yours (else 409)",
            "tags": ["ambassadors"],
            "responses": {
                "204": {"description": "Deleted"},
                **errors("Forbidden", "NotFound", "Conflict"),
            },
        },
    },
    "/time-entries/submit": {
        "post": {
            "summary": "Submit your draft and rejected entries of a period, or by id",
            "tags": ["ambassadors"],
            "requestBody": request_body(
                {
                    "type": "object",
                    "properties": {
                        "from": DATE,
                        "to": DATE,
                        "ids": {"type": "array", "items": {"type": "integer"}},
                    },
                }
            ),
            "responses": {
                "200": json_response("The entries submitted", _ITEMS),
                **errors("BadRequest", "Forbidden", "Conflict", "ValidationError"),
            },
        }
    },
    "/time-entries/{entry_id}/approve": {
        "parameters": [_ENTRY_ID],
        "post": {
            "summary": "Approve a submitted entry (the person's manager or HR, never the person)",
            "tags": ["ambassadors"],
            "responses": {
                "200": json_response("The approved entry", ref("TimeEntry")),
                **errors("Forbidden", "NotFound", "Conflict"),
            },
        },
    },
    "/time-entries/{entry_id}/reject": {
        "parameters": [_ENTRY_ID],
        "post": {
            "summary": "Reject a submitted entry with a reason (the person's manager or HR)",
            "tags": ["ambassadors"],
            "requestBody": request_body(
                {
                    "type": "object",
                    "required": ["reason"],
                    "properties": {"reason": {"type": "string", "maxLength": 500}},
                }
            ),
            "responses": {
                "200": json_response("The rejected entry", ref("TimeEntry")),
                **errors("BadRequest", "Forbidden", "NotFound", "Conflict", "ValidationError"),
            },
        },
    },
    "/time-entries/{entry_id}/reopen": {
        "parameters": [_ENTRY_ID],
        "post": {
            "summary": "Reopen an approved entry: a draft again, kept in the audit trail",
            "tags": ["ambassadors"],
            "requestBody": request_body(
                {"type": "object", "properties": {"reason": {"type": "string", "maxLength": 500}}},
                required=False,
            ),
            "responses": {
                "200": json_response("The reopened entry", ref("TimeEntry")),
                **errors("BadRequest", "Forbidden", "NotFound", "Conflict", "ValidationError"),
            },
        },
    },
}
