"""`/api/v1/docs`: Swagger UI over the OpenAPI document, every file served from here.

The Swagger UI files come from the pinned `swagger-ui-py` package (no CDN); the page
starts it from `static/api-docs.js`, since the CSP allows no inline script.
"""

from importlib.resources import files

from flask import Blueprint, render_template

from eximpact.access import public
from eximpact.api import bp

# Swagger UI's own files, outside /api/v1 so they are not API operations.
assets = Blueprint(
    "api_docs",
    __name__,
    static_folder=str(files("swagger_ui") / "static"),
    static_url_path="/static/swagger-ui",
)


@bp.get("/docs")
@public
def docs():
    """Interactive documentation of this API."""
    return render_template("api/docs.html")
