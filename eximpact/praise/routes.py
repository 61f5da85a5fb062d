"""Pages for customer praise and outreach: thin views over `services` and `outreach`."""

from datetime import timedelta

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_login import current_user

from eximpact import audit, charts, clock
from eximpact.access import can, permission_required
from eximpact.forms import save_on_submit
from eximpact.imports import import_page
from eximpact.org.services import active_people_choices, active_team_choices, subtree_team_ids
from eximpact.pagination import paginate
from eximpact.praise import permissions  # noqa: F401  (registers the praise rules)
from eximpact.praise.forms import OutreachForm, PraiseForm, PraiseImportForm
from eximpact.praise.loaders import get_outreach_or_404, get_praise_or_404
from eximpact.praise.models import OUTREACH_DONE, SOURCE_LABELS, SOURCES
from eximpact.praise.services import outreach as outreach_services
from eximpact.praise.services import recording
from eximpact.praise.services.importer import PRAISE_FILE, TEMPLATE, import_praise
from eximpact.security import large_upload

bp = Blueprint("praise", __name__, url_prefix="/praise")

REPORT_DAYS = 90
CHART_TEAMS = 15  # a chart of hundreds of teams helps nobody; the table lists them all


@bp.get("/")
def index():
    """All praise, newest first, filterable by team, person and source."""
    team_id = request.args.get("team", type=int)
    person_id = request.args.get("person", type=int)
    source = request.args.get("source") if request.args.get("source") in SOURCES else None
    query = recording.praise_query(
        person_id=person_id,
        team_ids=subtree_team_ids(team_id) if team_id else None,
        source=source,
    )
    return render_template(
        "praise/index.html",
        results=paginate(query),
        teams=active_team_choices(),
        team_id=team_id,
        person_id=person_id,
        source=source,
        sources=SOURCE_LABELS,
    )


def _praise_form() -> PraiseForm:
    form = PraiseForm()
    form.employee_ids.choices = active_people_choices()
    if request.method == "GET":
        form.received_at.data = clock.today()
        if person_id := request.args.get("person", type=int):
            form.employee_ids.data = [person_id]
    return form


def _record(form):
    data = recording.PraiseInput(
        source=form.source.data,
        text=form.text.data,
        received_at=form.received_at.data,
        employee_ids=form.employee_ids.data,
        nps=form.nps.data,
        engagement_level=form.engagement_level.data,
        emotion=form.emotion.data,
        customer_ref=form.customer_ref.data,
    )
    return recording.record_praise(current_user, data, intake="form")[0]


@bp.route("/new", methods=["GET", "POST"])
def new():
    """Any employee logs praise, for anyone: a customer's e-mail, a call, a review."""
    form = _praise_form()
    if praise := save_on_submit(form, lambda: _record(form)):
        flash("Praise logged. The praised people's leaders are asked to follow up.", "success")
        return redirect(url_for("praise.detail", praise_id=praise.id))
    return render_template("praise/form.html", form=form), 422 if form.errors else 200


@bp.get("/<int:praise_id>")
def detail(praise_id: int):
    praise = get_praise_or_404(praise_id, current_user)
    return render_template(
        "praise/detail.html",
        praise=praise,
        today=clock.today(),
        events=audit.events_for("praise", praise.id),
    )


@bp.route("/import", methods=["GET", "POST"])
@large_upload
@permission_required("praise.import")
def import_csv():
    """Upload praise; nothing is stored unless every row is good, and a re-upload adds nothing."""
    form = PraiseImportForm()
    return import_page(
        form,
        "praise/import.html",
        {PRAISE_FILE: form.praise_file},
        lambda texts: import_praise(current_user, texts[PRAISE_FILE]),
    )


@bp.get("/import/template.csv")
@permission_required("praise.import")
def import_template():
    return Response(
        TEMPLATE,
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=praise-template.csv"},
    )


@bp.get("/outreach")
def my_outreach():
    """The signed-in leader's follow-ups: overdue first, then open, then recently done."""
    today = clock.today()
    state = request.args.get("state")
    if state not in outreach_services.STATES:
        state = None
    query = outreach_services.outreach_query(on=today, leader_id=current_user.id, state=state)
    return render_template(
        "praise/my_outreach.html",
        results=paginate(query),
        state=state,
        counts=outreach_services.state_counts(current_user.id, today),
        share=outreach_services.on_time_share(
            today - timedelta(days=REPORT_DAYS), today, on=today, leader_id=current_user.id
        ),
        today=today,
        report_days=REPORT_DAYS,
    )


@bp.route("/outreach/<int:outreach_id>", methods=["GET", "POST"])
def complete_outreach(outreach_id: int):
    """Record the note, call or visit (the assigned leader, or HR)."""
    item = get_outreach_or_404(outreach_id, current_user)
    form = OutreachForm()
    if item.status == OUTREACH_DONE:
        form = None
    elif save_on_submit(
        form,
        lambda: outreach_services.complete_outreach(
            current_user, item, form.kind.data, form.note.data
        ),
    ):
        flash(f"Follow-up with {item.employee.name} recorded. Thank you!", "success")
        return redirect(url_for("praise.detail", praise_id=item.praise_id))
    return render_template(
        "praise/outreach_form.html",
        item=item,
        form=form,
        today=clock.today(),
        may_see_customer=can(current_user, "praise.see_customer_ref", item.praise),
    ), 422 if form is not None and form.errors else 200


@bp.get("/outreach/report")
@permission_required("outreach.report")
def outreach_report():
    """How much outreach was done on time, overall and per team, over the last 90 days."""
    today = clock.today()
    days = request.args.get("days", REPORT_DAYS, type=int)
    days = min(max(days, 7), 730)
    start = today - timedelta(days=days)
    overall = outreach_services.on_time_share(start, today, on=today)
    teams = outreach_services.on_time_share_by_team(start, today, on=today)
    # The chart shows the teams with the most follow-ups missed; the table lists them all.
    charted = sorted(teams, key=lambda row: (-(row.late + row.overdue), -row.due, row.label))
    charted = charted[:CHART_TEAMS]
    chart = charts.horizontal_bar(
        f"Follow-ups by team (the {len(charted)} with the most missed)"
        if len(teams) > CHART_TEAMS
        else "Follow-ups by team",
        [row.label for row in charted],
        {
            "On time": [row.on_time for row in charted],
            "Late": [row.late for row in charted],
            "Overdue": [row.overdue for row in charted],
        },
        height=max(220, 48 * len(charted) + 120),
    )
    return render_template(
        "praise/outreach_report.html",
        overall=overall,
        teams=teams,
        chart=chart if teams else None,
        days=days,
        start=start,
        today=today,
    )
