"""The one loader of an assessment, for its page (and any API that shows one)."""

from flask import abort

from eximpact.access import require
from eximpact.extensions import db
from eximpact.maturity.models import MaturityAssessment


def get_assessment_or_404(assessment_id: int) -> MaturityAssessment:
    """The assessment, or 404; 403 unless the caller may view it (HR, or its rater)."""
    assessment = db.session.get(MaturityAssessment, assessment_id)
    if assessment is None:
        abort(404, "There is no such assessment.")
    require("maturity.view", assessment)
    return assessment
