"""The JSON API under /api/v1 (API.md): one module per resource, bearer tokens, JSON errors."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

# Resource modules register their routes on `bp` when imported.
from eximpact.api import (  # noqa: E402
    auth,
    campaigns,
    common,  # noqa: F401  (bearer authentication and error handlers)
    initiatives,
    nominations,
    openapi,  # noqa: F401  (serves the document built from RESOURCE_MODULES)
    outreach,
    people,
    praise,
    recognition,
    webhooks,
)

RESOURCE_MODULES = [
    auth,
    people,
    campaigns,
    initiatives,
    praise,
    webhooks,
    outreach,
    recognition,
    nominations,
]
