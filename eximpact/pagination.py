"""Server-side pagination shared by pages and the API."""

from flask import current_app, request
from flask_sqlalchemy.pagination import SelectPagination
from sqlalchemy import func

from eximpact.extensions import db
from eximpact.validation import ValidationFailed, whole_number

# Far past any real list, and small enough that (page - 1) × per_page fits a BIGINT offset.
MAX_PAGE = 10**9


def page_args(default_per_page: int, max_per_page: int, strict: bool = False) -> tuple[int, int]:
    """`page` and `per_page` from the query string, clamped to sane bounds.

    Pages forgive (a malformed page is the first, a huge one the last possible); the API
    is `strict`: a `page` or `per_page` that is not a whole number (or past MAX_PAGE) is a 422.
    """
    page = _number("page", 1, MAX_PAGE, strict)
    per_page = _number("per_page", default_per_page, max_per_page, strict)
    return page, per_page


def _number(name: str, default: int, maximum: int, strict: bool) -> int:
    raw = request.args.get(name)
    if raw in (None, ""):
        return default
    value = whole_number(raw)
    if strict and (value is None or value > MAX_PAGE):
        raise ValidationFailed.single(name, f"Must be a whole number up to {MAX_PAGE:,}.")
    if value is None:
        return default
    return min(max(value, 1), maximum)


class RowPagination(SelectPagination):
    """Flask-SQLAlchemy's pagination for a select of plain rows (a GROUP BY, a UNION), not
    entities: the page's items are the rows themselves.

    With `count_in_page` (a plain select, not a UNION) the page's query also counts every
    row, as a window over them, so the total costs no second query but past the end.
    """

    def __init__(self, *args, count_in_page: bool = False, **kwargs):
        self._count_in_page = count_in_page
        self._rows_in_all = None
        super().__init__(*args, **kwargs)

    def _query_items(self) -> list:
        select_ = self._query_args["select"]
        if self._count_in_page:
            select_ = select_.add_columns(func.count().over().label("rows_in_all"))
        select_ = select_.limit(self.per_page).offset(self._query_offset)
        rows = list(self._query_args["session"].execute(select_).all())
        if self._count_in_page and rows:
            self._rows_in_all = rows[0].rows_in_all
        return rows

    def _query_count(self) -> int:
        if self._rows_in_all is not None:
            return self._rows_in_all
        return super()._query_count()


def paginate_rows(query, page: int, per_page: int, count_in_page: bool = False) -> RowPagination:
    """A page of a select of rows: one count and one page query (or one, `count_in_page`)."""
    return RowPagination(
        select=query,
        session=db.session,
        page=page,
        per_page=per_page,
        error_out=False,
        count_in_page=count_in_page,
    )


def paginate(query, per_page: int | None = None, total: int | None = None, rows: bool = False):
    """A Flask-SQLAlchemy Pagination: one count and one page query, whatever the table's size.

    Pass `total` when it is known more cheaply (a rollup) to skip the COUNT over the query;
    `rows` when the select is of plain rows rather than entities.
    """
    page, requested = page_args(current_app.config["PER_PAGE"], 100)
    per_page = per_page or requested
    if rows:
        return paginate_rows(query, page, per_page)
    if total is None:
        return db.paginate(query, page=page, per_page=per_page, error_out=False)
    results = db.paginate(query, page=page, per_page=per_page, error_out=False, count=False)
    results.total = total
    return results
