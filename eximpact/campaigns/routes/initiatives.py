"""Initiative pages: the filtered list, the form (from a preset), progress and approval."""

from flask import (
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from eximpact import audit, clock
from eximpact.access import permission_required, require
from eximpact.campaigns import permissions  # noqa: F401  (registers the rules)
from eximpact.campaigns.forms import (
    ApprovalDecisionForm,
    ApprovalRequestForm,
    InitiativeFilterForm,
    InitiativeForm,
    ProgressForm,
)
from eximpact.campaigns.loaders import (
    get_initiative_or_404,
)
from eximpact.campaigns.models import (
    DRAFT,
    PILLARS,
    PLANNED,
    STATUS_LABELS,
    Campaign,
    Initiative,
)
from eximpact.campaigns.presets import TEMPLATES
from eximpact.campaigns.routes import bp
from eximpact.campaigns.services import approvals, cascade, planning, queries
from eximpact.extensions import db
from eximpact.forms import form_status, save_on_submit, select_choices
from eximpact.org.services import active_team_choices
from eximpact.pagination import paginate


@bp.get("/initiatives")
def initiatives():
    """Every initiative the person may read, filtered and paginated on the server."""
    filters = InitiativeFilterForm(request.args)
    filters.campaign.set_options(queries.campaign_choices())
    filters.team.set_options(active_team_choices())
    valid = filters.validate()
    query = queries.initiatives_query(
        current_user,
        campaign_id=filters.campaign.data if valid else None,
        pillar=filters.pillar.data or None if valid else None,
        status=filters.status.data or None if valid else None,
        owner_id=filters.owner.data if valid else None,
        team_id=filters.team.data if valid else None,
        date_from=filters.date_from.data if valid else None,
        date_to=filters.date_to.data if valid else None,
    )
    return render_template("campaigns/initiatives.html", results=paginate(query), filters=filters)


def _initiative_form(initiative: Initiative | None = None, **defaults) -> InitiativeForm:
    form = InitiativeForm(obj=initiative, **defaults)
    form.campaign_id.set_options(queries.campaign_choices())
    form.audience_team_ids.choices = select_choices(active_team_choices())
    if initiative is not None and request.method == "GET":
        form.audience_team_ids.data = initiative.audience_team_ids
        form.approver_id.data = None
    return form


def _template_defaults(key: str | None) -> dict:
    template = TEMPLATES.get(key or "")
    if template is None:
        return {}
    return template.values()


@bp.route("/initiatives/new", methods=["GET", "POST"])
@permission_required("campaigns.plan")
def new_initiative():
    """Plan an initiative, from scratch or from a template that fills the form."""
    defaults = {}
    if request.method == "GET":
        defaults = _template_defaults(request.args.get("template"))
        defaults.setdefault("owner_id", current_user.id)
        if campaign_id := request.args.get("campaign", type=int):
            defaults["campaign_id"] = campaign_id
            if campaign := db.session.get(Campaign, campaign_id):
                defaults.setdefault("start_date", max(campaign.start_date, clock.today()))
                defaults.setdefault("end_date", campaign.end_date)
        if request.args.get("pillar") in PILLARS:  # "Plan an initiative" from a weak pulse cell
            defaults["pillar"] = request.args["pillar"]
    form = _initiative_form(**defaults)
    if request.method == "GET" and request.args.get("template") in TEMPLATES:
        form.audience_team_ids.data = []
    if request.method == "GET" and (team_id := request.args.get("team", type=int)):
        form.audience_team_ids.data = [team_id]
    if initiative := save_on_submit(
        form, lambda: planning.create_initiative(current_user, form.values())
    ):
        flash(saved_message(initiative), "success")
        return redirect(url_for("campaigns.initiative", initiative_id=initiative.id))
    return render_template(
        "campaigns/initiative_form.html",
        form=form,
        initiative=None,
        templates=TEMPLATES,
        chosen=request.args.get("template"),
    )


@bp.route("/initiatives/<int:initiative_id>/edit", methods=["GET", "POST"])
@permission_required("campaigns.plan")
def edit_initiative(initiative_id: int):
    initiative = get_initiative_or_404(initiative_id, current_user)
    form = _initiative_form(initiative)
    if save_on_submit(
        form, lambda: planning.update_initiative(current_user, initiative, form.values())
    ):
        flash(saved_message(initiative), "success")
        return redirect(url_for("campaigns.initiative", initiative_id=initiative.id))
    return render_template(
        "campaigns/initiative_form.html",
        form=form,
        initiative=initiative,
        templates={},
        chosen=None,
    )


def saved_message(initiative) -> str:
    """What saving did, true to the initiative's status: a draft is not "planned"."""
    if initiative.status == PLANNED:
        return f"“{initiative.title}” is planned."
    if initiative.status == DRAFT:
        return f"“{initiative.title}” is saved as a draft; nobody sees it as planned yet."
    return f"“{initiative.title}” is saved: {STATUS_LABELS[initiative.status].lower()}."


def _render_initiative(initiative, progress_form=None, approval_form=None, decision_form=None):
    return render_template(
        "campaigns/initiative.html",
        initiative=initiative,
        rollout=cascade.rollout_progress(initiative),
        events=audit.events_for("initiative", initiative.id),
        progress_form=progress_form or ProgressForm(obj=initiative),
        approval_form=approval_form or ApprovalRequestForm(),
        decision_form=decision_form or ApprovalDecisionForm(),
    )


@bp.get("/initiatives/<int:initiative_id>")
def initiative(initiative_id: int):
    return _render_initiative(get_initiative_or_404(initiative_id, current_user))


@bp.post("/initiatives/<int:initiative_id>/progress")
def update_progress(initiative_id: int):
    """The owner (or a planner) moves status, progress and outcomes."""
    item = get_initiative_or_404(initiative_id, current_user)
    require("initiatives.update_progress", item)
    form = ProgressForm()
    if save_on_submit(form, lambda: planning.update_initiative(current_user, item, form.values())):
        flash("Progress updated.", "success")
        return redirect(url_for("campaigns.initiative", initiative_id=item.id))
    return _render_initiative(item, progress_form=form), 422


@bp.post("/initiatives/<int:initiative_id>/approval")
@permission_required("campaigns.plan")
def request_approval(initiative_id: int):
    item = get_initiative_or_404(initiative_id, current_user)
    form = ApprovalRequestForm()
    if save_on_submit(
        form, lambda: approvals.request_approval(current_user, item, form.approver_id.data)
    ):
        flash(f"{item.approver.name} is asked to approve.", "success")
        return redirect(url_for("campaigns.initiative", initiative_id=item.id))
    return _render_initiative(item, approval_form=form), 422


@bp.post("/initiatives/<int:initiative_id>/decision")
def decide_approval(initiative_id: int):
    """The named approver approves or rejects; the service refuses anyone else."""
    item = get_initiative_or_404(initiative_id, current_user)
    form = ApprovalDecisionForm()
    if save_on_submit(
        form,
        lambda: approvals.decide_approval(
            current_user, item, bool(form.approve.data), form.comment.data
        ),
    ):
        flash("Your decision is recorded.", "success")
        return redirect(url_for("campaigns.initiative", initiative_id=item.id))
    return _render_initiative(item, decision_form=form), form_status(form)
