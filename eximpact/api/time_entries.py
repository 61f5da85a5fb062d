"""`/time-entries`: log (one or a batch of up to 1000), change, submit, approve, reject, reopen.

A batch is all-or-nothing and checked set-wise by `rules.check_changes`: a fixed
number of queries however many items, each faulty item named by its index.
"""

from datetime import date
from typing import Annotated

from flask import abort, current_app, g
from pydantic import Field, PlainValidator, ValidationError, WithJsonSchema
from pydantic_core import PydanticCustomError

from eximpact.access import require
from eximpact.ambassadors import permissions  # noqa: F401  (registers the rules)
from eximpact.ambassadors.loaders import get_time_entry_or_404
from eximpact.ambassadors.models import ENTRY_STATUSES, TimeEntry, monday_of
from eximpact.ambassadors.services import approvals
from eximpact.ambassadors.services.entries import (
    apply_changes,
    ensure_editable,
    entries_page,
    entries_query,
    over_allocation_flags,
)
from eximpact.ambassadors.services.rules import LIMITS, Change, HoursFormatError, check_changes
from eximpact.ambassadors.services.rules import parse_hours as read_hours
from eximpact.ambassadors.services.scope import can_see_person
from eximpact.api.common import json_body
from eximpact.api.declare import DOES_NOT_MATCH, operation
from eximpact.api.schema import (
    ApiModel,
    Day,
    Id,
    IdList,
    Moment,
    QueryDay,
    QueryId,
    field_problems,
    one_of,
    partial,
    text,
)
from eximpact.clock import today
from eximpact.extensions import db
from eximpact.org.models import Person
from eximpact.pagination import page_args
from eximpact.validation import Problems, ValidationFailed

MAX_BATCH = 1000


def _hours(value):
    try:
        return read_hours(value)
    except HoursFormatError as error:
        raise PydanticCustomError("hours", str(error)) from None


Hours = Annotated[
    object,
    PlainValidator(_hours),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "exclusiveMinimum": 0, "maximum": 24, "multipleOf": 0.01},
                {"type": "string", "pattern": r"^([01]?\d|2[0-4])([.,]\d{1,2})?$"},
                {"type": "string", "pattern": r"^([01]?\d|2[0-3]):[0-5]\d$"},
            ],
            "description": "More than 0 and at most 24 a day, two decimals, or h:mm",
        }
    ),
]


class TimeEntryIn(ApiModel):
    project_id: Id
    date: Day
    hours: Hours
    note: text(LIMITS["note"]) = None


TimeEntryChange = partial(TimeEntryIn)


class TimeEntryOut(ApiModel):
    id: int
    person_id: int
    project_id: int
    date: date
    week_start: date
    hours: float
    note: str
    status: one_of(ENTRY_STATUSES)
    rejection_reason: str | None
    over_allocation: bool
    submitted_at: Moment
    decided_at: Moment
    decided_by_id: int | None
    created_at: Moment
    updated_at: Moment


class TimeEntries(ApiModel):
    items: list[TimeEntryOut]


class EntryFilters(ApiModel):
    person_id: QueryId = None
    project_id: QueryId = None
    from_: QueryDay = Field(None, alias="from", description="First day (inclusive)")
    to: QueryDay = Field(None, description="Last day (inclusive)")
    status: one_of(ENTRY_STATUSES) = None


class Submission(ApiModel):
    """Either `ids`, or `from` and `to`."""

    ids: IdList = None
    from_: Day = Field(None, alias="from")
    to: Day = None


class Rejection(ApiModel):
    reason: text(approvals.LIMITS["reason"], required=True)


class Reopening(ApiModel):
    reason: text(approvals.LIMITS["reason"]) = None


def items_json(entries: list[TimeEntry]) -> list[dict]:
    flags = over_allocation_flags(entries)
    return [
        {
            **{name: getattr(entry, name, None) for name in TimeEntryOut.model_fields},
            "date": entry.work_date,
            "over_allocation": flags[entry.id],
        }
        for entry in entries
    ]


def entry_loader(permission: str):
    """The entry the caller may see (else 404/403), if they also hold `permission` on it,
    before any body is read."""

    def load(entry_id: int, for_person) -> TimeEntry:
        entry = get_time_entry_or_404(entry_id, for_person)
        require(permission, entry)
        return entry

    return load


def _batch_body():
    """The body as (items, batch): one object, or a list of up to MAX_BATCH of them."""
    body = json_body((dict, list))
    batch = isinstance(body, list)
    items = body if batch else [body]
    if batch and not items:
        raise ValidationFailed(message="Send at least one entry.")
    if len(items) > MAX_BATCH:
        raise ValidationFailed(message=f"Send at most {MAX_BATCH} entries at once.")
    return items, batch


@operation(
    "GET",
    "/time-entries",
    tag="ambassadors",
    query=EntryFilters,
    response=TimeEntryOut,
    listing=True,
    errors=(403,),
)
def list_time_entries(query: EntryFilters):
    """Time entries you may see: yours, and your reports' (HR: everyone's)."""
    actor = g.api_user
    if query.person_id is not None:
        person = db.session.get(Person, query.person_id)
        if person is None or not can_see_person(actor, person):
            abort(403, "You may not see this person's time.")
    select_ = entries_query(
        actor,
        person_id=query.person_id,
        project_id=query.project_id,
        start=query.from_,
        end=query.to,
        status=query.status,
    )
    config = current_app.config
    page, per_page = page_args(config["API_PER_PAGE"], config["API_MAX_PER_PAGE"], strict=True)
    results = entries_page(select_, page, per_page)  # a deep page skips index entries only
    return {
        "items": items_json(results.items),
        "page": page,
        "per_page": per_page,
        "total": results.total,
    }


_BATCH_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "oneOf": [
                        {"$ref": "#/components/schemas/TimeEntryIn"},
                        {
                            "type": "array",
                            "minItems": 1,
                            "maxItems": MAX_BATCH,
                            "items": {"$ref": "#/components/schemas/TimeEntryIn"},
                        },
                    ]
                }
            }
        },
    }
}


@operation(
    "POST",
    "/time-entries",
    tag="ambassadors",
    permission="time.log",
    body=TimeEntryIn,
    parse_body=False,
    response=TimeEntries,
    status=201,
    doc=_BATCH_SCHEMA,
)
def create_time_entries():
    """Log your time: one entry, or a list of up to 1000 (all or nothing, faults by index)."""
    actor = g.api_user
    items, batch = _batch_body()
    problems, changes = Problems(), []
    for index, item in enumerate(items):
        prefix = f"{index}." if batch else ""
        if not isinstance(item, dict):
            problems.add(str(index), "Must be an object.")
            continue
        try:
            entry = TimeEntryIn.model_validate(item)
        except ValidationError as error:
            for name, messages in field_problems(error, prefix).items():
                for message in messages:
                    problems.add(name, message)
            continue
        changes.append(
            Change(prefix, None, entry.project_id, entry.date, entry.hours, entry.note or "")
        )
    if problems:  # report the rules' problems too, so one answer names every fault
        for name, messages in check_changes(actor, changes, today()).fields.items():
            for message in messages:
                problems.add(name, message)
        problems.raise_if_any(DOES_NOT_MATCH)
    entries = apply_changes(actor, actor, changes, today())
    result = {"items": items_json(entries)}
    db.session.commit()
    return result


@operation(
    "GET",
    "/time-entries/<int:entry_id>",
    tag="ambassadors",
    load=entry_loader("time.view"),
    response=TimeEntryOut,
    errors=(403,),
)
def get_time_entry(entry: TimeEntry):
    """One time entry."""
    return items_json([entry])[0]


@operation(
    "PATCH",
    "/time-entries/<int:entry_id>",
    tag="ambassadors",
    load=entry_loader("time.change"),
    body=TimeEntryChange,
    response=TimeEntryOut,
    errors=(403, 409),
)
def update_time_entry(entry: TimeEntry, body: ApiModel):
    """Change a draft or rejected entry of yours (else 409)."""
    ensure_editable(entry)
    sent = body.model_dump(exclude_unset=True)
    if "date" in sent and sent["date"] is None:
        raise ValidationFailed.single("date", "Must be a date written YYYY-MM-DD.")
    change = Change(
        "",
        entry,
        sent.get("project_id") or entry.project_id,
        sent.get("date") or entry.work_date,
        sent["hours"] if sent.get("hours") is not None else entry.hours,
        sent.get("note", entry.note),
    )
    apply_changes(g.api_user, entry.person, [change], today())
    result = items_json([entry])[0]
    db.session.commit()
    return result


@operation(
    "DELETE",
    "/time-entries/<int:entry_id>",
    tag="ambassadors",
    load=entry_loader("time.change"),
    status=204,
    errors=(403, 409),
)
def delete_time_entry(entry: TimeEntry):
    """Delete a draft or rejected entry of yours (else 409)."""
    apply_changes(g.api_user, entry.person, [Change("", entry)], today())
    db.session.commit()
    return "", 204


@operation(
    "POST",
    "/time-entries/submit",
    tag="ambassadors",
    permission="time.log",
    body=Submission,
    response=TimeEntries,
    errors=(403, 409),
)
def submit_time_entries(body: Submission):
    """Submit your draft and rejected entries of a period (`from`, `to`) or by `ids`."""
    actor = g.api_user
    entries = approvals.entries_to_submit(actor, ids=body.ids, start=body.from_, end=body.to)
    submitted = approvals.submit(actor, entries)
    result = {"items": items_json(submitted)}
    db.session.commit()
    return result


class Recall(ApiModel):
    week: Day = Field(description="Any day of the week to take back")


class Recalled(ApiModel):
    week_start: date
    recalled: int = Field(description="Entries that were waiting and are drafts again")


@operation(
    "POST",
    "/time-entries/recall",
    tag="ambassadors",
    permission="time.log",
    body=Recall,
    response=Recalled,
    errors=(409,),
)
def recall_time_entries(body: Recall):
    """Take back your submitted week before it is decided: its waiting entries become drafts."""
    recalled = approvals.recall_week(g.api_user, body.week)
    db.session.commit()
    return {"week_start": monday_of(body.week), "recalled": recalled}


def _decided(entry: TimeEntry, approve: bool, reason: str | None = None) -> dict:
    approvals.decide_one(g.api_user, entry, approve, reason)
    result = items_json([entry])[0]
    db.session.commit()
    return result


_DECISION = {"tag": "ambassadors", "load": entry_loader("time.decide"), "response": TimeEntryOut}


@operation("POST", "/time-entries/<int:entry_id>/approve", **_DECISION, errors=(403, 409))
def approve_time_entry(entry: TimeEntry):
    """Approve a submitted entry (the person's manager or HR, never the person)."""
    return _decided(entry, True)


@operation(
    "POST",
    "/time-entries/<int:entry_id>/reject",
    **_DECISION,
    body=Rejection,
    errors=(403, 409),
)
def reject_time_entry(entry: TimeEntry, body: Rejection):
    """Reject a submitted entry with a reason (the person's manager or HR)."""
    return _decided(entry, False, body.reason)


@operation(
    "POST",
    "/time-entries/<int:entry_id>/reopen",
    **_DECISION,
    body=Reopening,
    body_required=False,
    errors=(403, 409),
)
def reopen_time_entry(entry: TimeEntry, body: Reopening):
    """Reopen an approved entry: a draft again, kept in the audit trail."""
    approvals.reopen(g.api_user, entry, body.reason or None)
    result = items_json([entry])[0]
    db.session.commit()
    return result
