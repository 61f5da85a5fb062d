"""The JSON API under /api/v1 (API.md): one module per resource, bearer tokens, JSON errors."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

# Resource modules register their routes on `bp` when imported.
from eximpact.api import (  # noqa: E402
    ambassadors,
    auth,
    campaigns,
    common,  # noqa: F401  (bearer authentication and error handlers)
    cx_projects,
    docs,  # noqa: F401  (Swagger UI at /api/v1/docs)
    initiatives,
    nominations,
    openapi,  # noqa: F401  (serves the document built from RESOURCE_MODULES)
    outreach,
    people,
    praise,
    recognition,
    reports,
    time_entries,
    webhooks,
)

RESOURCE_MODULES = [
    auth,
    people,
    campaigns,
    initiatives,
    ambassadors,
    cx_projects,
    time_entries,
    reports,
    praise,
    webhooks,
    outreach,
    recognition,
    nominations,
]
