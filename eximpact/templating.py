"""Template globals and filters shared by every page."""

from datetime import date, datetime
from decimal import Decimal

from flask import Flask, request, url_for
from flask_login import current_user

from eximpact.access import can
from eximpact.navigation import nav_items
from eximpact.org.models import ROLE_LABELS


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


def url_with(**changes) -> str:
    """The current page's URL with some query arguments changed (for filters and paging)."""
    args = request.args.to_dict(flat=False)
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = [value]
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def register(app: Flask) -> None:
    app.jinja_env.globals.update(
        can=lambda permission, obj=None: can(current_user, permission, obj),
        role_labels=ROLE_LABELS,
        url_with=url_with,
        nav_items=nav_items,
    )
    app.jinja_env.filters.update(
        date=format_date,
        datetime=format_datetime,
        money=format_money,
        hours=format_hours,
    )
