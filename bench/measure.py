"""Timing one scenario through the WSGI stack, and the table that judges it.

Every scenario meets the same three targets (issue 10): a median of at most 50 ms, a 95th
percentile of at most 150 ms, and a median at most five times the floor, a trivial
signed-in `GET /api/v1/me` timed in the same run (so a busy machine shows as a high floor,
not as a slow page; a floor request runs just before each timed one, and the ratio is
to the median of those). Queries per request are shown beside it, to tell a slow query from
many queries.
"""

import statistics
from dataclasses import dataclass
from time import perf_counter

from sqlalchemy import event

from bench.common import RUNS

P50_MS = 50.0
P95_MS = 150.0
FLOOR_RATIO = 5.0


@dataclass
class Scenario:
    name: str
    path: str
    api: bool = False
    client: str = "hr"  # who is signed in: hr, ambassador or manager


@dataclass
class Result:
    name: str
    p50: float
    p95: float
    queries: int
    floor: float | None = None  # the floor's p50 measured beside it

    def ratio(self, floor: float) -> float:
        floor = self.floor or floor
        return self.p50 / floor if floor else float("inf")

    def misses(self, floor: float) -> list[str]:
        """What this result misses, in words (empty when it meets every target)."""
        missed = []
        if self.p50 > P50_MS:
            missed.append("p50")
        if self.p95 > P95_MS:
            missed.append("p95")
        if self.ratio(floor) > FLOOR_RATIO:
            missed.append("ratio")
        return missed


class QueryCounter:
    """Counts the SQL statements the engine runs."""

    def __init__(self, engine):
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._count)

    def _count(self, *_args) -> None:
        self.count += 1


def percentile(sorted_timings: list[float], share: float) -> float:
    """Nearest-rank percentile of already sorted timings."""
    rank = max(1, -(-len(sorted_timings) * share // 1))  # ceil
    return sorted_timings[int(rank) - 1]


def _timed(client, scenario: Scenario, headers: dict) -> float:
    started = perf_counter()
    response = client.get(scenario.path, headers=headers if scenario.api else {})
    response.get_data()
    elapsed = (perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{scenario.name}: HTTP {response.status_code} on {scenario.path}")
    return elapsed


def measure(client, scenario: Scenario, headers: dict, queries: QueryCounter, floor=None):
    """RUNS requests after two that warm caches: their p50 and p95, the last's queries.

    With `floor` (a (client, Scenario) pair), a floor request runs just before each one,
    so the ratio compares with the floor under the same load at the same moment.
    """
    timings, floors = [], []
    for _ in range(RUNS + 2):
        if floor is not None:
            floors.append(_timed(*floor, headers))
        before = queries.count
        timings.append(_timed(client, scenario, headers))
        count = queries.count - before
    timings = sorted(timings[2:])
    return Result(
        scenario.name,
        statistics.median(timings),
        percentile(timings, 0.95),
        count,
        statistics.median(floors[2:]) if floors else None,
    )


HEADER = f"{'scenario':<44} {'p50':>8} {'p95':>8} {'floor':>8} {'× floor':>8} {'queries':>8}"


def row(result: Result, floor: float) -> str:
    missed = result.misses(floor)
    verdict = "ok" if not missed else "MISS " + ", ".join(missed)
    return (
        f"{result.name:<44} {result.p50:>6.1f}ms {result.p95:>6.1f}ms "
        f"{result.floor or floor:>6.1f}ms {result.ratio(floor):>7.1f}× "
        f"{result.queries:>8}  {verdict}"
    )


def targets_line() -> str:
    return (
        f"targets: p50 ≤ {P50_MS:.0f} ms, p95 ≤ {P95_MS:.0f} ms, p50 ≤ {FLOOR_RATIO:.0f}× the floor"
    )
