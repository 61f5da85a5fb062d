"""Pages of HR planning: campaigns, initiatives, the dashboard, the timeline, the cascade."""

from flask import (
    Blueprint,
    Response,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from eximpact import audit, charts, clock
from eximpact.access import permission_required, require
from eximpact.campaigns import (
    permissions,  # noqa: F401  (registers the rules)
    services,
)
from eximpact.campaigns.dashboard import build_dashboard
from eximpact.campaigns.forms import (
    ApprovalDecisionForm,
    ApprovalRequestForm,
    CampaignForm,
    InitiativeFilterForm,
    InitiativeForm,
    ProgressForm,
    RolloutForm,
)
from eximpact.campaigns.loaders import (
    get_campaign_or_404,
    get_initiative_or_404,
    get_rollout_or_404,
)
from eximpact.campaigns.models import (
    APPROVAL_LABELS,
    FREQUENCY_LABELS,
    PILLAR_LABELS,
    PILLAR_TEMKIN,
    PILLARS,
    ROLLOUT_LABELS,
    STAKEHOLDER_LABELS,
    STATUS_LABELS,
    Campaign,
    Initiative,
    Rollout,
)
from eximpact.campaigns.templates import TEMPLATES
from eximpact.campaigns.timeline import layout
from eximpact.charts import PILLAR_COLOURS
from eximpact.csvio import csv_line
from eximpact.extensions import db
from eximpact.forms import apply_errors, select_choices
from eximpact.org.services import active_team_choices
from eximpact.pagination import paginate
from eximpact.validation import Conflict, ValidationFailed

bp = Blueprint("campaigns", __name__, url_prefix="/campaigns")

LABELS = {
    "pillars": PILLAR_LABELS,
    "temkin": PILLAR_TEMKIN,
    "statuses": STATUS_LABELS,
    "frequencies": FREQUENCY_LABELS,
    "approvals": APPROVAL_LABELS,
    "rollouts": ROLLOUT_LABELS,
    "stakeholders": STAKEHOLDER_LABELS,
    "colours": PILLAR_COLOURS,
}


@bp.context_processor
def labels():
    return {"labels": LABELS, "pillars": PILLARS}


# -- campaigns ------------------------------------------------------------------------------


@bp.get("/")
@permission_required("campaigns.view")
def index():
    results = paginate(services.campaigns_query())
    ids = [campaign.id for campaign in results.items]
    counts = dict(
        db.session.execute(
            select(Initiative.campaign_id, func.count())
            .where(Initiative.campaign_id.in_(ids))
            .group_by(Initiative.campaign_id)
        ).all()
    )
    return render_template("campaigns/index.html", results=results, counts=counts)


def _campaign_form(campaign: Campaign | None = None) -> CampaignForm:
    form = CampaignForm(obj=campaign)
    if campaign is not None and request.method == "GET":
        for entry, kpi in zip(form.kpis, campaign.kpis, strict=False):
            entry.form.process(obj=kpi)
        for _ in range(len(campaign.kpis) + 2 - len(form.kpis)):
            form.kpis.append_entry()
        for entry, stakeholder in zip(form.stakeholders, campaign.stakeholders, strict=False):
            entry.form.process(
                data={
                    "group": stakeholder.stakeholder_group,
                    "person_id": stakeholder.person_id,
                    "name": stakeholder.name or "",
                }
            )
        for _ in range(len(campaign.stakeholders) + 2 - len(form.stakeholders)):
            form.stakeholders.append_entry()
    return form


@bp.route("/new", methods=["GET", "POST"])
@permission_required("campaigns.plan")
def new_campaign():
    form = _campaign_form()
    if request.method == "GET":
        form.owner_id.data = current_user.id
    if form.validate_on_submit():
        try:
            campaign = services.save_campaign(current_user, None, form.values())
        except ValidationFailed as error:
            apply_errors(form, error)
        else:
            db.session.commit()
            flash(f"Campaign “{campaign.name}” is created. Now plan its initiatives.", "success")
            return redirect(url_for("campaigns.dashboard", campaign_id=campaign.id))
    return render_template("campaigns/campaign_form.html", form=form, campaign=None)


@bp.route("/<int:campaign_id>/edit", methods=["GET", "POST"])
@permission_required("campaigns.plan")
def edit_campaign(campaign_id: int):
    campaign = get_campaign_or_404(campaign_id, current_user)
    form = _campaign_form(campaign)
    if form.validate_on_submit():
        try:
            services.save_campaign(current_user, campaign, form.values())
        except ValidationFailed as error:
            apply_errors(form, error)
        else:
            db.session.commit()
            flash("Campaign saved.", "success")
            return redirect(url_for("campaigns.dashboard", campaign_id=campaign.id))
    return render_template("campaigns/campaign_form.html", form=form, campaign=campaign)


@bp.get("/<int:campaign_id>")
@permission_required("campaigns.view")
def dashboard(campaign_id: int):
    """The programme dashboard: balance across the pillars, cadence over the weeks, KPIs."""
    campaign = get_campaign_or_404(campaign_id, current_user)
    board = build_dashboard(campaign)
    recent = db.session.scalars(
        services.initiatives_query(current_user, campaign_id=campaign.id)
        .order_by(None)
        .order_by(Initiative.created_at.desc(), Initiative.id.desc())
        .limit(8)
    ).all()
    labels_ = [PILLAR_LABELS[p] for p in PILLARS]
    balance_chart = charts.bar(
        "Initiatives per pillar",
        labels_,
        {
            "Initiatives": [board.pillars[p].initiatives for p in PILLARS],
            "In progress": [board.pillars[p].active for p in PILLARS],
            "Two-way": [board.pillars[p].two_way for p in PILLARS],
        },
        counts=True,
        width=560,
        height=300,
    )
    spend_chart = charts.bar(
        "Budget and spend per pillar",
        labels_,
        {
            "Budget": [float(board.pillars[p].budget) for p in PILLARS],
            "Actual cost": [float(board.pillars[p].actual_cost) for p in PILLARS],
        },
        width=560,
        height=300,
    )
    return render_template(
        "campaigns/dashboard.html",
        campaign=campaign,
        board=board,
        balance_chart=balance_chart,
        spend_chart=spend_chart,
        strip_rows=[("all", "All pillars"), *((p, PILLAR_LABELS[p]) for p in PILLARS)],
        recent=recent,
    )


@bp.get("/<int:campaign_id>/timeline")
def timeline(campaign_id: int):
    """The campaign's year, one lane per pillar: every employee may look."""
    campaign = get_campaign_or_404(campaign_id, current_user)
    items = db.session.scalars(
        services.initiatives_query(current_user, campaign_id=campaign.id).where(
            Initiative.status != "cancelled"
        )
    ).all()
    return render_template(
        "campaigns/timeline.html",
        campaign=campaign,
        timeline=layout(campaign.start_date, campaign.end_date, list(items), clock.today()),
        campaigns=services.campaign_choices(),
    )


@bp.get("/timeline")
def current_timeline():
    """The timeline of the campaign running today (or the latest one)."""
    today = clock.today()
    campaign = db.session.scalar(
        select(Campaign)
        .order_by(
            ((Campaign.start_date <= today) & (Campaign.end_date >= today)).desc(),
            Campaign.start_date.desc(),
        )
        .limit(1)
    )
    if campaign is None:
        return render_template("campaigns/no_campaign.html")
    return redirect(url_for("campaigns.timeline", campaign_id=campaign.id))


def _plan_rows(campaign: Campaign) -> list[Initiative]:
    return list(
        db.session.scalars(
            select(Initiative)
            .options(
                joinedload(Initiative.owner),
                joinedload(Initiative.approver),
                selectinload(Initiative.rollouts).joinedload(Rollout.team),
            )
            .where(Initiative.campaign_id == campaign.id, Initiative.status != "cancelled")
            .order_by(Initiative.pillar, Initiative.start_date, Initiative.id)
        )
    )


@bp.get("/<int:campaign_id>/communication-plan")
@permission_required("campaigns.view")
def communication_plan(campaign_id: int):
    """The seven elements of the communication plan, initiative by initiative."""
    campaign = get_campaign_or_404(campaign_id, current_user)
    return render_template(
        "campaigns/communication_plan.html", campaign=campaign, rows=_plan_rows(campaign)
    )


PLAN_COLUMNS = (
    "initiative",
    "pillar",
    "status",
    "start",
    "end",
    "sender",
    "audience",
    "audience_teams",
    "trigger_or_content",
    "channel",
    "tools",
    "frequency",
    "approval",
    "approver",
    "two_way",
)


@bp.get("/<int:campaign_id>/communication-plan.csv")
@permission_required("campaigns.view")
def communication_plan_csv(campaign_id: int):
    campaign = get_campaign_or_404(campaign_id, current_user)
    rows = _plan_rows(campaign)

    def lines():
        yield csv_line(PLAN_COLUMNS)
        for item in rows:
            yield csv_line(
                [
                    item.title,
                    PILLAR_LABELS[item.pillar],
                    STATUS_LABELS[item.status],
                    item.start_date.isoformat(),
                    item.end_date.isoformat(),
                    item.sender,
                    item.audience,
                    "; ".join(r.team.name for r in item.rollouts),
                    item.trigger,
                    item.channel,
                    item.tools,
                    FREQUENCY_LABELS[item.frequency],
                    APPROVAL_LABELS[item.approval_state],
                    item.approver.name if item.approver else "",
                    "yes" if item.two_way else "no",
                ]
            )

    filename = f"communication-plan-{campaign.id}.csv"
    return Response(
        stream_with_context(lines()),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


# -- initiatives ----------------------------------------------------------------------------


@bp.get("/initiatives")
def initiatives():
    """Every initiative the person may read, filtered and paginated on the server."""
    filters = InitiativeFilterForm(request.args)
    filters.campaign.set_options(services.campaign_choices())
    filters.team.set_options(active_team_choices())
    valid = filters.validate()
    query = services.initiatives_query(
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
    form.campaign_id.set_options(services.campaign_choices())
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
    form = _initiative_form(**defaults)
    if request.method == "GET" and request.args.get("template") in TEMPLATES:
        form.audience_team_ids.data = []
    if form.validate_on_submit():
        try:
            initiative = services.create_initiative(current_user, form.values())
        except ValidationFailed as error:
            apply_errors(form, error)
        else:
            db.session.commit()
            flash(f"“{initiative.title}” is planned.", "success")
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
    if form.validate_on_submit():
        try:
            services.update_initiative(current_user, initiative, form.values())
        except ValidationFailed as error:
            apply_errors(form, error)
        except Conflict as error:
            form.form_errors.append(error.message)
        else:
            db.session.commit()
            flash("Initiative saved.", "success")
            return redirect(url_for("campaigns.initiative", initiative_id=initiative.id))
    return render_template(
        "campaigns/initiative_form.html",
        form=form,
        initiative=initiative,
        templates={},
        chosen=None,
    )


def _render_initiative(initiative, progress_form=None, approval_form=None, decision_form=None):
    return render_template(
        "campaigns/initiative.html",
        initiative=initiative,
        rollout=services.rollout_progress(initiative),
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
    if form.validate_on_submit():
        try:
            services.update_initiative(current_user, item, form.values())
        except ValidationFailed as error:
            apply_errors(form, error)
        else:
            db.session.commit()
            flash("Progress updated.", "success")
            return redirect(url_for("campaigns.initiative", initiative_id=item.id))
    return _render_initiative(item, progress_form=form), 422


@bp.post("/initiatives/<int:initiative_id>/approval")
@permission_required("campaigns.plan")
def request_approval(initiative_id: int):
    item = get_initiative_or_404(initiative_id, current_user)
    form = ApprovalRequestForm()
    if form.validate_on_submit():
        try:
            services.request_approval(current_user, item, form.approver_id.data)
        except ValidationFailed as error:
            apply_errors(form, error)
        except Conflict as error:
            form.form_errors.append(error.message)
        else:
            db.session.commit()
            flash(f"{item.approver.name} is asked to approve.", "success")
            return redirect(url_for("campaigns.initiative", initiative_id=item.id))
    return _render_initiative(item, approval_form=form), 422


@bp.post("/initiatives/<int:initiative_id>/decision")
def decide_approval(initiative_id: int):
    """The named approver approves or rejects; the service refuses anyone else."""
    item = get_initiative_or_404(initiative_id, current_user)
    form = ApprovalDecisionForm()
    if form.validate_on_submit():
        try:
            services.decide_approval(current_user, item, bool(form.approve.data), form.comment.data)
        except ValidationFailed as error:
            apply_errors(form, error)
        except Conflict as error:
            flash(error.message, "warning")
            return redirect(url_for("campaigns.initiative", initiative_id=item.id))
        else:
            db.session.commit()
            flash("Your decision is recorded.", "success")
            return redirect(url_for("campaigns.initiative", initiative_id=item.id))
    return _render_initiative(item, decision_form=form), 422


# -- the cascade ----------------------------------------------------------------------------


@bp.get("/rollout")
@permission_required("rollout.view_own")
def my_rollout():
    """My team's rollout: what the plan asks of the teams I manage, and how far we are."""
    rows = services.rollouts_for_manager(current_user)
    forms = {row.id: RolloutForm(obj=row, prefix=f"r{row.id}") for row in rows}
    return render_template("campaigns/my_rollout.html", rows=rows, forms=forms)


@bp.post("/rollout/<int:rollout_id>")
def update_rollout(rollout_id: int):
    rollout = get_rollout_or_404(rollout_id, current_user)
    form = RolloutForm(prefix=f"r{rollout.id}")
    if form.validate_on_submit():
        try:
            services.update_rollout(current_user, rollout, form.status.data, form.note.data)
        except ValidationFailed as error:
            flash(" ".join(p for problems in error.fields.values() for p in problems), "danger")
        else:
            db.session.commit()
            flash(f"Rollout in {rollout.team.name} updated.", "success")
    else:
        flash("Choose a status.", "danger")
    return redirect(url_for("campaigns.my_rollout"))
