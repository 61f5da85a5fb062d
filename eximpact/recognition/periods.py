"""Calendar periods as award cycles and leaderboards name them, from `eximpact.periods`."""

from datetime import date

from eximpact.periods import CADENCE_GRAIN as CADENCE_PERIOD
from eximpact.periods import GRAIN_LABELS as PERIOD_LABELS
from eximpact.periods import GRAINS as PERIODS
from eximpact.periods import period_of

__all__ = ["CADENCE_PERIOD", "PERIODS", "PERIOD_LABELS", "period_bounds", "period_name", "shift"]


def period_bounds(kind: str, day: date) -> tuple[date, date]:
    """The first and last day of the month, quarter or year that contains `day`."""
    period = period_of(day, kind)
    return period.start, period.end


def period_name(kind: str, day: date) -> str:
    """'November 2026', 'Q4 2026' or '2026'."""
    return period_of(day, kind).name


def shift(kind: str, day: date, steps: int) -> date:
    """The first day of the period `steps` periods before (negative) or after `day`'s."""
    return period_of(day, kind).shifted(steps).start
