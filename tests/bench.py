"""Speed benchmarks with years of data: `make bench`.

Builds a large organisation in a throw-away database (SQLite by default,
`BENCH_DATABASE_URL` for PostgreSQL), then times the busiest pages and API calls
through the whole WSGI stack and compares the 95th percentile with a target.
Exits non-zero when a target is missed. Speed targets live here, never in the
test suite, where timings would make tests flaky.
"""

import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert, select

from config import TestingConfig, normalise_database_url
from eximpact import create_app
from eximpact.auth.services import issue_personal_token
from eximpact.campaigns.models import PILLARS, Campaign, Initiative, Rollout
from eximpact.extensions import db
from eximpact.org.models import Person, RoleAssignment, Team
from tests.factories import TEST_PASSWORD, password_hash

PEOPLE = int(os.environ.get("BENCH_PEOPLE", 5000))
TEAMS = int(os.environ.get("BENCH_TEAMS", 250))
YEARS = int(os.environ.get("BENCH_YEARS", 5))
INITIATIVES_PER_YEAR = int(os.environ.get("BENCH_INITIATIVES_PER_YEAR", 1500))
RUNS = int(os.environ.get("BENCH_RUNS", 20))


@dataclass
class Scenario:
    name: str
    path: str
    target_ms: float
    api: bool = False


def build_data(app) -> dict:
    """Bulk-insert the organisation and years of plans with Core inserts (seconds, not minutes)."""
    with app.app_context():
        hashed = password_hash()
        db.session.execute(
            insert(Team), [{"name": f"Team {n:04d}", "active": True} for n in range(TEAMS)]
        )
        team_ids = db.session.scalars(select(Team.id).order_by(Team.id)).all()
        db.session.execute(
            insert(Person),
            [
                {
                    "name": f"Person {n:05d}",
                    "email": f"person{n}@bench.example.com",
                    "password_hash": hashed,
                    "team_id": team_ids[n % TEAMS],
                    "active": True,
                    "login_nonce": f"{n:032d}",
                }
                for n in range(PEOPLE)
            ],
        )
        people = db.session.scalars(select(Person.id).order_by(Person.id)).all()
        hr_id = people[0]
        db.session.execute(
            insert(RoleAssignment),
            [{"person_id": hr_id, "role": "hr"}]
            + [{"person_id": pid, "role": "manager"} for pid in people[1 : TEAMS + 1]],
        )
        for index, team_id in enumerate(team_ids):
            db.session.get(Team, team_id).manager_id = people[1 + index]
        this_year = date.today().year
        campaign_ids = []
        for year in range(this_year - YEARS + 1, this_year + 1):
            db.session.execute(
                insert(Campaign),
                [
                    {
                        "name": f"CX culture {year}",
                        "goal": "",
                        "owner_id": hr_id,
                        "start_date": date(year, 1, 1),
                        "end_date": date(year, 12, 31),
                        "budget": Decimal(500_000),
                    }
                ],
            )
            campaign_id = db.session.scalar(
                select(Campaign.id).where(Campaign.name == f"CX culture {year}")
            )
            campaign_ids.append(campaign_id)
            rows = []
            for n in range(INITIATIVES_PER_YEAR):
                start = date(year, 1, 1) + timedelta(days=(n * 7) % 330)
                rows.append(
                    {
                        "campaign_id": campaign_id,
                        "pillar": PILLARS[n % 5],
                        "title": f"Initiative {year}-{n}",
                        "description": "",
                        "owner_id": people[n % PEOPLE],
                        "start_date": start,
                        "end_date": start + timedelta(days=30 + n % 120),
                        "status": ("planned", "in_progress", "done", "draft", "cancelled")[n % 5],
                        "progress": n % 101,
                        "budget": Decimal(n % 5000),
                        "actual_cost": Decimal(n % 4000),
                        "two_way": n % 3 == 0,
                        "quick_win": n % 7 == 0,
                        "sender": "",
                        "audience": "",
                        "trigger": "",
                        "channel": "",
                        "tools": "",
                        "frequency": ("once", "weekly", "monthly", "quarterly")[n % 4],
                        "approval_state": "not_required",
                        "approval_comment": "",
                    }
                )
            db.session.execute(insert(Initiative), rows)
        initiative_ids = db.session.scalars(select(Initiative.id)).all()
        db.session.execute(
            insert(Rollout),
            [
                {
                    "initiative_id": iid,
                    "team_id": team_ids[(iid * 7 + k) % TEAMS],
                    "status": "not_started",
                    "note": "",
                }
                for iid in initiative_ids[::3]
                for k in range(3)
            ],
        )
        hr = db.session.get(Person, hr_id)
        _, token = issue_personal_token(hr, "bench", None)
        db.session.commit()
        return {
            "hr_email": hr.email,
            "token": token,
            "campaign": campaign_ids[-1],
            "manager_email": "person1@bench.example.com",
        }


def scenarios(data: dict) -> list[Scenario]:
    campaign = data["campaign"]
    return [
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
    ]


def measure(client, scenario: Scenario, headers: dict) -> list[float]:
    timings = []
    for _ in range(RUNS + 2):
        started = time.perf_counter()
        response = client.get(scenario.path, headers=headers if scenario.api else {})
        response.get_data()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{scenario.name}: HTTP {response.status_code} on {scenario.path}")
        timings.append(elapsed)
    return timings[2:]  # the first two warm caches


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        url = normalise_database_url(
            os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{Path(folder) / 'bench.db'}")
        )
        config = type("BenchConfig", (TestingConfig,), {"SQLALCHEMY_DATABASE_URI": url})
        app = create_app(config)
        from tests.conftest import reset_database

        reset_database(app)
        size = f"{PEOPLE} people, {TEAMS} teams, {YEARS} years × {INITIATIVES_PER_YEAR} initiatives"
        print(f"Building {size}…")
        started = time.perf_counter()
        data = build_data(app)
        print(f"  built in {time.perf_counter() - started:.1f} s on {url.split(':')[0]}\n")
        client = app.test_client()
        client.post("/sign-in", data={"email": data["hr_email"], "password": TEST_PASSWORD})
        headers = {"Authorization": f"Bearer {data['token']}"}
        failures = 0
        print(f"{'scenario':<34} {'median':>8} {'p95':>8} {'target':>8}")
        for scenario in scenarios(data):
            timings = sorted(measure(client, scenario, headers))
            p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
            ok = p95 <= scenario.target_ms
            failures += not ok
            print(
                f"{scenario.name:<34} {statistics.median(timings):>6.0f}ms {p95:>6.0f}ms "
                f"{scenario.target_ms:>6.0f}ms {'ok' if ok else 'TOO SLOW'}"
            )
        with app.app_context():
            db.engine.dispose()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
