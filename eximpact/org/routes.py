"""Admin pages for people and teams (admin; HR for people) and the CSV import."""

from flask import (
    Blueprint,
    Response,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from eximpact import audit
from eximpact.access import can, permission_required
from eximpact.auth.password_links import send_password_link
from eximpact.forms import ConfirmForm, form_status, save_on_submit
from eximpact.imports import import_page
from eximpact.org import services
from eximpact.org.forms import ImportForm, PersonForm, TeamForm
from eximpact.org.importer import PEOPLE_FILE, TEAMS_FILE, import_org
from eximpact.org.loaders import get_person_or_404, get_team_or_404
from eximpact.org.models import ADMIN, Person, Team
from eximpact.pagination import paginate
from eximpact.security import large_upload
from eximpact.validation import Conflict

bp = Blueprint("org", __name__, url_prefix="/org")

TEMPLATES = {
    "teams": "name,parent,manager_email\nCustomer Care,,\nCare North,Customer Care,\n",
    "people": (
        "name,email,team,manager_email,roles,active\n"
        "Ada Lovelace,ada@example.com,Customer Care,,manager,yes\n"
        "Grace Hopper,grace@example.com,Care North,ada@example.com,ambassador,yes\n"
    ),
}


def _confirmed_change(change, success: str, failure: str = "") -> None:
    """Run a status change posted by a confirm button, commit it, and say what happened."""
    if save_on_submit(
        ConfirmForm(), change, failure=lambda refusal: flash(failure + refusal.message, "danger")
    ):
        flash(success, "success")


def _person_form(person: Person | None = None) -> PersonForm:
    form = PersonForm(obj=person)
    if person is not None and request.method == "GET":
        form.roles.data = sorted(set(person.extra_roles))
    form.team_id.set_options(services.active_team_choices())
    if not can(current_user, "roles.grant_admin"):
        # HR sees the admin box only as a fact, never as a lever.
        form.roles.choices = [c for c in form.roles.choices if c.value != ADMIN]
    return form


def _submitted_roles(form: PersonForm, person: Person | None) -> set[str]:
    roles = set(form.roles.data or [])
    if not can(current_user, "roles.grant_admin") and person is not None and ADMIN in person.roles:
        roles.add(ADMIN)  # the box was not offered, so its state is unchanged
    return roles


@bp.get("/people/lookup")
def lookup_people():
    """Suggestions for person pickers: any signed-in employee may look colleagues up."""
    matches = services.lookup_people(request.args.get("q", ""))
    return jsonify(
        items=[
            {"id": p.id, "label": f"{p.name} <{p.email}>", "team": p.team.name if p.team else None}
            for p in matches
        ]
    )


@bp.get("/people")
@permission_required("people.manage")
def people():
    """Everyone, searchable by name or e-mail and filterable by team."""
    status = request.args.get("status", "active")
    team_id = request.args.get("team", type=int)
    query = services.people_query(request.args.get("q"), team_id, status)
    results = paginate(query)
    return render_template(
        "org/people.html",
        results=results,
        teams=services.active_team_choices(),
        status=status,
        team_id=team_id,
    )


@bp.route("/people/new", methods=["GET", "POST"])
@permission_required("people.manage")
def new_person():
    form = _person_form()
    if person := save_on_submit(form, lambda: _save_person(form, None)):
        flash(f"{person.name} was added.", "success")
        return redirect(url_for("org.people"))
    return render_template("org/person_form.html", form=form, person=None), form_status(form)


def _save_person(form: PersonForm, person: Person | None) -> Person:
    return services.save_person(
        current_user,
        person,
        name=form.name.data,
        email=form.email.data,
        team_id=form.team_id.data,
        manager_id=form.manager_id.data,
        roles=_submitted_roles(form, person),
        password=form.password.data or None,
    )


@bp.route("/people/<int:person_id>/edit", methods=["GET", "POST"])
@permission_required("people.manage")
def edit_person(person_id: int):
    person = get_person_or_404(person_id, current_user)
    form = _person_form(person)
    if save_on_submit(form, lambda: _save_person(form, person)):
        flash(f"{person.name} was updated.", "success")
        return redirect(url_for("org.people"))
    return render_template(
        "org/person_form.html",
        form=form,
        person=person,
        events=audit.events_for("person", person.id),
    ), form_status(form)


@bp.post("/people/<int:person_id>/deactivate")
@permission_required("people.manage")
def deactivate_person(person_id: int):
    person = get_person_or_404(person_id, current_user)
    _confirmed_change(
        lambda: services.deactivate_person(current_user, person),
        f"{person.name} is deactivated and signed out everywhere.",
    )
    return redirect(url_for("org.edit_person", person_id=person.id))


@bp.post("/people/<int:person_id>/invite")
@permission_required("people.manage")
def invite_person(person_id: int):
    """E-mail a link to set a password: an invitation, or a fresh start for a lost one."""
    person = get_person_or_404(person_id, current_user)
    if save_on_submit(
        ConfirmForm(),
        lambda: _send_link(person),
        failure=lambda refusal: flash(refusal.message, "warning"),
    ):
        flash(f"A link to set a password is on its way to {person.email}.", "success")
    return redirect(url_for("org.edit_person", person_id=person.id))


def _send_link(person: Person) -> None:
    if not person.active:
        raise Conflict("Reactivate the person first.")
    send_password_link(person, invitation=person.password_hash is None)
    audit.record("person", person.id, "password_link_sent", current_user)


@bp.post("/people/<int:person_id>/reactivate")
@permission_required("people.manage")
def reactivate_person(person_id: int):
    person = get_person_or_404(person_id, current_user)
    _confirmed_change(
        lambda: services.reactivate_person(current_user, person), f"{person.name} is active again."
    )
    return redirect(url_for("org.edit_person", person_id=person.id))


def _team_form(team: Team | None = None) -> TeamForm:
    form = TeamForm(obj=team)
    form.parent_id.set_options(
        choice for choice in services.active_team_choices() if team is None or choice[0] != team.id
    )
    return form


@bp.get("/teams")
@permission_required("teams.manage")
def teams():
    status = request.args.get("status", "active")
    results = paginate(services.teams_query(request.args.get("q"), status))
    counts = services.team_member_counts([team.id for team in results.items])
    return render_template(
        "org/teams.html",
        results=results,
        counts=counts,
        status=status,
    )


@bp.route("/teams/new", methods=["GET", "POST"])
@permission_required("teams.manage")
def new_team():
    form = _team_form()
    if team := save_on_submit(form, lambda: _save_team(form, None)):
        flash(f"Team {team.name} was added.", "success")
        return redirect(url_for("org.teams"))
    return render_template("org/team_form.html", form=form, team=None), form_status(form)


def _save_team(form: TeamForm, team: Team | None) -> Team:
    return services.save_team(
        current_user,
        team,
        name=form.name.data,
        manager_id=form.manager_id.data,
        parent_id=form.parent_id.data,
    )


@bp.route("/teams/<int:team_id>/edit", methods=["GET", "POST"])
@permission_required("teams.manage")
def edit_team(team_id: int):
    team = get_team_or_404(team_id, current_user)
    form = _team_form(team)
    if save_on_submit(form, lambda: _save_team(form, team)):
        flash(f"Team {team.name} was updated.", "success")
        return redirect(url_for("org.teams"))
    return render_template(
        "org/team_form.html",
        form=form,
        team=team,
        events=audit.events_for("team", team.id),
    ), form_status(form)


@bp.post("/teams/<int:team_id>/deactivate")
@permission_required("teams.manage")
def deactivate_team(team_id: int):
    team = get_team_or_404(team_id, current_user)
    _confirmed_change(
        lambda: services.deactivate_team(current_user, team),
        f"Team {team.name} is retired.",
        failure=f"{team.name} cannot be retired yet: ",
    )
    return redirect(url_for("org.edit_team", team_id=team.id))


@bp.post("/teams/<int:team_id>/reactivate")
@permission_required("teams.manage")
def reactivate_team(team_id: int):
    team = get_team_or_404(team_id, current_user)
    _confirmed_change(
        lambda: services.reactivate_team(current_user, team), f"Team {team.name} is active again."
    )
    return redirect(url_for("org.edit_team", team_id=team.id))


@bp.route("/import", methods=["GET", "POST"])
@large_upload
@permission_required("people.manage")
def import_csv():
    """Upload teams and/or people; nothing is stored unless every row of both files is good.

    Everyone the import adds is sent an invitation to choose a password.
    """
    form = ImportForm()
    return import_page(
        form,
        "org/import.html",
        {TEAMS_FILE: form.teams_file, PEOPLE_FILE: form.people_file},
        lambda texts: import_org(
            current_user, texts.get(TEAMS_FILE), texts.get(PEOPLE_FILE), invite=True
        ),
        check=_import_check,
    )


def _import_check(chosen: set[str]) -> str | None:
    if TEAMS_FILE in chosen and not can(current_user, "teams.manage"):
        return "Only an admin can import teams."
    if not chosen:
        return "Choose a teams file, a people file, or both."
    return None


@bp.get("/import/<any(teams, people):kind>-template.csv")
@permission_required("people.manage")
def import_template(kind: str):
    return Response(
        TEMPLATES[kind],
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename={kind}-template.csv"},
    )
