"""The "not just one week a year" measure: which ISO weeks of a campaign carry an initiative.

A week is covered when an occurrence of an initiative falls in it. A `once` initiative
occurs over its whole date range; a recurring one occurs on its start date and then
every week, two weeks, month, quarter or year until its end date. Pure functions on
plain values, so the maths is tested on its own and the dashboard stays a few queries.
"""

import calendar
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

WEEK = timedelta(days=7)
MONTHS_BETWEEN = {"monthly": 1, "quarterly": 3, "yearly": 12}
DAYS_BETWEEN = {"weekly": 7, "biweekly": 14}


@dataclass(frozen=True)
class Planned:
    """What cadence needs of an initiative."""

    pillar: str
    start: date
    end: date
    frequency: str


@dataclass(frozen=True)
class Gap:
    """A run of uncovered weeks, clipped to the campaign's period."""

    start: date
    end: date
    weeks: int


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def campaign_weeks(start: date, end: date) -> list[date]:
    """The Mondays of every ISO week that overlaps [start, end]."""
    if end < start:
        return []
    weeks, monday = [], monday_of(start)
    while monday <= end:
        weeks.append(monday)
        monday += WEEK
    return weeks


def add_months(day: date, months: int) -> date:
    """`day` plus whole months, keeping the day of the month where the month allows it."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def occurrences(item: Planned) -> Iterator[tuple[date, date]]:
    """The (first day, last day) of each occurrence of an initiative."""
    if item.end < item.start:
        return
    if item.frequency == "once":
        yield item.start, item.end
        return
    if item.frequency in DAYS_BETWEEN:
        step = timedelta(days=DAYS_BETWEEN[item.frequency])
        day = item.start
        while day <= item.end:
            yield day, day
            day += step
        return
    months = MONTHS_BETWEEN[item.frequency]
    count = 0
    day = item.start
    while day <= item.end:
        yield day, day
        count += 1
        day = add_months(item.start, months * count)  # from the start, so 31 Jan stays month-end


def covered_mondays(item: Planned, first: date, last: date) -> set[date]:
    """The Mondays of the weeks in [first, last] (both Mondays) that `item` covers."""
    covered = set()
    for occurrence_start, occurrence_end in occurrences(item):
        if occurrence_start > last + timedelta(days=6):
            break
        monday = max(monday_of(occurrence_start), first)
        stop = min(monday_of(occurrence_end), last)
        while monday <= stop:
            covered.add(monday)
            monday += WEEK
    return covered


@dataclass(frozen=True)
class Cadence:
    weeks: list[date]
    covered: set[date]
    covered_by_pillar: dict[str, set[date]]
    gaps: list[Gap]

    @property
    def share(self) -> float:
        return len(self.covered) / len(self.weeks) if self.weeks else 0.0

    def pillar_share(self, pillar: str) -> float:
        covered = self.covered_by_pillar.get(pillar, set())
        return len(covered) / len(self.weeks) if self.weeks else 0.0


def cadence(start: date, end: date, items: Iterable[Planned], pillars: Iterable[str]) -> Cadence:
    """Coverage of the campaign's weeks, overall and per pillar, and the uncovered stretches."""
    weeks = campaign_weeks(start, end)
    by_pillar: dict[str, set[date]] = {pillar: set() for pillar in pillars}
    if weeks:
        for item in items:
            covered = by_pillar.setdefault(item.pillar, set())
            if len(covered) < len(weeks):  # a pillar that covers every week can gain nothing
                covered.update(covered_mondays(item, weeks[0], weeks[-1]))
    covered = set().union(*by_pillar.values()) if by_pillar else set()
    return Cadence(weeks, covered, by_pillar, find_gaps(weeks, covered, start, end))


def find_gaps(weeks: list[date], covered: set[date], start: date, end: date) -> list[Gap]:
    """Maximal runs of uncovered weeks, as date ranges clipped to [start, end]."""
    gaps, run = [], []
    for monday in [*weeks, None]:
        if monday is not None and monday not in covered:
            run.append(monday)
            continue
        if run:
            gaps.append(Gap(max(run[0], start), min(run[-1] + timedelta(days=6), end), len(run)))
            run = []
    return gaps
