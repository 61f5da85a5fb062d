"""Reporting periods: a month (`2026-09`), a quarter (`2026-Q3`) or a year (`2026`).

Survey results, scorecards, team cards and the EX–CX link all speak of periods by
these keys; this module is the one place that parses, names and steps through them,
so an imported `2026-Q3` and a scorecard's `2026-Q3` are the same days.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from eximpact.validation import ValidationFailed

MONTH, QUARTER, YEAR = "month", "quarter", "year"
GRAINS = (MONTH, QUARTER, YEAR)
GRAIN_LABELS = {MONTH: "Month", QUARTER: "Quarter", YEAR: "Year"}
CADENCE_GRAIN = {"monthly": MONTH, "quarterly": QUARTER, "annual": YEAR}
MONTHS_IN = {MONTH: 1, QUARTER: 3, YEAR: 12}
FIRST_YEAR, LAST_YEAR = 2000, 2100

# The year part spells FIRST_YEAR..LAST_YEAR itself, so the pattern the API documents
# refuses exactly what parse_period refuses.
_KEY = re.compile(
    r"^(?P<year>20[0-9]{2}|2100)(?:-(?:Q(?P<quarter>[1-4])|(?P<month>0[1-9]|1[0-2])))?$"
)
PERIOD_PATTERN = _KEY.pattern
PERIOD_HINT = "a year (2026), a quarter (2026-Q3) or a month (2026-09)"


@dataclass(frozen=True, order=True)
class Period:
    """A calendar month, quarter or year; ordered by its first day."""

    start: date
    grain: str

    @property
    def end(self) -> date:
        """The last day of the period (inclusive)."""
        return self.next().start - timedelta(days=1)

    @property
    def key(self) -> str:
        if self.grain == YEAR:
            return f"{self.start.year}"
        if self.grain == QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}-{self.start.month:02d}"

    def shifted(self, steps: int) -> Period:
        """The period `steps` periods of the same grain later (earlier when negative)."""
        months = self.start.year * 12 + self.start.month - 1 + steps * MONTHS_IN[self.grain]
        return Period(date(months // 12, months % 12 + 1, 1), self.grain)

    def next(self) -> Period:
        return self.shifted(1)

    def previous(self) -> Period:
        return self.shifted(-1)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def name(self) -> str:
        """'November 2026', 'Q4 2026' or '2026'."""
        if self.grain == MONTH:
            return self.start.strftime("%B %Y")
        if self.grain == QUARTER:
            return f"Q{(self.start.month - 1) // 3 + 1} {self.start.year}"
        return str(self.start.year)

    def __str__(self) -> str:
        return self.key


def parse_period(key: str | None, field: str = "period") -> Period:
    """The period a key names; ValidationFailed naming `field` otherwise."""
    match = _KEY.match((key or "").strip())
    if not match or not FIRST_YEAR <= int(match["year"]) <= LAST_YEAR:
        raise ValidationFailed.single(field, f"Give {PERIOD_HINT}.")
    year = int(match["year"])
    if match["quarter"]:
        return Period(date(year, (int(match["quarter"]) - 1) * 3 + 1, 1), QUARTER)
    if match["month"]:
        return Period(date(year, int(match["month"]), 1), MONTH)
    return Period(date(year, 1, 1), YEAR)


def period_of(day: date, grain: str) -> Period:
    """The month, quarter or year that holds `day`."""
    if grain not in GRAINS:
        raise ValueError(f"unknown period {grain!r}")
    if grain == YEAR:
        return Period(date(day.year, 1, 1), YEAR)
    if grain == QUARTER:
        return Period(date(day.year, (day.month - 1) // 3 * 3 + 1, 1), QUARTER)
    return Period(date(day.year, day.month, 1), MONTH)


def periods_between(first: Period, last: Period, grain: str | None = None) -> list[Period]:
    """Every period of `grain` (default: first's) from the one holding first.start
    to the one holding last.end, in order."""
    grain = grain or first.grain
    current, final = period_of(first.start, grain), period_of(last.end, grain)
    out = []
    while current <= final:
        out.append(current)
        current = current.next()
    return out
