"""The JSON API under /api/v1 (API.md): one module per resource, bearer tokens, JSON errors."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

# Resource modules register their routes on `bp` when imported.
from eximpact.api import (  # noqa: E402,F401
    ambassadors,
    auth,
    common,
    cx_projects,
    openapi,
    people,
    reports,
    time_entries,
)

RESOURCE_MODULES = [auth, people, ambassadors, cx_projects, time_entries, reports]
