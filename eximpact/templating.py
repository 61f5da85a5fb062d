"""Template globals and filters shared by every page."""

from datetime import date, datetime
from decimal import Decimal
from urllib.parse import urlencode

from flask import Flask, request, url_for
from flask_login import current_user

from eximpact.access import can
from eximpact.navigation import nav_items, unread_notifications
from eximpact.org.models import ROLE_LABELS

# The characters Werkzeug leaves unescaped in a query (werkzeug.urls._urlencode).
URL_SAFE = "!$'()*,/:;?@"


def format_date(value: date | datetime | None, fmt: str = "%d %b %Y") -> str:
    return value.strftime(fmt) if value else "—"


def format_datetime(value: datetime | None) -> str:
    return value.strftime("%d %b %Y, %H:%M UTC") if value else "—"


def format_money(value: Decimal | float | int | None) -> str:
    if value is None:
        return "—"
    return f"{Decimal(value):,.2f}"


def format_hours(value: Decimal | float | None) -> str:
    if value is None:
        return "0"
    text = f"{Decimal(value):.2f}".rstrip("0").rstrip(".")
    return text or "0"


def url_with(endpoint: str | None = None, /, **changes) -> str:
    """The current page's URL (or `endpoint`'s) with the current query, some arguments changed.

    The query is encoded here, not handed to url_for as keywords: a visitor's `_anchor`,
    `_method`, `_scheme` or a view argument's name would otherwise steer url_for itself.
    """
    args = request.args.to_dict(flat=False)
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = [value]
    if endpoint is None:
        path = url_for(request.endpoint, **(request.view_args or {}))
    else:
        path = url_for(endpoint)
    query = urlencode([(key, v) for key, values in args.items() for v in values], safe=URL_SAFE)
    return f"{path}?{query}" if query else path


def register(app: Flask) -> None:
    app.jinja_env.globals.update(
        can=lambda permission, obj=None: can(current_user, permission, obj),
        role_labels=ROLE_LABELS,
        url_with=url_with,
        nav_items=nav_items,
        unread_notifications=unread_notifications,
    )
    app.jinja_env.filters.update(
        date=format_date,
        datetime=format_datetime,
        money=format_money,
        hours=format_hours,
    )
