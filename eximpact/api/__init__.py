"""The JSON API under /api/v1 (API.md): one module per resource, each operation declared once
(`declare.operation`: route, pydantic models, document), bearer tokens, JSON errors."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

# Resource modules register their routes on `bp` when imported.
from eximpact.api import (  # noqa: E402, F401
    ambassadors,
    answers,
    auth,
    campaigns,
    common,  # bearer authentication and error handlers
    cx_projects,
    docs,  # Swagger UI at /api/v1/docs
    external_metrics,
    initiatives,
    maturity,
    nominations,
    notifications,
    openapi,  # the document, generated from the declarations
    outreach,
    people,
    praise,
    pulse,
    pulse_results,
    recognition,
    reports,
    scorecards,
    thanks,
    time_entries,
    webhooks,
)
