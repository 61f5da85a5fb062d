"""Pages of the pulse: rounds (HR), answering (the invited), results (HR and managers)."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from eximpact import audit
from eximpact.access import can, permission_required
from eximpact.extensions import db
from eximpact.forms import ConfirmForm, save_on_submit, select_choices
from eximpact.org.services import active_team_choices
from eximpact.pulse import (
    loaders,
    permissions,  # noqa: F401  (registers the pulse rules)
)
from eximpact.pulse.disclosure import STATUS_MESSAGES
from eximpact.pulse.exports import headline_chart, results_csv, results_xlsx
from eximpact.pulse.forms import RoundForm
from eximpact.pulse.items import (
    BAND_LABELS,
    ENPS_ITEM,
    KIND_LABELS,
    WEAK_BELOW,
    items_for,
)
from eximpact.pulse.models import CLOSED, DRAFT, OPEN, STATUS_LABELS
from eximpact.pulse.services import answers, results, rounds
from eximpact.validation import Conflict

bp = Blueprint("pulse", __name__, url_prefix="/pulse")


@bp.get("/")
def index():
    """Everyone: their open invitations. HR and managers: the rounds they may see."""
    may_see_rounds = can(current_user, "pulse.results")
    return render_template(
        "pulse/index.html",
        invitations=answers.invitations_for(current_user),
        rounds=rounds.rounds_for(current_user) if may_see_rounds else [],
        may_see_rounds=may_see_rounds,
        kinds=KIND_LABELS,
        statuses=STATUS_LABELS,
    )


def _round_form(round_=None) -> RoundForm:
    form = RoundForm(obj=round_)
    form.team_ids.choices = select_choices(active_team_choices())
    if round_ is not None and request.method == "GET":
        form.team_ids.data = round_.team_ids
    return form


@bp.route("/rounds/new", methods=["GET", "POST"])
@permission_required("pulse.manage")
def new_round():
    form = _round_form()
    round_ = save_on_submit(form, lambda: rounds.create_round(current_user, form.values()))
    if round_ is not None:
        flash(f"“{round_.title}” is saved as a draft. Open it when you are ready.", "success")
        return redirect(url_for("pulse.round_detail", round_id=round_.id))
    return render_template("pulse/round_form.html", form=form, round=None), (
        422 if form.errors or form.form_errors else 200
    )


@bp.route("/rounds/<int:round_id>/edit", methods=["GET", "POST"])
@permission_required("pulse.manage")
def edit_round(round_id: int):
    round_ = loaders.get_round_or_404(round_id)
    form = _round_form(round_)
    if save_on_submit(form, lambda: rounds.update_round(current_user, round_, form.values())):
        flash("Round saved.", "success")
        return redirect(url_for("pulse.round_detail", round_id=round_.id))
    return render_template("pulse/round_form.html", form=form, round=round_), (
        422 if form.errors or form.form_errors else 200
    )


@bp.get("/rounds/<int:round_id>")
@permission_required("pulse.results")
def round_detail(round_id: int):
    round_ = loaders.get_round_or_404(round_id, current_user)
    return render_template(
        "pulse/round.html",
        round=round_,
        invited=rounds.invited_count(round_.id),
        kinds=KIND_LABELS,
        statuses=STATUS_LABELS,
        items=items_for(round_.kind),
        enps_item=ENPS_ITEM,
        confirm=ConfirmForm(),
        events=audit.events_for("pulse_round", round_.id),
        DRAFT=DRAFT,
        OPEN=OPEN,
        CLOSED=CLOSED,
    )


def _state_change(round_id: int, change, done: str):
    round_ = loaders.get_round_or_404(round_id)
    if save_on_submit(
        ConfirmForm(),
        lambda: change(current_user, round_),
        failure=lambda refusal: flash(refusal.message, "danger"),
    ):
        flash(done, "success")
    return redirect(url_for("pulse.round_detail", round_id=round_id))


@bp.post("/rounds/<int:round_id>/open")
@permission_required("pulse.manage")
def open_round(round_id: int):
    return _state_change(round_id, rounds.open_round, "The round is open; invitations are queued.")


@bp.post("/rounds/<int:round_id>/close")
@permission_required("pulse.manage")
def close_round(round_id: int):
    return _state_change(round_id, rounds.close_round, "The round is closed; results are ready.")


def _answers_from_form(round_) -> tuple[dict, str | None]:
    """The posted radios as numbers; anything else is passed on for the service to refuse."""
    keys = [item.key for item in items_for(round_.kind)] + [ENPS_ITEM.key]
    posted = {}
    for key in keys:
        raw = request.form.get(key, "")
        if raw == "":
            continue
        posted[key] = int(raw) if raw.lstrip("-").isdigit() and len(raw) < 6 else raw
    return posted, request.form.get("comment")


@bp.route("/rounds/<int:round_id>/answer", methods=["GET", "POST"])
def answer(round_id: int):
    """One page, under a minute: invited people only (403), once (409)."""
    round_ = loaders.get_round_or_404(round_id)
    try:
        answers.check_can_answer(current_user, round_)
    except Conflict as error:
        return render_template("pulse/answered.html", round=round_, message=error.message), 409
    form = ConfirmForm()
    posted, comment = _answers_from_form(round_) if form.is_submitted() else ({}, None)
    errors = {}  # the answers are radios, not form fields: their problems are kept here
    if save_on_submit(
        form,
        lambda: answers.answer(current_user, round_, posted, comment),
        failure=lambda refusal: errors.update(getattr(refusal, "fields", {})),
    ):
        flash("Thank you: your answer is in, without your name.", "success")
        return redirect(url_for("main.index"))
    if isinstance(form.refusal, Conflict):  # answered meanwhile, or the round closed
        message = form.refusal.message
        return render_template("pulse/answered.html", round=round_, message=message), 409
    return render_template(
        "pulse/answer.html",
        round=round_,
        items=items_for(round_.kind),
        enps_item=ENPS_ITEM if round_.enps and round_.kind == "engagement" else None,
        form=form,
        posted=posted,
        comment=comment or "",
        errors=errors,
    ), (422 if errors else 200)


@bp.get("/answer/<token>")
def answer_link(token: str):
    """The e-mailed link: it works only for the person it was sent to."""
    round_ = answers.round_for_token(current_user, token[:100])
    return redirect(url_for("pulse.answer", round_id=round_.id))


def _closed_results(round_id: int, output: str):
    round_ = loaders.get_round_or_404(round_id, current_user)
    try:
        data = results.round_results(round_, current_user, output=output)
    except Conflict as error:
        abort(409, error.message)
    return round_, data


@bp.get("/rounds/<int:round_id>/results")
@permission_required("pulse.results")
def results_page(round_id: int):
    round_, data = _closed_results(round_id, "page")
    comments = results.round_comments(round_, current_user) if round_.comments else None
    db.session.commit()  # the audit of this viewing
    return render_template(
        "pulse/results.html",
        round=round_,
        data=data,
        chart=headline_chart(data),
        comments=comments,
        items=items_for(round_.kind),
        band_labels=BAND_LABELS,
        messages=STATUS_MESSAGES,
        weak_below=WEAK_BELOW[round_.kind],
        may_plan=can(current_user, "campaigns.plan"),
        kinds=KIND_LABELS,
    )


@bp.get("/rounds/<int:round_id>/results.csv")
@permission_required("pulse.results")
def results_download(round_id: int):
    round_, data = _closed_results(round_id, "csv")
    db.session.commit()
    return Response(
        results_csv(data),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="pulse-round-{round_.id}.csv"'},
    )


@bp.get("/rounds/<int:round_id>/results.xlsx")
@permission_required("pulse.results")
def results_workbook(round_id: int):
    round_, data = _closed_results(round_id, "xlsx")
    db.session.commit()
    return Response(
        results_xlsx(data),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="pulse-round-{round_.id}.xlsx"'},
    )
