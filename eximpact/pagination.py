"""Server-side pagination shared by pages and the API."""

from flask import current_app, request

from eximpact.extensions import db


def page_args(default_per_page: int, max_per_page: int) -> tuple[int, int]:
    """`page` and `per_page` from the query string, clamped to sane bounds."""
    page = request.args.get("page", 1, type=int) or 1
    per_page = request.args.get("per_page", default_per_page, type=int) or default_per_page
    return max(page, 1), min(max(per_page, 1), max_per_page)


def paginate(query, per_page: int | None = None, total: int | None = None):
    """A Flask-SQLAlchemy Pagination: one count and one page query, whatever the table's size.

    Pass `total` when it is known more cheaply (a rollup) to skip the COUNT over the query.
    """
    page, requested = page_args(current_app.config["PER_PAGE"], 100)
    per_page = per_page or requested
    if total is None:
        return db.paginate(query, page=page, per_page=per_page, error_out=False)
    results = db.paginate(query, page=page, per_page=per_page, error_out=False, count=False)
    results.total = total
    return results
