"""The approval queue: direct reports' submitted weeks (HR: all), decided in bulk or one by one."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from eximpact.access import can, permission_required
from eximpact.ambassadors.models import TimeEntry
from eximpact.ambassadors.routes import bp
from eximpact.ambassadors.services import approvals
from eximpact.extensions import db
from eximpact.org.models import HR
from eximpact.pagination import page_args
from eximpact.validation import ValidationFailed, whole_number

PER_PAGE = 20


@bp.get("/approvals")
@permission_required("time.approvals")
def approvals_queue():
    everyone = current_user.has_role(HR) and request.args.get("scope") != "mine"
    page, per_page = page_args(PER_PAGE, 100)
    results = approvals.approval_queue(current_user, page, per_page, everyone)
    return render_template("ambassadors/approvals.html", results=results, everyone=everyone)


def _chosen_entries() -> tuple[list[TimeEntry], bool]:
    """The entries a POST is about, and whether it approves: one entry, or whole weeks."""
    decision = request.form.get("decision", "")
    if decision:
        action, _, entry_id = decision.partition(":")
        entries = list(
            db.session.scalars(
                select(TimeEntry)
                .options(joinedload(TimeEntry.person))
                .where(TimeEntry.id == whole_number(entry_id))
            )
        )
    else:
        action = request.form.get("action", "")
        keys = [approvals.parse_week_key(value) for value in request.form.getlist("week")]
        entries = approvals.submitted_entries_of_weeks([key for key in keys if key])
    if action not in ("approve", "reject"):
        abort(400, "Say whether to approve or reject.")
    return entries, action == "approve"


@bp.post("/approvals")
@permission_required("time.approvals")
def decide():
    entries, approve = _chosen_entries()
    if any(not can(current_user, "time.decide", entry) for entry in entries):
        abort(403)
    if not entries:
        flash("Nothing chosen, or it was decided already.", "info")
        return redirect(url_for("ambassadors.approvals_queue"))
    try:
        decided = approvals.decide(current_user, entries, approve, request.form.get("reason"))
    except ValidationFailed as error:
        flash(f"Nothing was rejected: {error.message}", "danger")
        return redirect(url_for("ambassadors.approvals_queue"))
    db.session.commit()
    verb = "Approved" if approve else "Rejected"
    message = f"{verb} {len(decided)} entr{'y' if len(decided) == 1 else 'ies'}."
    if skipped := len(entries) - len(decided):
        message += f" {skipped} had been decided by someone else a moment earlier."
    flash(message, "success" if decided else "warning")
    return redirect(url_for("ambassadors.approvals_queue"))
