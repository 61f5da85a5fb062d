"""Sizes, dates and the bulk-insert helpers every builder of the benchmark shares."""

import os
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import insert, select

from config import TestingConfig
from eximpact import clock
from eximpact.auth.services import hash_password
from eximpact.extensions import db

# BENCH_SIZE picks the defaults (each BENCH_* variable still overrides its own figure):
# "default" for quick runs, "large" for a large customer (issue 10): 10,000 people in 500
# teams, five years, about 1,000,000 time entries by 640 ambassadors, 200,000 praise,
# 100,000 nominations and 7,500 initiatives.
SIZES = {
    "default": {
        "PEOPLE": 5000,
        "TEAMS": 250,
        "YEARS": 5,
        "INITIATIVES_PER_YEAR": 1500,
        "AMBASSADORS": 150,
        "CX_PROJECTS": 40,
        "ENTRIES_PER_WEEK": 6,
        "PRAISE": 30000,
        "NOMINATIONS": 15000,
    },
    "large": {
        "PEOPLE": 10000,
        "TEAMS": 500,
        "YEARS": 5,
        "INITIATIVES_PER_YEAR": 1500,
        "AMBASSADORS": 640,
        "CX_PROJECTS": 40,
        "ENTRIES_PER_WEEK": 8,
        "PRAISE": 200000,
        "NOMINATIONS": 100000,
    },
}
SIZE = os.environ.get("BENCH_SIZE") or "default"
if SIZE not in SIZES:
    raise SystemExit(f"BENCH_SIZE must be one of: {', '.join(SIZES)} (not {SIZE!r})")


def _size(name: str) -> int:
    return int(os.environ.get(f"BENCH_{name}", SIZES[SIZE][name]))


PEOPLE = _size("PEOPLE")
TEAMS = _size("TEAMS")
YEARS = _size("YEARS")
INITIATIVES_PER_YEAR = _size("INITIATIVES_PER_YEAR")
AMBASSADORS = _size("AMBASSADORS")
CX_PROJECTS = _size("CX_PROJECTS")
ENTRIES_PER_WEEK = _size("ENTRIES_PER_WEEK")  # per ambassador, average
PRAISE = _size("PRAISE")
NOMINATIONS = _size("NOMINATIONS")
RUNS = int(os.environ.get("BENCH_RUNS", 20))
SEED = int(os.environ.get("BENCH_SEED", 1))

CHUNK = 20_000  # rows per bulk insert
PER_CYCLE = TestingConfig.NOMINATIONS_PER_CYCLE
DUE_DAYS = TestingConfig.OUTREACH_DUE_DAYS
TODAY = clock.today()
NOW = clock.now()
FIRST_DAY = date(TODAY.year - YEARS + 1, 1, 1)  # the data covers FIRST_DAY..TODAY


def email_of(n: int) -> str:
    return f"person{n}@bench.example.com"


def name_of(n: int) -> str:
    return f"Person {n:05d}"


def insert_rows(model_or_table, rows: list[dict]) -> None:
    """Core executemany in chunks: seconds for hundreds of thousands of rows."""
    table = getattr(model_or_table, "__table__", model_or_table)
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(table), rows[start : start + CHUNK])


def ids_of(column) -> list[int]:
    """Ids in insertion order (the tables start empty, so ids grow with each insert)."""
    return db.session.scalars(select(column).order_by(column)).all()


def quarter_hours(hours: float) -> Decimal:
    return max(Decimal("0.25"), Decimal(round(hours * 4)) / 4)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


PASSWORD = "bench-password"  # every benchmark person's; the timed clients sign in with it


def password_hash() -> str:
    """The one hash every benchmark person shares, made by the app's own password rule."""
    return hash_password(PASSWORD)
