"""Nominating a colleague and reviewing nominations: thin views over `services.nominating`."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from eximpact import audit, clock
from eximpact.extensions import db
from eximpact.forms import ConfirmForm, form_status, save_on_submit
from eximpact.org.models import Person
from eximpact.org.services import active_people_choices
from eximpact.pagination import paginate
from eximpact.praise.services.recording import get_praise, praise_of
from eximpact.recognition import permissions
from eximpact.recognition.forms import AwardForm, DeclineForm, NominationForm
from eximpact.recognition.loaders import get_nomination_or_404
from eximpact.recognition.models import APPROVED, STATUS_LABELS, STATUSES, SUBMITTED, Nomination
from eximpact.recognition.routes import bp
from eximpact.recognition.services import nominating, nomination_queries
from eximpact.recognition.services.cycles import active_categories, open_cycles

VIEWS = {"review": "To review", "mine": "Nominated by me", "all": "All I can see"}


def _nomination_form(nominee: Person, praise_id: int | None) -> NominationForm:
    form = NominationForm()
    form.category_id.choices = [(c.id, c.name) for c in active_categories()]
    cycles = open_cycles(clock.today())
    form.cycle_id.choices = [(c.id, f"{c.name} (until {c.closes_on:%d %b})") for c in cycles]
    evidence = praise_of(nominee.id)
    if praise_id and praise_id not in {p.id for p in evidence}:
        # Nominating from an older praise: offer it too (the service checks it is theirs).
        older = get_praise(praise_id)
        if older is not None and nominee in older.employees:
            evidence.insert(0, older)
    form.praise_ids.choices = [(p.id, p.text) for p in evidence]
    form.evidence = {p.id: p for p in evidence}
    if request.method == "GET":
        form.nominee_id.data = str(nominee.id)
        if praise_id in form.evidence:
            form.praise_ids.data = [praise_id]
            received = form.evidence[praise_id].received_at
            form.reason.data = nominating.praise_opening(received)
            form.reason.render_kw = {**(form.reason.render_kw or {}), "data-caret-end": ""}
    return form


@bp.route("/nominate", methods=["GET", "POST"])
def nominate():
    """Nominate a colleague: first choose who, then say why (praise can be attached)."""
    nominee_id = request.values.get("nominee_id", type=int)
    nominee = db.session.get(Person, nominee_id) if nominee_id else None
    if nominee is None:
        people = [c for c in active_people_choices() if c[0] != current_user.id]
        return render_template("recognition/choose_nominee.html", people=people)
    form = _nomination_form(nominee, request.args.get("praise_id", type=int))
    if nomination := save_on_submit(
        form,
        lambda: nominating.nominate(
            current_user,
            nominee_id=nominee.id,
            category_id=form.category_id.data,
            cycle_id=form.cycle_id.data,
            reason=form.reason.data,
            praise_ids=form.praise_ids.data or [],
        ),
    ):
        flash(f"Your nomination of {nominee.name} is submitted for review.", "success")
        return redirect(url_for("recognition.nomination", nomination_id=nomination.id))
    return render_template("recognition/nominate.html", form=form, nominee=nominee), form_status(
        form
    )


@bp.get("/nominations")
def nominations():
    """Nominations to review, nominations I made, or all I may see."""
    view = request.args.get("view")
    if view not in VIEWS:
        view = "review" if nomination_queries.has_waiting_reviews(current_user) else "mine"
    status = request.args.get("status") if request.args.get("status") in STATUSES else None
    cycle_id = request.args.get("cycle", type=int)
    extra = None
    if view == "review":
        extra = permissions.reviewable_clause(current_user)
        if status is None:
            extra = extra & Nomination.status.in_((SUBMITTED, APPROVED))
    query = nomination_queries.nominations_query(
        current_user,
        status=status,
        cycle_id=cycle_id,
        nominator_id=current_user.id if view == "mine" else None,
        extra=extra,
    )
    results = paginate(query)
    reviewable = permissions.reviewable_ids(current_user, [n.id for n in results.items])
    flags = nomination_queries.nomination_flags([n for n in results.items if n.id in reviewable])
    return render_template(
        "recognition/nominations.html",
        results=results,
        flags=flags,
        reviewable=reviewable,
        view=view,
        views=VIEWS,
        status=status,
        statuses=STATUS_LABELS,
    )


def _visible_nomination(nomination_id: int) -> Nomination:
    nomination = get_nomination_or_404(nomination_id, current_user)
    return nomination


def _render_nomination(nomination, decline_form=None, award_form=None, status=200):
    reviewable = permissions.reviewable_ids(current_user, [nomination.id])
    flags = nomination_queries.nomination_flags([nomination]) if reviewable else {}
    award_form = award_form or AwardForm()
    if not award_form.reward.data:
        award_form.reward.render_kw = {"placeholder": nomination.category.reward}
    return render_template(
        "recognition/nomination.html",
        nomination=nomination,
        may_review=bool(reviewable),
        flags=flags.get(nomination.id, []),
        decline_form=decline_form or DeclineForm(),
        award_form=award_form,
        events=audit.events_for("nomination", nomination.id),
    ), status


@bp.get("/nominations/<int:nomination_id>")
def nomination(nomination_id: int):
    return _render_nomination(_visible_nomination(nomination_id))


def _reviewed(nomination_id: int) -> Nomination:
    """The nomination, for its reviewers only: the nominee's manager or HR (403 otherwise)."""
    nomination = get_nomination_or_404(nomination_id, current_user, to_review=True)
    return nomination


def _back(nomination: Nomination):
    return redirect(url_for("recognition.nomination", nomination_id=nomination.id))


@bp.post("/nominations/<int:nomination_id>/approve")
def approve(nomination_id: int):
    nomination = _reviewed(nomination_id)
    if save_on_submit(
        ConfirmForm(),
        lambda: nominating.approve(current_user, nomination),
        failure=lambda refusal: flash(refusal.message, "danger"),
    ):
        flash(f"Approved: {nomination.nominee.name} is on the recognition wall.", "success")
    return _back(nomination)


@bp.post("/nominations/<int:nomination_id>/decline")
def decline(nomination_id: int):
    nomination = _reviewed(nomination_id)
    form = DeclineForm()
    if save_on_submit(form, lambda: nominating.decline(current_user, nomination, form.reason.data)):
        flash("Declined. The nominator can see your reason.", "success")
        return _back(nomination)
    return _render_nomination(nomination, decline_form=form, status=form_status(form))


@bp.post("/nominations/<int:nomination_id>/award")
def award(nomination_id: int):
    nomination = _reviewed(nomination_id)
    form = AwardForm()
    # A Conflict (over budget, or someone else acted first) answers 409 above the form.
    if save_on_submit(
        form,
        lambda: nominating.award(
            current_user, nomination, form.reward.data, form.reward_value.data
        ),
    ):
        flash(f"Awarded: {nomination.nominee.name} receives {nomination.reward}.", "success")
        return _back(nomination)
    return _render_nomination(nomination, award_form=form, status=form_status(form))
