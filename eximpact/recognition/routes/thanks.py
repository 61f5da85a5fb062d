"""Quick thanks: a public thank-you to a colleague, straight to the wall (`services.thanking`)."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from eximpact.extensions import db
from eximpact.forms import save_on_submit, select_choices
from eximpact.org.services import active_people_choices
from eximpact.praise.services.recording import praise_query
from eximpact.recognition.forms import ThanksForm
from eximpact.recognition.routes import bp
from eximpact.recognition.services import thanking

RECENT_PRAISE = 20


def _thanks_form() -> ThanksForm:
    form = ThanksForm()
    people = [c for c in active_people_choices() if c[0] != current_user.id]
    form.recipient_id.choices = select_choices(people, blank="Choose a colleague")
    values = [(c.id, c.name) for c in thanking.value_categories()]
    form.category_id.choices = select_choices(values, blank="Choose a value")
    # Praise is seen by every employee; the service checks it praises the recipient.
    recent = db.session.scalars(praise_query().limit(RECENT_PRAISE))
    form.praise_id.choices = select_choices(
        [(p.id, f"{p.received_at:%d %b}: {p.text[:80]}") for p in recent], blank="— none —"
    )
    if request.method == "GET":
        form.recipient_id.data = request.args.get("recipient_id", type=int)
    return form


@bp.route("/thanks", methods=["GET", "POST"])
def thanks():
    """Thank a colleague under a company value, within the daily allowance."""
    form = _thanks_form()
    if item := save_on_submit(
        form,
        lambda: thanking.give_thanks(
            current_user,
            recipient_id=form.recipient_id.data,
            category_id=form.category_id.data,
            message=form.message.data,
            praise_id=form.praise_id.data,
        ),
    ):
        flash(f"Your thanks to {item.recipient.name} are on the wall.", "success")
        return redirect(url_for("recognition.wall"))
    status = 422 if form.errors or form.form_errors else 200
    left = thanking.thanks_left(current_user)
    return render_template(
        "recognition/thanks.html", form=form, left=left, allowance=thanking.allowance()
    ), status
