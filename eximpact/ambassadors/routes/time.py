"""The weekly timesheet, the list of entries with their totals, and one entry's history."""

from datetime import date, timedelta

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from eximpact import audit, clock
from eximpact.access import can, permission_required, require
from eximpact.ambassadors.forms import ReopenForm
from eximpact.ambassadors.loaders import get_time_entry_or_404
from eximpact.ambassadors.models import (
    APPROVED,
    ENTRY_LABELS,
    ENTRY_STATUSES,
    CxProject,
    Enrolment,
    TimeEntry,
)
from eximpact.ambassadors.routes import bp
from eximpact.ambassadors.services import approvals, timesheet
from eximpact.ambassadors.services.entries import (
    apply_changes,
    entries_page,
    entries_query,
    over_allocation_flags,
    state_totals,
    week_state,
)
from eximpact.ambassadors.services.rules import check_changes
from eximpact.ambassadors.services.scope import visible_person_ids
from eximpact.extensions import db
from eximpact.forms import save_on_submit
from eximpact.org.models import Person
from eximpact.pagination import page_args
from eximpact.templating import count_of
from eximpact.validation import Conflict, ValidationFailed


@bp.route("/timesheet", methods=["GET", "POST"])
@permission_required("time.log")
def timesheet_week():
    """Log a week in one go; on any problem nothing is saved and the grid comes back as typed."""
    today = clock.today()
    week_start = timesheet.week_of(request.values.get("week"), today)
    if request.method == "GET":
        sheet = timesheet.build(current_user, week_start, today, bool(request.args.get("copy")))
        return _timesheet_page(sheet, today)

    sheet, changes = timesheet.read_form(current_user, week_start, today, request.form)
    if sheet.has_errors:  # the rules' verdict too, so every fault shows at once
        timesheet.place_problems(sheet, check_changes(current_user, changes, today).fields)
    else:
        try:
            apply_changes(current_user, current_user, changes, today)
        except ValidationFailed as error:
            timesheet.place_problems(sheet, error.fields)
        except Conflict as error:
            sheet.errors.append(error.message)
    if sheet.has_errors:
        db.session.rollback()
        return _timesheet_page(sheet, today, failed=True), 422
    submitting = request.form.get("action") == "submit"
    submitted = []
    if submitting:
        week = approvals.entries_to_submit(
            current_user, start=week_start, end=week_start + timedelta(days=6)
        )
        submitted = approvals.submit(current_user, week)
    db.session.commit()
    if submitting and submitted:
        flash(f"Week submitted: {len(submitted)} entries wait for approval.", "success")
    elif submitting:
        flash("Saved. There was nothing left to submit in this week.", "info")
    else:
        flash("Saved as draft. Submit the week when it is complete.", "success")
    return redirect(
        url_for("ambassadors.timesheet_week", week=week_start.isoformat(), _anchor=GRID)
    )


GRID = "week-grid"  # the grid's id: after saving, the page comes back with focus in it


def _timesheet_page(sheet, today, failed=False, status=None):
    """The timesheet with the week's state as a whole and, before Friday of the current
    week, a question before submitting it early."""
    state = week_state(current_user.id, sheet.week_start)
    early = sheet.week_start <= today < sheet.week_start + timedelta(days=4)
    return render_template(
        "ambassadors/timesheet.html",
        sheet=sheet,
        labels=ENTRY_LABELS,
        failed=failed,
        state=state,
        early_day=today if early else None,
        recall_problem=status,
    )


@bp.post("/timesheet/recall")
@permission_required("time.log")
def recall_week():
    """Take back a submitted week before it is decided; its waiting entries become drafts."""
    today = clock.today()
    week_start = timesheet.week_of(request.form.get("week"), today)
    try:
        recalled = approvals.recall_week(current_user, week_start)
    except Conflict as error:
        db.session.rollback()
        sheet = timesheet.build(current_user, week_start, today)
        return _timesheet_page(sheet, today, status=error.message), 409
    db.session.commit()
    flash(
        f"Week recalled: {count_of(recalled, 'entry', 'entries')} back to draft. "
        "Change what you need and submit the week again.",
        "success",
    )
    return redirect(
        url_for("ambassadors.timesheet_week", week=week_start.isoformat(), _anchor=GRID)
    )


def _visible_ambassadors() -> list[tuple[int, str]]:
    """People with an enrolment whose time the signed-in person may see, for the filter."""
    query = (
        select(Person.id, Person.name)
        .where(Person.id.in_(select(Enrolment.person_id)))
        .order_by(func.lower(Person.name))
    )
    if (visible := visible_person_ids(current_user)) is not None:
        query = query.where(Person.id.in_(visible))
    return [(pid, name) for pid, name in db.session.execute(query)]


def _date(name: str) -> date | None:
    try:
        return date.fromisoformat(request.args.get(name) or "")
    except ValueError:
        return None


@bp.get("/entries")
@permission_required("time.entries")
def entries():
    """Entries the signed-in person may see, filtered, with totals per state."""
    status = request.args.get("status") or None
    filters = {
        "person_id": request.args.get("person", type=int),
        "project_id": request.args.get("project", type=int),
        "start": _date("from"),
        "end": _date("to"),
        "status": status if status in ENTRY_STATUSES else None,
    }
    query = entries_query(current_user, **filters)
    totals, count = state_totals(current_user, **filters)
    page, per_page = page_args(current_app.config["PER_PAGE"], 100)
    results = entries_page(
        query,
        page,
        per_page,
        total=count,
        options=(joinedload(TimeEntry.person), joinedload(TimeEntry.project)),
    )
    return render_template(
        "ambassadors/entries.html",
        results=results,
        flags=over_allocation_flags(results.items),
        totals=totals,
        filters=filters,
        people=_visible_ambassadors(),
        projects=db.session.execute(
            select(CxProject.id, CxProject.name).order_by(func.lower(CxProject.name))
        ).all(),
        labels=ENTRY_LABELS,
    )


@bp.get("/entries/<int:entry_id>")
def entry(entry_id: int):
    entry = get_time_entry_or_404(entry_id, current_user)
    return render_template(
        "ambassadors/entry.html",
        entry=entry,
        over=over_allocation_flags([entry])[entry.id],
        labels=ENTRY_LABELS,
        may_reopen=entry.status == APPROVED and can(current_user, "time.decide", entry),
        reopen_form=ReopenForm(),
        events=audit.events_for("time_entry", entry.id),
    )


@bp.post("/entries/<int:entry_id>/reopen")
def reopen_entry(entry_id: int):
    entry = get_time_entry_or_404(entry_id, current_user)
    require("time.decide", entry)
    form = ReopenForm()
    if save_on_submit(
        form,
        lambda: approvals.reopen(current_user, entry, form.reason.data),
        failure=lambda refusal: flash(refusal.message, "warning"),
    ):
        flash(f"Reopened: {entry.person.name} can change it and submit it again.", "success")
    return redirect(url_for("ambassadors.entry", entry_id=entry.id))
