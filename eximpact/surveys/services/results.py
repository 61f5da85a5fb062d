"""The rules of a survey result, and saving a batch of them all or nothing.

Every entry point (the API, the CSV import, `flask surveys import`, the demo data)
hands its rows to `check_results` and `save_results`:

- the team exists and is active; the period is a month, quarter or year key
  (`eximpact.periods`), stored normalised; the metric is a short lowercase name;
- the value lies in the metric's range: `nps` −100…100, `csat` 0…100 (the share of
  satisfied answers, in per cent), `ces` 1…7 (the 7-point Customer Effort Score);
  any other metric any number within ±1,000,000,000; at most 4 decimals;
- n (the number of responses) is a whole number from 1 to 10,000,000;
- source at most 100 characters (may be empty), external id at most 200.

Saving merges by the natural key (team, metric, period, source): the same result
again stores nothing; the same key with a new value or n replaces the stored one
(the survey tool corrected it). A repeated external id is the stored result,
unchanged. One audit row per batch that changed anything.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from sqlalchemy import or_, select, tuple_

from eximpact import audit
from eximpact.extensions import db
from eximpact.org.models import Person, Team
from eximpact.periods import Period, parse_period
from eximpact.surveys.models import EXTERNAL_ID_MAX, MAX_N, SOURCE_MAX, ExternalMetric
from eximpact.validation import ValidationFailed, too_long

METRIC_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"
METRIC_HINT = "Use a short lowercase name: a letter, then letters, digits or _ (at most 40)."
ANY_METRIC_LIMIT = Decimal(1_000_000_000)
RANGES = {  # the known metrics' scales
    "nps": (Decimal(-100), Decimal(100)),
    "csat": (Decimal(0), Decimal(100)),
    "ces": (Decimal(1), Decimal(7)),
}
KNOWN_METRICS = tuple(RANGES)
PLACES = 4


@dataclass(frozen=True)
class ResultInput:
    """One checked result, ready to save."""

    team_id: int
    period: Period
    metric: str
    value: Decimal
    n: int
    source: str = ""
    external_id: str | None = None

    @property
    def key(self) -> tuple:
        return (self.team_id, self.metric, self.period.key, self.source)


@dataclass
class Saved:
    """What a batch did: every item (stored or new) in input order, and the counts."""

    items: list[ExternalMetric] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def parse_value(raw) -> Decimal | None:
    """A number from text or JSON: `45.5`, `45,5` (decimal comma), `-12`; None if not one."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float, Decimal)):
        raw = str(raw)
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if not re.fullmatch(r"[-+]?\d{1,12}([.,]\d{1,12})?", text):
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern already refuses it
        return None


def value_problem(metric: str, value: Decimal) -> str | None:
    low, high = RANGES.get(metric, (-ANY_METRIC_LIMIT, ANY_METRIC_LIMIT))
    if not value.is_finite() or not low <= value <= high:
        scale = f"{metric.upper()} " if metric in RANGES else ""
        return f"{scale}must be a number from {low:,} to {high:,}."
    if value != value.quantize(Decimal(1).scaleb(-PLACES)):
        return f"Use at most {PLACES} decimals."
    return None


def _active_team_ids(team_ids: set[int]) -> set[int]:
    if not team_ids:
        return set()
    return set(db.session.scalars(select(Team.id).where(Team.id.in_(team_ids), Team.active)))


def check_results(rows: list[dict]) -> tuple[list[ResultInput | None], dict[int, dict]]:
    """Each row (`team_id` int, `period` text, `metric` text, `value` number or text,
    `n` int, `source`, `external_id`) checked; problems by row index, then by field.
    One query for the teams whatever the number of rows."""
    teams = _active_team_ids({r["team_id"] for r in rows if isinstance(r.get("team_id"), int)})
    checked: list[ResultInput | None] = []
    problems: dict[int, dict[str, list[str]]] = {}
    for index, row in enumerate(rows):
        faults: dict[str, list[str]] = {}

        def fault(name, message, faults=faults):
            faults.setdefault(name, []).append(message)

        team_id = row.get("team_id")
        if not isinstance(team_id, int) or team_id not in teams:
            fault("team_id", "No active team has this id.")
        period = None
        try:
            period = parse_period(row.get("period") if isinstance(row.get("period"), str) else "")
        except ValidationFailed as error:
            fault("period", error.message)
        metric = row.get("metric") if isinstance(row.get("metric"), str) else ""
        metric = metric.strip().lower()
        if not re.fullmatch(METRIC_PATTERN, metric):
            fault("metric", METRIC_HINT)
        value = parse_value(row.get("value"))
        if value is None:
            fault("value", "Must be a number (45.5 or 45,5).")
        elif metric and (problem := value_problem(metric, value)):
            fault("value", problem)
        n = row.get("n")
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_N:
            fault("n", f"The number of responses must be a whole number from 1 to {MAX_N:,}.")
        source = (row.get("source") or "").strip()
        if len(source) > SOURCE_MAX:
            fault("source", too_long(SOURCE_MAX))
        external_id = (row.get("external_id") or "").strip() or None
        if external_id and len(external_id) > EXTERNAL_ID_MAX:
            fault("external_id", too_long(EXTERNAL_ID_MAX))
        if faults:
            problems[index] = faults
            checked.append(None)
        else:
            checked.append(ResultInput(team_id, period, metric, value, n, source, external_id))
    _check_repeats(checked, problems)
    return checked, problems


def _check_repeats(checked: list[ResultInput | None], problems: dict) -> None:
    """The same result twice in one batch is a mistake in the batch: name the second."""
    keys: dict[tuple, int] = {}
    ids: dict[str, int] = {}
    for index, item in enumerate(checked):
        if item is None:
            continue
        if item.external_id and (first := ids.get(item.external_id)) is not None:
            problems.setdefault(index, {}).setdefault("external_id", []).append(
                f"The same external id is already item {first}."
            )
        elif (first := keys.get(item.key)) is not None:
            problems.setdefault(index, {}).setdefault("period", []).append(
                f"Item {first} is already this team's {item.metric} for this period and source."
            )
        if item.external_id:
            ids.setdefault(item.external_id, index)
        keys.setdefault(item.key, index)


def _stored(items: list[ResultInput]) -> tuple[dict, dict]:
    """The stored results matching the batch by external id or by natural key: one query."""
    ids = sorted({item.external_id for item in items if item.external_id})
    keys = sorted({item.key for item in items})
    conditions = [
        tuple_(
            ExternalMetric.team_id,
            ExternalMetric.metric,
            ExternalMetric.period_key,
            ExternalMetric.source,
        ).in_(keys)
    ]
    if ids:
        conditions.append(ExternalMetric.external_id.in_(ids))
    rows = db.session.scalars(select(ExternalMetric).where(or_(*conditions))).all() if keys else []
    by_id = {row.external_id: row for row in rows if row.external_id}
    by_key = {(row.team_id, row.metric, row.period_key, row.source): row for row in rows}
    return by_id, by_key


def conflicts(items: list[ResultInput]) -> dict[int, dict]:
    """Results whose natural key is stored under another external id: refused, by index."""
    by_id, by_key = _stored(items)
    problems = {}
    for index, item in enumerate(items):
        stored = by_key.get(item.key)
        if item.external_id in by_id or stored is None:
            continue
        if item.external_id and stored.external_id and stored.external_id != item.external_id:
            problems[index] = {
                "external_id": [
                    f"This team's {item.metric} for {item.period.key} from this source is "
                    f"already stored under the external id {stored.external_id}."
                ]
            }
    return problems


def save_results(actor: Person | None, items: list[ResultInput], via: str) -> Saved:
    """Store checked results (call `conflicts` first); flush, the caller commits once."""
    by_id, by_key = _stored(items)
    saved = Saved()
    for item in items:
        stored = by_id.get(item.external_id) if item.external_id else None
        if stored is not None:
            saved.unchanged += 1
        elif (stored := by_key.get(item.key)) is not None:
            if stored.value == item.value and stored.n == item.n:
                saved.unchanged += 1
            else:
                stored.value, stored.n = item.value, item.n
                saved.updated += 1
            if item.external_id and not stored.external_id:
                stored.external_id = item.external_id
        else:
            stored = ExternalMetric(
                team_id=item.team_id,
                period_key=item.period.key,
                period_start=item.period.start,
                grain=item.period.grain,
                metric=item.metric,
                value=item.value,
                n=item.n,
                source=item.source,
                external_id=item.external_id,
            )
            db.session.add(stored)
            by_key[item.key] = stored
            saved.created += 1
        saved.items.append(stored)
    db.session.flush()
    if saved.changed:
        first = saved.items[0]
        audit.record(
            "external_metric",
            first.id,
            "import",
            actor,
            via=via,
            created=saved.created,
            updated=saved.updated,
            unchanged=saved.unchanged,
            ids=sorted({item.id for item in saved.items})[:1000],
        )
        db.session.flush()
    return saved
