"""The client-side ledger: every request the load made, and every write it asked for.

A write is recorded *before* it is sent, so one cut off mid-flight is still known (its
outcome stays in doubt). `outcome()` is the one reading of a response: 2xx (or the
timesheet's redirect) acknowledged, 4xx refused, no answer or 5xx in doubt.
"""

import json
import time
from pathlib import Path

ACKED, REFUSED, DOUBT = "acked", "refused", "doubt"


def outcome(status: int | None) -> str:
    if status is None or status == 0 or status >= 500:
        return DOUBT
    return ACKED if status < 400 else REFUSED


class Ledger:
    def __init__(self):
        self.requests: list[tuple[float, float, int, str]] = []  # start, end, status, name
        self.writes: list[dict] = []

    def request(self, start: float, seconds: float, status: int, name: str) -> None:
        self.requests.append((start, start + seconds, status, name))

    def write(self, kind: str, **data) -> dict:
        record = {"kind": kind, "status": None, "t0": time.time(), "t1": None, **data}
        self.writes.append(record)
        return record

    @staticmethod
    def answered(record: dict, response, **data) -> dict:
        record["status"] = response.status_code if response is not None else 0
        record["t1"] = time.time()
        record.update(data)
        return record

    def dump(self, path: Path) -> None:
        path.write_text(json.dumps({"requests": self.requests, "writes": self.writes}))


def load(path: Path) -> dict:
    return json.loads(path.read_text())
