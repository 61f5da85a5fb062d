"""Build the data, then time the busiest pages and API calls against their targets."""

import json
import os
import tempfile
from datetime import date, timedelta
from pathlib import Path
from time import perf_counter

from flask_migrate import upgrade
from sqlalchemy import func, select, text

from bench.ambassadors import build_ambassadors
from bench.common import PASSWORD, SIZE, TODAY, YEARS
from bench.insight import build_pulse, build_surveys
from bench.measure import HEADER, QueryCounter, Scenario, measure, row, targets_line
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
from eximpact.periods import QUARTER, period_of
from eximpact.pulse.models import PulseRound
from eximpact.recognition.periods import shift


def timed(name: str, build, *args) -> dict:
    started = perf_counter()
    data, summary = build(*args)
    print(f"  {name:<13} {perf_counter() - started:5.1f} s  {summary}")
    return data


def build_data(app) -> dict:
    """Every feature's data, feature by feature, timed; then HR's API token."""
    with app.app_context():
        org = timed("organisation", build_organisation)
        plans = timed("plans", build_plans, org)
        ambassadors = timed("ambassadors", build_ambassadors, org, plans)
        praise = timed("praise", build_praise, org)
        recognition_data = timed("recognition", build_recognition, org, praise)
        timed("pulse", build_pulse, org)
        timed("surveys", build_surveys, org)
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("ANALYZE"))  # what autovacuum does after a bulk load
            db.session.commit()
        return {
            "hr_id": org["hr_id"],
            "hr_email": org["hr_email"],
            "manager_email": org["manager_email"],
            "campaign": plans["campaign"],
            **ambassadors,
            **recognition_data,
        }


def hr_token(app, data: dict) -> str:
    """A fresh bearer token of HR for the API scenarios (tokens are stored hashed)."""
    with app.app_context():
        _, token = issue_personal_token(db.session.get(Person, data["hr_id"]), "bench", None)
        db.session.commit()
        return token


def kept_or_built(app, kept: Path | None) -> dict:
    """Build the data, or reuse a build kept by an earlier run (BENCH_KEEP, SQLite only).

    A kept database is upgraded to the newest migration first, so a run after a schema
    change (a new index, a new rollup the migration backfills) measures the new schema
    without another multi-minute build. Delete the file to build afresh.
    """
    sidecar = kept.with_suffix(".json") if kept else None
    if sidecar and sidecar.exists() and kept.exists():
        print(f"Reusing the data kept in {kept} (upgraded to the newest migration)…")
        data = json.loads(sidecar.read_text())
        with app.app_context():
            upgrade()
            add_insight_data(data)
            db.engine.dispose()
        return data
    from eximpact.schema import reset_database

    reset_database(app)
    dialect = app.config["SQLALCHEMY_DATABASE_URI"].split(":")[0]
    print(f"Building {YEARS} years of data ({SIZE} size) on {dialect}…")
    started = perf_counter()
    data = build_data(app)
    print(f"  built in {perf_counter() - started:.1f} s\n")
    if sidecar:
        sidecar.write_text(json.dumps(data, default=str))
    return data


def add_insight_data(data: dict) -> None:
    """A kept build from before the pulse and survey data gets them added, once."""
    if db.session.scalar(select(func.count()).select_from(PulseRound)):
        return
    print("Adding the pulse rounds and survey results the kept data lacks…")
    org = {"hr_id": data["hr_id"]}
    timed("pulse", build_pulse, org)
    timed("surveys", build_surveys, org)
    db.session.commit()


FLOOR = Scenario("Floor: GET /api/v1/me (signed in)", "/api/v1/me", api=True)


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
                )
            )
            boards.append(
                Scenario(
                    f"Leaderboard (API), a {period}{scope}",
                    f"/api/v1/recognition/leaderboard?{query}" + extra.replace("team=", "team_id="),
                    api=True,
                )
            )
    quarter = period_of(TODAY, QUARTER).previous().key  # the last closed quarter
    insight = [
        Scenario("Scorecard, a quarter", f"/scorecards/?period={quarter}"),
        Scenario("Scorecard (API), a quarter", f"/api/v1/scorecards?period={quarter}", api=True),
        Scenario("Scorecard, a year", f"/scorecards/?period={year}"),
        Scenario("Scorecard (API), a year", f"/api/v1/scorecards?period={year}", api=True),
        Scenario("Scorecard CSV, a quarter", f"/scorecards/scorecard.csv?period={quarter}"),
        Scenario("Team card", f"/scorecards/teams/{team}?period={quarter}"),
        Scenario("Team card (API), four quarters", f"/api/v1/teams/{team}/scorecard", api=True),
        Scenario("EX–CX link", f"/scorecards/link?period={quarter}"),
        Scenario("EX–CX link (API)", f"/api/v1/insight/link?period={quarter}", api=True),
    ]
    return [
        # people, teams, campaigns and initiatives
        Scenario("Programme dashboard (page)", f"/campaigns/{campaign}"),
        Scenario("Dashboard (API)", f"/api/v1/campaigns/{campaign}/dashboard", api=True),
        Scenario(
            "Initiatives list, filtered",
            f"/campaigns/initiatives?campaign={campaign}&pillar=engage",
        ),
        Scenario("Initiatives (API), page 40", "/api/v1/initiatives?page=40&per_page=50", api=True),
        Scenario("Timeline", f"/campaigns/{campaign}/timeline"),
        Scenario("Communication plan CSV", f"/campaigns/{campaign}/communication-plan.csv"),
        Scenario("People admin, search", "/org/people?q=person 4"),
        Scenario("People (API)", "/api/v1/people?per_page=200", api=True),
        Scenario("Home page", "/"),
        # the ambassador programme
        Scenario(
            "Timesheet, last week (ambassador)",
            f"/ambassadors/timesheet?week={last_week}",
            client="ambassador",
        ),
        Scenario("Approval queue (manager)", "/ambassadors/approvals", client="manager"),
        Scenario("Hours report by project, a year", f"/ambassadors/reports?{year_range}"),
        Scenario(
            "Hours report by month, a year",
            f"/ambassadors/reports?{year_range}&group_by=month",
        ),
        Scenario(
            "Hours report (API) by month, a year",
            f"/api/v1/reports/hours?group_by=month&{year_range}",
            api=True,
        ),
        Scenario(
            f"Time entries (API), page {deep_page}",
            f"/api/v1/time-entries?per_page=200&page={deep_page}",
            api=True,
        ),
        Scenario("Time entries list (page)", "/ambassadors/entries"),
        Scenario("Hours CSV (API), a month", f"/api/v1/reports/hours.csv?{month_range}", api=True),
        Scenario("CX project page", f"/ambassadors/projects/{project}"),
        # praise and recognition
        Scenario("Recognition wall", "/recognition/"),
        Scenario("Wall (API), page 5", "/api/v1/recognition/wall?page=5", api=True),
        *boards,
        Scenario("Praise list", "/praise/"),
        Scenario("My outreach (manager)", "/praise/outreach", client="manager"),
        Scenario("Outreach report, 90 days", "/praise/outreach/report"),
        Scenario("Outreach report, a year", "/praise/outreach/report?days=365"),
        Scenario("Nominations to review (manager)", "/recognition/nominations", client="manager"),
        Scenario("Nominations (API), page 20", "/api/v1/nominations?page=20&per_page=50", api=True),
        # insight: scorecards, the team card and the EX–CX link
        *insight,
    ]


def signed_in(app, email: str):
    client = app.test_client()
    response = client.post("/sign-in", data={"email": email, "password": PASSWORD})
    if response.status_code != 302:
        raise SystemExit(f"Could not sign in as {email}: HTTP {response.status_code}")
    return client


def main() -> int:
    # BENCH_KEEP=/path/bench.db keeps the built SQLite data for the next run.
    kept = Path(os.environ["BENCH_KEEP"]).resolve() if os.environ.get("BENCH_KEEP") else None
    with tempfile.TemporaryDirectory() as folder:
        default = kept or Path(folder) / "bench.db"
        url = normalise_database_url(os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{default}"))
        if kept and not url.startswith("sqlite"):
            raise SystemExit("BENCH_KEEP keeps SQLite data only; unset BENCH_DATABASE_URL.")
        config = type("BenchConfig", (TestingConfig,), {"SQLALCHEMY_DATABASE_URI": url})
        app = create_app(config)
        data = kept_or_built(app, kept)
        data["token"] = hr_token(app, data)
        clients = {
            "hr": signed_in(app, data["hr_email"]),
            "ambassador": signed_in(app, data["ambassador_email"]),
            "manager": signed_in(app, data["manager_email"]),
        }
        headers = {"Authorization": f"Bearer {data['token']}"}
        with app.app_context():
            queries = QueryCounter(db.engine)
        floor = measure(clients["hr"], FLOOR, headers, queries)
        print(targets_line())
        print(HEADER)
        print(row(floor, floor.p50))
        results, failures = [], 0
        # Parts of the names to time, comma-separated (all when unset).
        only = [part for part in os.environ.get("BENCH_ONLY", "").lower().split(",") if part]
        for scenario in scenarios(data):
            if only and not any(part in scenario.name.lower() for part in only):
                continue
            results.append(
                measure(
                    clients[scenario.client],
                    scenario,
                    headers,
                    queries,
                    floor=(clients["hr"], FLOOR),
                )
            )
            failures += bool(results[-1].misses(floor.p50))
            print(row(results[-1], floor.p50), flush=True)
        print(f"\n{len(results) - failures} of {len(results)} scenarios meet every target.")
        with app.app_context():
            db.engine.dispose()
    return 1 if failures else 0
