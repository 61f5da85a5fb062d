"""The cascade: "My team's rollout" and a team manager's rollout report."""

from flask import (
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_login import current_user

from eximpact.access import permission_required
from eximpact.campaigns import permissions  # noqa: F401  (registers the rules)
from eximpact.campaigns.forms import (
    RolloutForm,
)
from eximpact.campaigns.loaders import (
    get_rollout_or_404,
)
from eximpact.campaigns.routes import bp
from eximpact.campaigns.services import cascade
from eximpact.forms import save_on_submit
from eximpact.validation import ValidationFailed


@bp.get("/rollout")
@permission_required("rollout.view_own")
def my_rollout():
    """My team's rollout: what the plan asks of the teams I manage, and how far we are."""
    rows = cascade.rollouts_for_manager(current_user)
    forms = {row.id: RolloutForm(obj=row, prefix=f"r{row.id}") for row in rows}
    return render_template("campaigns/my_rollout.html", rows=rows, forms=forms)


@bp.post("/rollout/<int:rollout_id>")
def update_rollout(rollout_id: int):
    rollout = get_rollout_or_404(rollout_id, current_user)
    form = RolloutForm(prefix=f"r{rollout.id}")
    if save_on_submit(
        form,
        lambda: cascade.update_rollout(current_user, rollout, form.status.data, form.note.data),
        failure=_flash_refusal,
    ):
        flash(f"Rollout in {rollout.team.name} updated.", "success")
    elif not form.refusal:
        flash("Choose a status.", "danger")
    return redirect(url_for("campaigns.my_rollout"))


def _flash_refusal(refusal) -> None:
    """The page lists many rollouts, so a refusal is said at the top of it."""
    if isinstance(refusal, ValidationFailed):
        flash(" ".join(p for problems in refusal.fields.values() for p in problems), "danger")
    else:
        flash(refusal.message, "danger")
