"""Pages of the maturity self-assessment (HR and managers)."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from eximpact import charts
from eximpact.access import permission_required
from eximpact.campaigns.models import PILLAR_LABELS, PILLARS
from eximpact.forms import ConfirmForm, save_on_submit
from eximpact.maturity import (
    permissions,  # noqa: F401  (registers the maturity rules)
    services,
)
from eximpact.maturity.forms import posted_levels
from eximpact.maturity.loaders import get_assessment_or_404
from eximpact.maturity.questions import LABEL, QUESTIONS, STAGE_LABELS, STAGES, TEMKIN_2015

bp = Blueprint("maturity", __name__, url_prefix="/maturity")


def history_chart(history: list[dict]):
    """Bars per pillar, one group per assessment: how the ratings moved over time."""
    labels = [f"{h['created_at']:%d %b %Y} {h['rater']}" for h in history]
    series = {PILLAR_LABELS[p]: [h["pillars"][p]["score"] for h in history] for p in PILLARS}
    return charts.bar(
        "Maturity per pillar over time (1–5)",
        labels,
        series,
        colours=[charts.PILLAR_COLOURS[p] for p in PILLARS],
        range=(0, 5),
    )


@bp.get("/")
@permission_required("maturity.assess")
def index():
    history = services.history(current_user)
    latest = history[-1] if history else None
    return render_template(
        "maturity/index.html",
        history=history,
        latest=latest,
        chart=history_chart(history) if history else None,
        evidence=services.evidence(latest),
        templates=services.templates_for(latest["weakest"]) if latest else [],
        pillars=PILLARS,
        pillar_labels=PILLAR_LABELS,
        stage_labels=STAGE_LABELS,
        stages=STAGES,
        temkin=TEMKIN_2015,
        label=LABEL,
    )


@bp.route("/new", methods=["GET", "POST"])
@permission_required("maturity.assess")
def assess():
    form = ConfirmForm()
    errors = {}  # the answers are radios, not form fields: their problems are kept here
    posted = posted_levels() if form.is_submitted() else {}
    if assessment := save_on_submit(
        form,
        lambda: services.create_assessment(current_user, posted),
        failure=lambda refusal: errors.update(refusal.fields),
    ):
        flash("Assessment saved under your name.", "success")
        return redirect(url_for("maturity.assessment", assessment_id=assessment.id))
    return render_template(
        "maturity/assess.html",
        form=form,
        questions=QUESTIONS,
        pillars=PILLARS,
        pillar_labels=PILLAR_LABELS,
        stages=STAGES,
        stage_labels=STAGE_LABELS,
        posted=posted,
        errors=errors,
        label=LABEL,
    ), (422 if errors else 200)


@bp.get("/<int:assessment_id>")
@permission_required("maturity.assess")
def assessment(assessment_id: int):
    item = get_assessment_or_404(assessment_id)
    result = services.score(services.levels_of(item))
    return render_template(
        "maturity/assessment.html",
        item=item,
        result=result,
        evidence=services.evidence(result),
        templates=services.templates_for(result["weakest"]),
        low_templates={
            p: services.templates_for(p)
            for p in PILLARS
            if result["pillars"][p]["stage"] in ("damaging", "neglecting")
        },
        pillars=PILLARS,
        pillar_labels=PILLAR_LABELS,
        stage_labels=STAGE_LABELS,
        label=LABEL,
    )
