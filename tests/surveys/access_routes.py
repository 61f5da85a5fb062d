"""Access rules of the survey results pages and API.

HR and admins read and import every result; the manager persona reads the results of
the team they manage (and below) but imports nothing; employees and ambassadors neither.
"""

from eximpact.extensions import db
from tests.access import r
from tests.surveys.factories import ExternalMetricFactory

IMPORTERS = frozenset({"hr", "admin"})
READERS = frozenset({"manager", "hr", "admin"})


def populate(world) -> None:
    result = ExternalMetricFactory(team=world.team)
    db.session.flush()
    world.ids.update(survey_team=world.team.id, survey_result=result.id)


ROUTES = {
    "surveys.index": r(READERS, ("GET", "/surveys/", None)),
    "surveys.import_csv": r(
        IMPORTERS, ("GET", "/surveys/import", None), ("POST", "/surveys/import", None)
    ),
    "surveys.import_template": r(IMPORTERS, ("GET", "/surveys/import/template.csv", None)),
    "api.list_external_metrics": r(READERS, ("GET", "/api/v1/insight/external-metrics", None)),
    # An empty object: 422, but the route was reached.
    "api.create_external_metrics": r(IMPORTERS, ("POST", "/api/v1/insight/external-metrics", {})),
}
