"""The one clock: the organisation's "today" and the current UTC time.

Every rule that asks "what day is it?" (no future time entries, which initiatives
are active, when an outreach falls due) asks this module, so the answer is the
organisation's day in `EXIMPACT_TIMEZONE` (default UTC) rather than whatever zone
the server happens to run in. Tests freeze it with `frozen(...)`.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import current_app, has_app_context

DEFAULT_TIMEZONE = "UTC"

# A frozen instant (aware, UTC) set by `frozen()`; None means the real clock.
_frozen_at: datetime | None = None


def timezone() -> ZoneInfo:
    """The organisation's time zone, from the app's `TIMEZONE` setting."""
    name = current_app.config.get("TIMEZONE", DEFAULT_TIMEZONE) if has_app_context() else None
    return zone(name or DEFAULT_TIMEZONE)


def zone(name: str) -> ZoneInfo:
    """A time zone by IANA name; a clear error at start-up for a misspelt one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"EXIMPACT_TIMEZONE={name!r} is not a known IANA time zone") from error


def _aware_now() -> datetime:
    return _frozen_at if _frozen_at is not None else datetime.now(UTC)


def now() -> datetime:
    """The current time in UTC, naive: the database stores UTC without a zone."""
    return _aware_now().replace(tzinfo=None)


def today() -> date:
    """The organisation's date right now, in its own time zone."""
    return _aware_now().astimezone(timezone()).date()


def local(moment: datetime) -> datetime:
    """A stored naive-UTC time as the organisation's local time, for display."""
    return moment.replace(tzinfo=UTC).astimezone(timezone())


@contextmanager
def frozen(at: datetime | date) -> Iterator[None]:
    """Stop the clock at `at` (a naive value is taken as UTC; a date as its noon, UTC)."""
    global _frozen_at
    if not isinstance(at, datetime):
        at = datetime.combine(at, datetime.min.time()) + timedelta(hours=12)
    previous = _frozen_at
    _frozen_at = at if at.tzinfo else at.replace(tzinfo=UTC)
    try:
        yield
    finally:
        _frozen_at = previous
