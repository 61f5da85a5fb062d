"""Campaign pages: the list, the form, the programme dashboard, the timeline and the
communication plan (with its CSV export)."""

from flask import (
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

from eximpact import charts, clock
from eximpact.access import permission_required
from eximpact.campaigns import permissions  # noqa: F401  (registers the rules)
from eximpact.campaigns.forms import (
    CampaignForm,
)
from eximpact.campaigns.loaders import (
    get_campaign_or_404,
)
from eximpact.campaigns.models import (
    APPROVAL_LABELS,
    CANCELLED,
    FREQUENCY_LABELS,
    PILLAR_LABELS,
    PILLARS,
    STATUS_LABELS,
    Campaign,
    Initiative,
    Rollout,
)
from eximpact.campaigns.routes import bp
from eximpact.campaigns.services import planning, queries
from eximpact.campaigns.services.dashboard import build_dashboard
from eximpact.campaigns.services.live_kpis import source_choices
from eximpact.campaigns.services.timeline import layout
from eximpact.csvio import csv_line
from eximpact.extensions import db
from eximpact.forms import save_on_submit
from eximpact.org.models import Person
from eximpact.pagination import paginate


@bp.get("/")
@permission_required("campaigns.view")
def index():
    results = paginate(queries.campaigns_query())
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
    chosen = [kpi.source for kpi in campaign.kpis] if campaign is not None else []
    form.offer_sources(source_choices(chosen + [entry.form.source.data for entry in form.kpis]))
    return form


@bp.route("/new", methods=["GET", "POST"])
@permission_required("campaigns.plan")
def new_campaign():
    form = _campaign_form()
    if request.method == "GET":
        form.owner_id.data = current_user.id
    if campaign := save_on_submit(
        form, lambda: planning.save_campaign(current_user, None, form.values())
    ):
        flash(f"Campaign “{campaign.name}” is created. Now plan its initiatives.", "success")
        return redirect(url_for("campaigns.dashboard", campaign_id=campaign.id))
    return render_template("campaigns/campaign_form.html", form=form, campaign=None)


@bp.route("/<int:campaign_id>/edit", methods=["GET", "POST"])
@permission_required("campaigns.plan")
def edit_campaign(campaign_id: int):
    campaign = get_campaign_or_404(campaign_id, current_user)
    form = _campaign_form(campaign)
    if save_on_submit(form, lambda: planning.save_campaign(current_user, campaign, form.values())):
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
        queries.initiatives_query(current_user, campaign_id=campaign.id)
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
    items = queries.timeline_rows(current_user, campaign.id)
    return render_template(
        "campaigns/timeline.html",
        campaign=campaign,
        timeline=layout(campaign.start_date, campaign.end_date, list(items), clock.today()),
        campaigns=queries.campaign_choices(),
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
            .where(Initiative.campaign_id == campaign.id, Initiative.status != CANCELLED)
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
    # Streamed in batches (a server-side cursor, rollouts loaded per batch): the first
    # bytes leave before the last initiative is read, and memory stays flat.
    query = (
        select(Initiative)
        .options(
            joinedload(Initiative.approver).lazyload(Person.role_rows),
            selectinload(Initiative.rollouts).joinedload(Rollout.team),
        )
        .where(Initiative.campaign_id == campaign.id, Initiative.status != CANCELLED)
        .order_by(Initiative.pillar, Initiative.start_date, Initiative.id)
        .execution_options(yield_per=500)
    )

    def lines():
        yield csv_line(PLAN_COLUMNS)
        for item in db.session.scalars(query):
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
