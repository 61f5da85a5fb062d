"""Pages for survey results: the list (HR, admin, managers for their teams) and the CSV import."""

from flask import Blueprint, Response, render_template, request
from flask_login import current_user

from eximpact.access import permission_required
from eximpact.imports import import_page
from eximpact.pagination import paginate
from eximpact.security import large_upload
from eximpact.surveys import permissions  # noqa: F401  (registers the rules)
from eximpact.surveys.forms import SurveyImportForm
from eximpact.surveys.services import result_queries
from eximpact.surveys.services.importer import SURVEY_FILE, TEMPLATE, import_results
from eximpact.surveys.services.metric_queries import metric_names
from eximpact.validation import ValidationFailed

bp = Blueprint("surveys", __name__, url_prefix="/surveys")


@bp.get("/")
@permission_required("surveys.view")
def index():
    """Survey results the signed-in person may read, filtered by team, metric and period."""
    problems = {}
    try:
        filters = result_queries.parse_results_filter(request.args)
    except ValidationFailed as error:
        problems, filters = error.fields, result_queries.ResultsFilter()
    results = paginate(result_queries.results_query(current_user, filters))
    return render_template(
        "surveys/index.html",
        results=results,
        args=request.args,
        problems=problems,
        teams=result_queries.team_choices(current_user),
        metrics=[(name, name.upper()) for name in metric_names()],
    ), 422 if problems else 200


@bp.route("/import", methods=["GET", "POST"])
@large_upload
@permission_required("surveys.import")
def import_csv():
    """Upload survey results; nothing is stored unless every row is good."""
    form = SurveyImportForm()
    return import_page(
        form,
        "surveys/import.html",
        {SURVEY_FILE: form.results_file},
        lambda texts: import_results(current_user, texts[SURVEY_FILE]),
    )


@bp.get("/import/template.csv")
@permission_required("surveys.import")
def import_template():
    return Response(
        TEMPLATE,
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=survey-results-template.csv"},
    )
