"""CX project pages: the list, a project with its budget and contributors, create and edit."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from eximpact import audit
from eximpact.access import permission_required
from eximpact.ambassadors.forms import ProjectForm
from eximpact.ambassadors.loaders import get_project_or_404
from eximpact.ambassadors.models import PROJECT_LABELS, PROJECT_STATUSES, CxProject
from eximpact.ambassadors.routes import bp
from eximpact.ambassadors.services import projects as services
from eximpact.campaigns.models import PILLAR_LABELS, Campaign, Initiative
from eximpact.extensions import db
from eximpact.forms import save_on_submit
from eximpact.org.services import active_people_choices
from eximpact.pagination import paginate


def _initiative_choices(keep_id: int | None = None) -> list[tuple[int, str]]:
    """Initiatives to hang a project on, Engage first; cancelled ones only if already chosen."""
    rows = db.session.execute(
        select(Initiative.id, Initiative.title, Initiative.pillar, Campaign.name)
        .join(Campaign, Campaign.id == Initiative.campaign_id)
        .where((Initiative.status != "cancelled") | (Initiative.id == keep_id))
        .order_by(Initiative.pillar != "engage", func.lower(Campaign.name), Initiative.title)
    )
    return [
        (iid, f"{title} — {PILLAR_LABELS.get(pillar, pillar)}, {campaign}")
        for iid, title, pillar, campaign in rows
    ]


def _form(project: CxProject | None = None) -> ProjectForm:
    form = ProjectForm(obj=project)
    form.initiative_id.set_options(_initiative_choices(project and project.initiative_id))
    form.owner_id.set_options(active_people_choices())
    if project is None and request.method == "GET":
        form.owner_id.data = current_user.id
    return form


def _save(form: ProjectForm, project: CxProject | None):
    """Save through the service; on success the redirect, else None (errors at the fields)."""
    saved = save_on_submit(
        form,
        lambda: services.save_project(
            current_user,
            project,
            name=form.name.data,
            initiative_id=form.initiative_id.data,
            owner_id=form.owner_id.data,
            goal=form.goal.data or "",
            status=form.status.data,
            hours_budget=form.hours_budget.data,
        ),
    )
    if saved is None:
        return None
    flash(f"{saved.name} is saved.", "success")
    return redirect(url_for("ambassadors.project", project_id=saved.id))


@bp.get("/projects")
@permission_required("cx_projects.view")
def projects():
    status = request.args.get("status") or None
    if status not in PROJECT_STATUSES:
        status = None
    results = paginate(services.projects_query(status))
    used = services.hours_used([project.id for project in results.items])
    return render_template(
        "ambassadors/projects.html",
        results=results,
        used=used,
        status=status,
        labels=PROJECT_LABELS,
        pillars=PILLAR_LABELS,
    )


@bp.route("/projects/new", methods=["GET", "POST"])
@permission_required("cx_projects.manage")
def new_project():
    form = _form()
    if response := _save(form, None):
        return response
    return render_template("ambassadors/project_form.html", form=form, project=None)


@bp.get("/projects/<int:project_id>")
@permission_required("cx_projects.view")
def project(project_id: int):
    project = get_project_or_404(project_id, current_user)
    return render_template(
        "ambassadors/project.html",
        project=project,
        used=services.hours_used([project.id]).get(project.id, 0),
        contributors=services.contributors(current_user, project),
        labels=PROJECT_LABELS,
        pillars=PILLAR_LABELS,
        events=audit.events_for("cx_project", project.id),
    )


@bp.route("/projects/<int:project_id>/edit", methods=["GET", "POST"])
@permission_required("cx_projects.manage")
def edit_project(project_id: int):
    project = get_project_or_404(project_id, current_user)
    form = _form(project)
    if response := _save(form, project):
        return response
    return render_template("ambassadors/project_form.html", form=form, project=project)
