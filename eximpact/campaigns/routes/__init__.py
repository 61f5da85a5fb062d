"""Pages of HR planning, under /campaigns (blueprint `campaigns`).

`campaigns` (campaigns, dashboard, timeline, communication plan), `initiatives` and
`cascade` register their views on `bp`; the labels below reach every template.
"""

from flask import Blueprint

from eximpact.campaigns.models import (
    APPROVAL_LABELS,
    FREQUENCY_LABELS,
    PILLAR_LABELS,
    PILLAR_TEMKIN,
    PILLARS,
    ROLLOUT_LABELS,
    STAKEHOLDER_LABELS,
    STATUS_LABELS,
)
from eximpact.charts import PILLAR_COLOURS

bp = Blueprint("campaigns", __name__, url_prefix="/campaigns")

LABELS = {
    "pillars": PILLAR_LABELS,
    "temkin": PILLAR_TEMKIN,
    "statuses": STATUS_LABELS,
    "frequencies": FREQUENCY_LABELS,
    "approvals": APPROVAL_LABELS,
    "rollouts": ROLLOUT_LABELS,
    "stakeholders": STAKEHOLDER_LABELS,
    "colours": PILLAR_COLOURS,
}


@bp.context_processor
def labels():
    return {"labels": LABELS, "pillars": PILLARS}


# The views register themselves on `bp` when imported.
from eximpact.campaigns import permissions  # noqa: E402,F401  (registers the rules)
from eximpact.campaigns.routes import (  # noqa: E402,F401
    campaigns,
    cascade,
    initiatives,
)
