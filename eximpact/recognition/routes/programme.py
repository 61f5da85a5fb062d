"""The award programme's set-up pages: cycles and categories (HR edits, everyone reads).

A transparent programme says what is rewarded and how, so every employee may read
the categories, their rewards, the cycles and their winners.
"""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from eximpact import audit, clock
from eximpact.access import permission_required
from eximpact.extensions import db
from eximpact.forms import form_status, save_on_submit
from eximpact.pagination import paginate
from eximpact.recognition.forms import CategoryForm, CycleForm
from eximpact.recognition.loaders import get_category_or_404, get_cycle_or_404
from eximpact.recognition.models import (
    AWARDED,
    CADENCES,
    REWARD_KIND_LABELS,
    STATUS_LABELS,
    AwardCycle,
    Category,
    Nomination,
)
from eximpact.recognition.routes import bp
from eximpact.recognition.services import cycles as cycle_services
from eximpact.recognition.services import nomination_queries
from eximpact.recognition.services.wall import wall_query


@bp.get("/cycles")
def cycles():
    results = paginate(cycle_services.cycles_query())
    ids = [cycle.id for cycle in results.items]
    counts = dict(
        db.session.execute(
            select(Nomination.cycle_id, func.count())
            .where(Nomination.cycle_id.in_(ids))
            .group_by(Nomination.cycle_id)
        ).all()
    )
    return render_template(
        "recognition/cycles.html",
        results=results,
        counts=counts,
        used=cycle_services.budget_used(ids),
        today=clock.today(),
    )


@bp.get("/cycles/<int:cycle_id>")
def cycle(cycle_id: int):
    """A cycle's budget, its winners, and the nominations the viewer may see."""
    item = get_cycle_or_404(cycle_id, current_user)
    winners = db.session.scalars(
        wall_query().where(Nomination.cycle_id == item.id, Nomination.status == AWARDED)
    ).all()
    nominations = paginate(nomination_queries.nominations_query(current_user, cycle_id=item.id))
    return render_template(
        "recognition/cycle.html",
        cycle=item,
        winners=winners,
        results=nominations,
        counts=nomination_queries.status_counts(current_user, item.id),
        statuses=STATUS_LABELS,
        used=cycle_services.budget_used([item.id])[item.id],
        today=clock.today(),
    )


def _save_cycle(form: CycleForm, item: AwardCycle | None):
    return cycle_services.save_cycle(
        current_user,
        item,
        name=form.name.data,
        cadence=form.cadence.data,
        period_start=form.period_start.data,
        period_end=form.period_end.data,
        opens_on=form.opens_on.data,
        closes_on=form.closes_on.data,
        budget=form.budget.data,
    )


@bp.route("/cycles/new", methods=["GET", "POST"])
@permission_required("recognition.manage")
def new_cycle():
    cadence = request.args.get("cadence", "quarterly")
    if cadence not in CADENCES:
        cadence = "quarterly"
    suggested = cycle_services.suggested_cycle(cadence, clock.today())
    form = CycleForm(data={"cadence": cadence, **suggested})  # the request's form data wins
    if item := save_on_submit(form, lambda: _save_cycle(form, None)):
        flash(f"{item.name} is set up.", "success")
        return redirect(url_for("recognition.cycle", cycle_id=item.id))
    return render_template("recognition/cycle_form.html", form=form, cycle=None), (
        form_status(form)
    )


@bp.route("/cycles/<int:cycle_id>/edit", methods=["GET", "POST"])
@permission_required("recognition.manage")
def edit_cycle(cycle_id: int):
    item = get_cycle_or_404(cycle_id, current_user)
    form = CycleForm(obj=item)
    if save_on_submit(form, lambda: _save_cycle(form, item)):
        flash(f"{item.name} is updated.", "success")
        return redirect(url_for("recognition.cycle", cycle_id=item.id))
    return render_template(
        "recognition/cycle_form.html",
        form=form,
        cycle=item,
        events=audit.events_for("award_cycle", item.id),
    ), form_status(form)


@bp.get("/categories")
def categories():
    return render_template(
        "recognition/categories.html",
        categories=cycle_services.all_categories(),
        kinds=REWARD_KIND_LABELS,
    )


def _save_category(form: CategoryForm, item: Category | None) -> Category:
    return cycle_services.save_category(
        current_user,
        item,
        name=form.name.data,
        description=form.description.data,
        reward_kind=form.reward_kind.data,
        reward=form.reward.data,
        reward_value=form.reward_value.data,
        active=form.active.data,
        company_value=form.company_value.data,
    )


@bp.route("/categories/new", methods=["GET", "POST"])
@permission_required("recognition.manage")
def new_category():
    form = CategoryForm()
    if item := save_on_submit(form, lambda: _save_category(form, None)):
        flash(f"Category {item.name} is added.", "success")
        return redirect(url_for("recognition.categories"))
    return render_template("recognition/category_form.html", form=form, category=None), (
        form_status(form)
    )


@bp.route("/categories/<int:category_id>/edit", methods=["GET", "POST"])
@permission_required("recognition.manage")
def edit_category(category_id: int):
    item = get_category_or_404(category_id, current_user)
    form = CategoryForm(obj=item)
    if save_on_submit(form, lambda: _save_category(form, item)):
        flash(f"Category {item.name} is updated.", "success")
        return redirect(url_for("recognition.categories"))
    return render_template("recognition/category_form.html", form=form, category=item), (
        form_status(form)
    )
