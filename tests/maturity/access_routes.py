"""Access rules of the maturity self-assessment: HR and managers, under their names."""

from eximpact.maturity.services import create_assessment
from tests.access import r

RATERS = frozenset({"hr", "manager"})
LEVELS = {p: [3, 3, 3, 3] for p in ("inform", "inspire", "instruct", "engage", "reward")}


def populate(world) -> None:
    world.ids["assessment"] = create_assessment(world.personas["manager"], LEVELS).id


ROUTES = {
    "maturity.index": r(RATERS, ("GET", "/maturity/", None)),
    "maturity.assess": r(RATERS, ("GET", "/maturity/new", None), ("POST", "/maturity/new", None)),
    "maturity.assessment": r(RATERS, ("GET", "/maturity/{assessment}", None)),
    "api.maturity_questions": r(RATERS, ("GET", "/api/v1/maturity/questions", None)),
    "api.list_assessments": r(RATERS, ("GET", "/api/v1/maturity/assessments", None)),
    "api.create_assessment": r(RATERS, ("POST", "/api/v1/maturity/assessments", {})),
    "api.maturity_summary": r(RATERS, ("GET", "/api/v1/maturity/summary", None)),
}
