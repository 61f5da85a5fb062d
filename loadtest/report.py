"""The figures of a run and its one summary line."""

from dataclasses import dataclass, field


@dataclass
class Figures:
    requests: int
    per_second: float
    p95_ms: float
    server_errors: int
    cut_by_faults: int
    notes: list[str] = field(default_factory=list)


def _failed(status: int) -> bool:
    return status == 0 or status >= 500


def _p95(seconds: list[float]) -> float:
    ordered = sorted(seconds)
    return ordered[int(0.95 * (len(ordered) - 1))] if ordered else 0.0


def figures(requests: list, windows: list, started: float, ended: float) -> Figures:
    """The load from `started` (everyone signed in) to `ended`; failures at any time count.

    Requests that failed while a fault was on are counted apart from server errors.
    """
    ramp_up = [end - start for start, end, _status, _name in requests if start < started]
    requests_all, requests = requests, [r for r in requests if r[0] >= started]
    p95 = _p95([end - start for start, end, _status, _name in requests]) * 1000
    cut, outside = 0, []
    for start, end, status, name in requests_all:
        if not _failed(status):
            continue
        if any(start <= w_end and end >= w_start for _n, w_start, w_end in windows):
            cut += 1
        else:
            outside.append((start, end, status, name))
    notes = [
        f"fault window: {n} from +{s - started:.1f} s for {e - s:.1f} s" for n, s, e in windows
    ]
    notes.append(f"{cut} requests cut by the faults (counted apart)")
    notes.append(
        f"while people were still signing in: {len(ramp_up)} requests, "
        f"p95 {_p95(ramp_up) * 1000:.0f} ms (checked, but not in the figures)"
    )
    notes += [
        f"server error outside the fault windows: {status} on {name} "
        f"from +{start - started:.1f} s for {end - start:.1f} s"
        for start, end, status, name in outside[:10]
    ]
    errors = len(outside)
    by_name: dict[str, list[float]] = {}
    for start, end, _status, name in requests:
        by_name.setdefault(name, []).append(end - start)
    slowest = sorted(by_name.items(), key=lambda kv: -_p95(kv[1]))[:5]
    notes += [f"p95 {_p95(t) * 1000:.0f} ms over {len(t)} × {name}" for name, t in slowest]
    duration = max(ended - started, 1e-9)
    return Figures(len(requests), len(requests) / duration, p95, errors, cut, notes)


def summary_line(numbers: Figures, verdict) -> str:
    return (
        f"loadtest: {numbers.requests} requests, {numbers.per_second:.0f}/s, "
        f"p95 {numbers.p95_ms:.0f} ms, {verdict.lost} lost, {verdict.duplicated} duplicated, "
        f"{verdict.breaks} invariant breaks, {numbers.server_errors} server errors outside "
        "fault windows"
    )
