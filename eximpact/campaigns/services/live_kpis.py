"""Live KPIs: a campaign KPI whose actual follows the data instead of being typed in.

A KPI may name a source; its actual is then read whenever the dashboard is built,
organisation-wide, from what happened between the campaign's start and today (or
its end, once it is over), so it never shows a figure from before the campaign:

- `survey:<metric>` (`survey:nps`, `survey:csat` …): imported survey results of the
  latest period inside that window, every team's results combined by their responses
  (surveys.metric_queries' rule);
- `pulse:engaged_share` (TEEI share engaged, in %) and `pulse:enps`: the whole
  organisation's figure from the last engagement round closed in the window, through
  the pulse's one disclosure function;
- `praise:engagement`: the mean customer engagement (1–5) of praise received in it.

Each source is read once per dashboard however many KPIs name it.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select

from eximpact import clock
from eximpact.extensions import db
from eximpact.praise.models import Praise
from eximpact.pulse.disclosure import SHOWN
from eximpact.pulse.services.headline import ENGAGED_SHARE, ENPS, organisation_headline
from eximpact.surveys.services.metric_queries import latest_overall, metric_names

SURVEY_PREFIX = "survey:"
PULSE_ENGAGED = f"pulse:{ENGAGED_SHARE}"
PULSE_ENPS = f"pulse:{ENPS}"
PRAISE_ENGAGEMENT = "praise:engagement"
FIXED_SOURCES = {
    PULSE_ENGAGED: "Share engaged (TEEI, pulse), %",
    PULSE_ENPS: "eNPS (pulse)",
    PRAISE_ENGAGEMENT: "Customer engagement from praise (1–5)",
}
SOURCE_MAX = 60  # the column's length
SOURCE_PATTERN = r"^(survey:[a-z0-9][a-z0-9_-]{0,39}|pulse:(engaged_share|enps)|praise:engagement)$"
_SOURCE = re.compile(SOURCE_PATTERN)
SOURCE_HINT = (
    "Use survey:<metric> (e.g. survey:nps), pulse:engaged_share, pulse:enps or praise:engagement."
)
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class LiveActual:
    """A live KPI's actual (None when there is no data yet) and where it comes from."""

    value: Decimal | None
    source: str
    described: str  # "NPS from imported survey results, Q3 2026 (n = 412)"


def survey_source(metric: str) -> str:
    return f"{SURVEY_PREFIX}{metric}"


def source_label(source: str) -> str:
    if source.startswith(SURVEY_PREFIX):
        return f"{source.removeprefix(SURVEY_PREFIX).upper()} (imported survey results)"
    return FIXED_SOURCES.get(source, source)


def source_choices(current: list[str] = ()) -> list[tuple[str, str]]:
    """Every source a KPI may follow: the metrics imported so far, the pulse and praise
    figures, and any source already chosen (so editing never drops it)."""
    sources = [survey_source(metric) for metric in metric_names()]
    sources += [s for s in current if s and s.startswith(SURVEY_PREFIX) and s not in sources]
    return [(s, source_label(s)) for s in sources] + list(FIXED_SOURCES.items())


def source_problem(source: str | None) -> str | None:
    """What is wrong with a KPI's source, if anything (None: typed in)."""
    if source is None or source == "":
        return None
    if len(source) > SOURCE_MAX or not _SOURCE.fullmatch(source):
        return SOURCE_HINT
    return None


def _window(campaign, today: date) -> tuple[date, date] | None:
    last = min(campaign.end_date, today)
    return None if last < campaign.start_date else (campaign.start_date, last)


def _two_places(value) -> Decimal:
    return Decimal(str(value)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _survey(metric: str, first: date, last: date) -> tuple[Decimal | None, str]:
    found = latest_overall(metric, first, last)
    name = metric.upper()
    if found is None:
        return None, f"{name} from imported survey results: none since the campaign started."
    period, (value, n) = found
    described = f"{name} from imported survey results, {period.name} (n = {n:,})."
    return _two_places(value), described


def _pulse(headline: str, first: date, last: date) -> tuple[Decimal | None, str]:
    label = "Share engaged" if headline == ENGAGED_SHARE else "eNPS"
    found = organisation_headline(headline, last, since=first)
    if found is None:
        return (
            None,
            f"{label} from the pulse: no engagement round closed since the campaign started.",
        )
    round_, shown = found
    if shown is None or shown["status"] != SHOWN:
        return None, f"{label} from the pulse round “{round_.title}”: too few answers to show."
    value = shown["value"] * 100 if headline == ENGAGED_SHARE else shown["value"]
    return _two_places(value), f"{label} from the pulse round “{round_.title}”."


def _praise_engagement(first: date, last: date) -> tuple[Decimal | None, str]:
    mean, count = db.session.execute(
        select(func.avg(Praise.engagement_level), func.count(Praise.engagement_level)).where(
            Praise.received_at >= datetime.combine(first, time.min),
            Praise.received_at < datetime.combine(last + timedelta(days=1), time.min),
        )
    ).one()
    if not count:
        return None, "Customer engagement from praise: no rated praise since the campaign started."
    return _two_places(mean), f"Customer engagement from {count:,} rated praise since {first}."


def _read(source: str, first: date, last: date) -> tuple[Decimal | None, str]:
    if source.startswith(SURVEY_PREFIX):
        return _survey(source.removeprefix(SURVEY_PREFIX), first, last)
    if source == PRAISE_ENGAGEMENT:
        return _praise_engagement(first, last)
    return _pulse(source.removeprefix("pulse:"), first, last)


def live_actuals(campaign, sources, today: date | None = None) -> dict[str, LiveActual]:
    """{source: LiveActual} for the campaign, each distinct source read once."""
    window = _window(campaign, today or clock.today())
    out = {}
    for source in sorted({s for s in sources if s}):
        if window is None:
            value, described = None, f"Follows {source_label(source)} once the campaign starts."
        else:
            value, described = _read(source, *window)
        out[source] = LiveActual(value, source, described)
    return out
