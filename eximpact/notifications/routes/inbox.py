"""The inbox page, marking notifications read, and each person's e-mail choices."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from eximpact.forms import ConfirmForm, save_on_submit
from eximpact.notifications import inbox
from eximpact.notifications.models import KINDS
from eximpact.notifications.routes import bp
from eximpact.pagination import paginate


@bp.get("/")
def index():
    """The signed-in person's notifications, newest first; `?unread=1` keeps the unread."""
    unread = request.args.get("unread") == "1"
    return render_template(
        "notifications/index.html",
        results=paginate(inbox.inbox_query(current_user, unread=unread)),
        unread=unread,
    )


@bp.post("/<int:notification_id>/read")
def mark_one(notification_id: int):
    """Mark one read; the id of someone else's notification changes nothing and says nothing."""
    save_on_submit(ConfirmForm(), lambda: inbox.mark_read(current_user, [notification_id]))
    return redirect(url_for("notifications.index", unread=request.args.get("unread")))


@bp.post("/read")
def mark_all():
    count = save_on_submit(ConfirmForm(), lambda: inbox.mark_read(current_user))
    if count is not None:
        flash(f"{count} notification{'' if count == 1 else 's'} marked read.", "success")
    return redirect(url_for("notifications.index"))


@bp.post("/email-choices")
def email_choices():
    """The settings page's e-mail section: the checked kinds come by e-mail, the others not."""
    wanted = [kind for kind in request.form.getlist("kinds") if kind in KINDS]
    if save_on_submit(ConfirmForm(), lambda: inbox.set_email_choices(current_user, wanted)):
        flash("Your e-mail choices are saved.", "success")
    return redirect(url_for("auth.settings") + "#email-choices")
