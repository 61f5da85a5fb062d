"""Pages of the ambassador programme, under /ambassadors (blueprint `ambassadors`)."""

from flask import Blueprint

bp = Blueprint("ambassadors", __name__, url_prefix="/ambassadors")


@bp.context_processor
def time_limits() -> dict:
    """The services' limits for the inputs the templates write out by hand."""
    from eximpact.ambassadors.services.approvals import LIMITS as APPROVAL_LIMITS
    from eximpact.ambassadors.services.rules import LIMITS as ENTRY_LIMITS

    return {"time_limits": {"note": ENTRY_LIMITS["note"], "reason": APPROVAL_LIMITS["reason"]}}


# The views register themselves on `bp` when imported.
from eximpact.ambassadors import permissions  # noqa: E402,F401  (registers the rules)
from eximpact.ambassadors.routes import (  # noqa: E402,F401
    approvals,
    enrolments,
    projects,
    reports,
    time,
)
