"""Build the data, then time the busiest pages and API calls against their targets."""

import os
import statistics
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from time import perf_counter

from sqlalchemy import event, text

from bench.ambassadors import build_ambassadors
from bench.common import PASSWORD, RUNS, TODAY, YEARS
from bench.org import build_organisation, build_plans
from bench.praise import build_praise
from bench.recognition import build_recognition
from config import TestingConfig, normalise_database_url
from eximpact import create_app
from eximpact.ambassadors.models import (
    monday_of,
)
from eximpact.auth.services import issue_personal_token
from eximpact.extensions import db
from eximpact.org.models import Person
from eximpact.recognition.periods import shift


@dataclass
class Scenario:
    name: str
    path: str
    target_ms: float
    api: bool = False
    client: str = "hr"  # who is signed in: hr, ambassador or manager


def build_data(app) -> dict:
    """Every feature's data, feature by feature, timed; then HR's API token."""
    with app.app_context():

        def timed(name: str, build, *args) -> dict:
            started = perf_counter()
            data, summary = build(*args)
            print(f"  {name:<13} {perf_counter() - started:5.1f} s  {summary}")
            return data

        org = timed("organisation", build_organisation)
        plans = timed("plans", build_plans, org)
        ambassadors = timed("ambassadors", build_ambassadors, org, plans)
        praise = timed("praise", build_praise, org)
        recognition_data = timed("recognition", build_recognition, org, praise)
        hr = db.session.get(Person, org["hr_id"])
        _, token = issue_personal_token(hr, "bench", None)
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("ANALYZE"))  # what autovacuum does after a bulk load
            db.session.commit()
        return {
            "hr_email": org["hr_email"],
            "manager_email": org["manager_email"],
            "token": token,
            "campaign": plans["campaign"],
            **ambassadors,
            **recognition_data,
        }


def scenarios(data: dict) -> list[Scenario]:
    campaign, project, team = data["campaign"], data["project"], data["team"]
    year = TODAY.year - 1 if YEARS > 1 else TODAY.year
    year_range = f"from={year}-01-01&to={year}-12-31"
    month_end = TODAY.replace(day=1) - timedelta(days=1)  # last full month
    month_range = f"from={month_end.replace(day=1)}&to={month_end}"
    last_week = monday_of(TODAY) - timedelta(weeks=1)
    deep_page = max(1, data["entries"] // 200 * 3 // 4)
    periods = {
        "month": month_end,
        "quarter": shift("quarter", TODAY, -1),
        "year": date(year, 6, 30),
    }
    boards = []
    for period, day in periods.items():
        for scope, extra in (("", ""), (", one team", f"&team={team}")):
            query = f"period={period}&date={day}"
            boards.append(
                Scenario(
                    f"Leaderboard, a {period}{scope}",
                    f"/recognition/leaderboard?{query}" + extra,
                    400,
                )
            )
            boards.append(
                Scenario(
                    f"Leaderboard (API), a {period}{scope}",
                    f"/api/v1/recognition/leaderboard?{query}" + extra.replace("team=", "team_id="),
                    300,
                    api=True,
                )
            )
    return [
        # people, teams, campaigns and initiatives
        Scenario("Programme dashboard (page)", f"/campaigns/{campaign}", 400),
        Scenario("Dashboard (API)", f"/api/v1/campaigns/{campaign}/dashboard", 300, api=True),
        Scenario(
            "Initiatives list, filtered",
            f"/campaigns/initiatives?campaign={campaign}&pillar=engage",
            300,
        ),
        Scenario(
            "Initiatives (API), page 40", "/api/v1/initiatives?page=40&per_page=50", 300, api=True
        ),
        Scenario("Timeline", f"/campaigns/{campaign}/timeline", 600),
        Scenario("Communication plan CSV", f"/campaigns/{campaign}/communication-plan.csv", 800),
        Scenario("People admin, search", "/org/people?q=person 4", 250),
        Scenario("People (API)", "/api/v1/people?per_page=200", 300, api=True),
        Scenario("Home page", "/", 250),
        # the ambassador programme
        Scenario(
            "Timesheet, last week (ambassador)",
            f"/ambassadors/timesheet?week={last_week}",
            400,
            client="ambassador",
        ),
        Scenario("Approval queue (manager)", "/ambassadors/approvals", 400, client="manager"),
        Scenario("Hours report by project, a year", f"/ambassadors/reports?{year_range}", 600),
        Scenario(
            "Hours report by month, a year",
            f"/ambassadors/reports?{year_range}&group_by=month",
            600,
        ),
        Scenario(
            "Hours report (API) by month, a year",
            f"/api/v1/reports/hours?group_by=month&{year_range}",
            300,
            api=True,
        ),
        Scenario(
            f"Time entries (API), page {deep_page}",
            f"/api/v1/time-entries?per_page=200&page={deep_page}",
            300,
            api=True,
        ),
        Scenario("Time entries list (page)", "/ambassadors/entries", 400),
        Scenario(
            "Hours CSV (API), a month", f"/api/v1/reports/hours.csv?{month_range}", 1000, api=True
        ),
        Scenario("CX project page", f"/ambassadors/projects/{project}", 400),
        # praise and recognition
        Scenario("Recognition wall", "/recognition/", 400),
        Scenario("Wall (API), page 5", "/api/v1/recognition/wall?page=5", 300, api=True),
        *boards,
        Scenario("Praise list", "/praise/", 400),
        Scenario("My outreach (manager)", "/praise/outreach", 400, client="manager"),
        Scenario("Outreach report, 90 days", "/praise/outreach/report", 400),
        Scenario("Outreach report, a year", "/praise/outreach/report?days=365", 600),
        Scenario(
            "Nominations to review (manager)", "/recognition/nominations", 400, client="manager"
        ),
        Scenario(
            "Nominations (API), page 20", "/api/v1/nominations?page=20&per_page=50", 300, api=True
        ),
    ]


class QueryCounter:
    """Counts the SQL statements the engine runs (to tell a slow query from many queries)."""

    def __init__(self, engine):
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._count)

    def _count(self, *_args) -> None:
        self.count += 1


def measure(client, scenario: Scenario, headers: dict, queries: QueryCounter):
    """Timings of RUNS requests after two that warm caches, and the queries of the last one."""
    timings = []
    for _ in range(RUNS + 2):
        before = queries.count
        started = perf_counter()
        response = client.get(scenario.path, headers=headers if scenario.api else {})
        response.get_data()
        elapsed = (perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{scenario.name}: HTTP {response.status_code} on {scenario.path}")
        timings.append(elapsed)
    return timings[2:], queries.count - before


def signed_in(app, email: str):
    client = app.test_client()
    response = client.post("/sign-in", data={"email": email, "password": PASSWORD})
    if response.status_code != 302:
        raise SystemExit(f"Could not sign in as {email}: HTTP {response.status_code}")
    return client


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        url = normalise_database_url(
            os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{Path(folder) / 'bench.db'}")
        )
        config = type("BenchConfig", (TestingConfig,), {"SQLALCHEMY_DATABASE_URI": url})
        app = create_app(config)
        from tests.conftest import reset_database

        reset_database(app)
        print(f"Building {YEARS} years of data on {url.split(':')[0]}…")
        started = perf_counter()
        data = build_data(app)
        print(f"  built in {perf_counter() - started:.1f} s\n")
        clients = {
            "hr": signed_in(app, data["hr_email"]),
            "ambassador": signed_in(app, data["ambassador_email"]),
            "manager": signed_in(app, data["manager_email"]),
        }
        headers = {"Authorization": f"Bearer {data['token']}"}
        with app.app_context():
            queries = QueryCounter(db.engine)
        failures = 0
        print(f"{'scenario':<40} {'median':>8} {'p95':>8} {'target':>8} {'queries':>8}")
        for scenario in scenarios(data):
            timings, count = measure(clients[scenario.client], scenario, headers, queries)
            timings.sort()
            p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
            ok = p95 <= scenario.target_ms
            failures += not ok
            print(
                f"{scenario.name:<40} {statistics.median(timings):>6.0f}ms {p95:>6.0f}ms "
                f"{scenario.target_ms:>6.0f}ms {count:>8} {'ok' if ok else 'TOO SLOW'}"
            )
        with app.app_context():
            db.engine.dispose()
    return 1 if failures else 0
