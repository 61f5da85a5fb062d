"""Template globals and filters shared by every page."""

from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace
from urllib.parse import urlencode

from babel import Locale
from babel.numbers import format_currency, format_decimal
from babel.numbers import format_percent as babel_percent
from flask import Flask, current_app, request, url_for
from flask_login import current_user

from eximpact import clock
from eximpact.access import can
from eximpact.navigation import nav_items, unread_notifications
from eximpact.org.models import ROLE_LABELS

# One locale for every number on a page until Flask-Babel selects the reader's; parsed
# once (babel parses a locale's name again on every call, most of a number's cost).
LOCALE = Locale.parse("en")

# The characters Werkzeug leaves unescaped in a query (werkzeug.urls._urlencode).
URL_SAFE = "!$'()*,/:;?@"


def format_date(value: date | datetime | None, fmt: str = "%d %b %Y") -> str:
    return value.strftime(fmt) if value else "—"


def format_datetime(value: datetime | None) -> str:
    """A stored (naive UTC) time in the organisation's time zone, with the zone's name."""
    if not value:
        return "—"
    moment = clock.local(value)
    return f"{moment:%d %b %Y, %H:%M} {moment.tzname()}"


def format_money(value: Decimal | float | int | None) -> str:
    """An amount in the organisation's currency (`EXIMPACT_CURRENCY`), e.g. "€1,250.00"."""
    if value is None:
        return "—"
    return format_currency(Decimal(value), current_app.config["CURRENCY"], locale=LOCALE)


def format_percent(value: Decimal | float | int | None, digits: int = 0) -> str:
    """A share (0.42) as a percentage ("42%"), the one style for every percentage."""
    if value is None:
        return "—"
    pattern = "#,##0%" if digits == 0 else "#,##0." + "0" * digits + "%"
    return babel_percent(Decimal(str(value)), format=pattern, locale=LOCALE)


def format_number(value: Decimal | float | int | None, digits: int = 1) -> str:
    """A plain number with exactly `digits` decimals ("3.50")."""
    if value is None:
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(Decimal(str(value)), format=pattern, locale=LOCALE)


def count_of(count: int, singular: str, plural: str | None = None) -> str:
    """ "1 entry", "3 entries": a count with its noun in the right form (ngettext later)."""
    noun = singular if count == 1 else (plural or singular + "s")
    return f"{format_decimal(count, locale=LOCALE)} {noun}"


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


def state_names() -> SimpleNamespace:
    """The models' state constants for templates (`states.nomination.APPROVED` …), so a
    page compares states by the same names as the code."""
    from eximpact.ambassadors import models as ambassadors
    from eximpact.campaigns import models as campaigns
    from eximpact.praise import models as praise
    from eximpact.pulse import models as pulse
    from eximpact.recognition import models as recognition

    def of(module, *names):
        return SimpleNamespace(**{name: getattr(module, name) for name in names})

    return SimpleNamespace(
        time=of(ambassadors, "DRAFT", "SUBMITTED", "APPROVED", "REJECTED"),
        enrolment=SimpleNamespace(
            PENDING=ambassadors.ENROLMENT_PENDING, APPROVED=ambassadors.ENROLMENT_APPROVED
        ),
        initiative=of(campaigns, "DRAFT", "PLANNED", "IN_PROGRESS", "DONE", "CANCELLED"),
        approval=of(campaigns, "NOT_REQUIRED", "PENDING", "APPROVED", "REJECTED"),
        outreach=SimpleNamespace(OPEN=praise.OUTREACH_OPEN, DONE=praise.OUTREACH_DONE),
        pulse=of(pulse, "DRAFT", "OPEN", "CLOSED"),
        nomination=of(recognition, "SUBMITTED", "APPROVED", "DECLINED", "AWARDED"),
    )


def register(app: Flask) -> None:
    app.jinja_env.globals.update(
        states=state_names(),
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
        percent=format_percent,
        number=format_number,
        count_of=count_of,
        hours=format_hours,
    )
