"""Calendar periods (month, quarter, year) shared by award cycles and leaderboards."""

from datetime import date, timedelta

PERIODS = ("month", "quarter", "year")
PERIOD_LABELS = {"month": "Month", "quarter": "Quarter", "year": "Year"}
CADENCE_PERIOD = {"monthly": "month", "quarterly": "quarter", "annual": "year"}


def period_bounds(kind: str, day: date) -> tuple[date, date]:
    """The first and last day of the month, quarter or year that contains `day`."""
    if kind == "month":
        start = day.replace(day=1)
    elif kind == "quarter":
        start = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    elif kind == "year":
        start = date(day.year, 1, 1)
    else:
        raise ValueError(f"unknown period {kind!r}")
    months = {"month": 1, "quarter": 3, "year": 12}[kind]
    month_index = start.month - 1 + months
    following = date(start.year + month_index // 12, month_index % 12 + 1, 1)
    return start, following - timedelta(days=1)


def period_name(kind: str, day: date) -> str:
    """'November 2026', 'Q4 2026' or '2026'."""
    start, _ = period_bounds(kind, day)
    if kind == "month":
        return start.strftime("%B %Y")
    if kind == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    return str(start.year)


def shift(kind: str, day: date, steps: int) -> date:
    """The first day of the period `steps` periods before (negative) or after `day`'s."""
    start, end = period_bounds(kind, day)
    for _ in range(abs(steps)):
        start, end = period_bounds(
            kind, end + timedelta(days=1) if steps > 0 else start - timedelta(days=1)
        )
    return start
