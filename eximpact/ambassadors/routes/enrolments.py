"""Enrolment pages: propose an ambassador, approve or decline, set the last day."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from eximpact import audit, clock
from eximpact.access import can, permission_required, require
from eximpact.ambassadors.forms import EndEnrolmentForm, EnrolmentForm
from eximpact.ambassadors.loaders import get_enrolment_or_404
from eximpact.ambassadors.models import ENROLMENT_LABELS, ENROLMENT_STATUSES, Enrolment
from eximpact.ambassadors.routes import bp
from eximpact.ambassadors.services import enrolments
from eximpact.extensions import db
from eximpact.forms import ConfirmForm, save_on_submit
from eximpact.org.models import HR, Person
from eximpact.pagination import paginate
from eximpact.validation import ValidationFailed


def _enrollable_people() -> list[tuple[int, str]]:
    """HR may enrol anyone active; a manager their direct reports."""
    query = select(Person.id, Person.name, Person.email).where(Person.active)
    if not current_user.has_role(HR):
        query = query.where(Person.manager_id == current_user.id)
    rows = db.session.execute(query.order_by(func.lower(Person.name)))
    return [(pid, f"{name} — {email}") for pid, name, email in rows]


@bp.get("/enrolments")
@permission_required("ambassadors.enrol")
def enrolments_list():
    status = request.args.get("status") or None
    if status not in ENROLMENT_STATUSES:
        status = None
    results = paginate(enrolments.enrolments_query(current_user, status))
    return render_template(
        "ambassadors/enrolments.html",
        results=results,
        status=status,
        labels=ENROLMENT_LABELS,
    )


@bp.route("/enrolments/new", methods=["GET", "POST"])
@permission_required("ambassadors.enrol")
def enrol():
    form = EnrolmentForm()
    form.person_id.set_options(_enrollable_people())
    if request.method == "GET" and (person_id := request.args.get("person", type=int)):
        form.person_id.data = person_id
    if enrolment := save_on_submit(form, lambda: _enrol(form)):
        flash(
            f"{enrolment.person.name} is proposed as a CX ambassador; approval is next.", "success"
        )
        return redirect(url_for("ambassadors.enrolment", enrolment_id=enrolment.id))
    return render_template("ambassadors/enrol.html", form=form)


def _enrol(form: EnrolmentForm) -> Enrolment:
    person = db.session.get(Person, form.person_id.data) if form.person_id.data else None
    if person is not None:
        require("ambassadors.enrol_person", person)
    percent = form.unit.data == "percent"
    try:
        return enrolments.enrol(
            current_user,
            person,
            start_date=form.start_date.data,
            end_date=form.end_date.data,
            hours=None if percent else form.allocation.data,
            percent=form.allocation.data if percent else None,
        )
    except ValidationFailed as error:
        _allocation_errors_to_field(error)
        raise


def _allocation_errors_to_field(error: ValidationFailed) -> None:
    """The service names hours and percent apart; the form has one allocation field."""
    for name in ("allocation_hours_per_week", "allocation_percent"):
        if name in error.fields:
            error.fields.setdefault("allocation", []).extend(error.fields.pop(name))


@bp.get("/enrolments/<int:enrolment_id>")
def enrolment(enrolment_id: int):
    enrolment = get_enrolment_or_404(enrolment_id, current_user)
    end_form = EndEnrolmentForm(end_date=enrolment.end_date or clock.today())
    return render_template(
        "ambassadors/enrolment.html",
        enrolment=enrolment,
        labels=ENROLMENT_LABELS,
        may_decide=can(current_user, "ambassadors.decide_enrolment", enrolment),
        end_form=end_form,
        events=audit.events_for("ambassador_enrolment", enrolment.id),
    )


def _decide(enrolment_id: int, approve: bool):
    enrolment = get_enrolment_or_404(enrolment_id, current_user)
    require("ambassadors.decide_enrolment", enrolment)
    if save_on_submit(
        ConfirmForm(),
        lambda: enrolments.decide_enrolment(current_user, enrolment, approve, clock.today()),
        failure=lambda refusal: flash(refusal.message, "warning"),
    ):
        flash(
            f"{enrolment.person.name} is a CX ambassador now."
            if approve
            else "The enrolment is declined.",
            "success",
        )
    return redirect(url_for("ambassadors.enrolment", enrolment_id=enrolment.id))


@bp.post("/enrolments/<int:enrolment_id>/approve")
def approve_enrolment(enrolment_id: int):
    return _decide(enrolment_id, True)


@bp.post("/enrolments/<int:enrolment_id>/decline")
def decline_enrolment(enrolment_id: int):
    return _decide(enrolment_id, False)


@bp.post("/enrolments/<int:enrolment_id>/end")
def end_enrolment(enrolment_id: int):
    enrolment = get_enrolment_or_404(enrolment_id, current_user)
    require("ambassadors.decide_enrolment", enrolment)
    form = EndEnrolmentForm()
    if save_on_submit(
        form,
        lambda: enrolments.end_enrolment(
            current_user, enrolment, form.end_date.data, clock.today()
        ),
        failure=lambda refusal: flash(refusal.message, "danger"),
    ):
        flash(f"The enrolment ends on {form.end_date.data:%d %b %Y}.", "success")
    elif not form.refusal:
        flash("Enter the last day as a date.", "danger")
    return redirect(url_for("ambassadors.enrolment", enrolment_id=enrolment.id))
