"""Sizes, dates and the bulk-insert helpers every builder of the benchmark shares."""

import os
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import insert, select

from config import TestingConfig
from eximpact import clock
from eximpact.auth.services import hash_password
from eximpact.extensions import db

PEOPLE = int(os.environ.get("BENCH_PEOPLE", 5000))
TEAMS = int(os.environ.get("BENCH_TEAMS", 250))
YEARS = int(os.environ.get("BENCH_YEARS", 5))
INITIATIVES_PER_YEAR = int(os.environ.get("BENCH_INITIATIVES_PER_YEAR", 1500))
AMBASSADORS = int(os.environ.get("BENCH_AMBASSADORS", 150))
CX_PROJECTS = int(os.environ.get("BENCH_CX_PROJECTS", 40))
ENTRIES_PER_WEEK = int(os.environ.get("BENCH_ENTRIES_PER_WEEK", 6))  # per ambassador, average
PRAISE = int(os.environ.get("BENCH_PRAISE", 30000))
NOMINATIONS = int(os.environ.get("BENCH_NOMINATIONS", 15000))
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
