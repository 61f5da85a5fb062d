"""The year at a glance: an SVG timeline with one lane per pillar, laid out on the server.

Bars that would overlap in a lane are stacked into rows, so every initiative stays
readable; a recurring initiative shows its whole span faintly and each occurrence
as a tick. The template draws what `layout` computes; all text is escaped there.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from eximpact.campaigns.models import PILLAR_LABELS, PILLARS, Initiative
from eximpact.campaigns.services.cadence import Planned, occurrences

WIDTH = 1100
LABEL_WIDTH = 110
ROW_HEIGHT = 22
LANE_PADDING = 8
HEADER_HEIGHT = 28
# Rows drawn per lane: the SVG stays bounded whatever the plan's size; what does not fit
# is counted in the lane's `hidden` and listed by the initiatives list (issue 10).
MAX_ROWS = 12


@dataclass
class Bar:
    initiative: Initiative
    x: float
    width: float
    row: int
    ticks: list[float] = field(default_factory=list)

    @property
    def recurring(self) -> bool:
        return self.initiative.frequency != "once"


@dataclass
class Lane:
    pillar: str
    label: str
    y: float
    height: float
    bars: list[Bar]
    hidden: int = 0  # initiatives of the lane in the window that did not fit in MAX_ROWS


@dataclass
class Timeline:
    width: int
    height: int
    label_width: int
    row_height: int
    lanes: list[Lane]
    months: list[tuple[float, str]]
    today_x: float | None


def layout(start: date, end: date, initiatives: list[Initiative], today: date) -> Timeline:
    """Positions for every bar, month line and lane between `start` and `end`.

    `initiatives` are Initiative objects or rows with the same columns
    (`queries.timeline_rows`)."""
    days = max((end - start).days + 1, 1)
    plot_width = WIDTH - LABEL_WIDTH - 10

    def x_of(day: date) -> float:
        offset = min(max((day - start).days, 0), days)
        return LABEL_WIDTH + plot_width * offset / days

    lanes, y = [], HEADER_HEIGHT
    for pillar in PILLARS:
        rows_end: list[date] = []  # last day used in each row, for greedy packing
        bars, hidden = [], 0
        for item in sorted(
            (i for i in initiatives if i.pillar == pillar), key=lambda i: (i.start_date, i.id)
        ):
            if item.end_date < start or item.start_date > end:
                continue
            row = next((n for n, last in enumerate(rows_end) if last < item.start_date), None)
            if row is None and len(rows_end) >= MAX_ROWS:
                hidden += 1
                continue
            if row is None:
                row = len(rows_end)
                rows_end.append(item.end_date)
            rows_end[row] = item.end_date
            first, last = x_of(item.start_date), x_of(item.end_date + timedelta(days=1))
            planned = Planned(item.pillar, item.start_date, item.end_date, item.frequency)
            ticks = (
                [x_of(day) for day, _ in occurrences(planned) if start <= day <= end]
                if item.frequency != "once"
                else []
            )
            bars.append(Bar(item, first, max(last - first, 3), row, ticks))
        height = max(len(rows_end), 1) * ROW_HEIGHT + 2 * LANE_PADDING
        lanes.append(Lane(pillar, PILLAR_LABELS[pillar], y, height, bars, hidden))
        y += height
    months = []
    month = date(start.year, start.month, 1)
    while month <= end:
        if month >= start:
            months.append((x_of(month), month.strftime("%b %Y" if month.month == 1 else "%b")))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    today_x = x_of(today) if start <= today <= end else None
    return Timeline(WIDTH, int(y) + 4, LABEL_WIDTH, ROW_HEIGHT, lanes, months, today_x)
