"""The JSON API under /api/v1 (API.md): one module per resource, bearer tokens, JSON errors."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

# Resource modules register their routes on `bp` when imported.
from eximpact.api import common  # noqa: E402,F401  (authentication and error handlers first)
from eximpact.api import auth, openapi, people  # noqa: E402,F401

RESOURCE_MODULES = [auth, people]
