"""Speed benchmarks with years of data: `make bench`.

Builds a large organisation in a throw-away database (SQLite by default,
`BENCH_DATABASE_URL` for PostgreSQL) with bulk Core inserts, one `build_*` function per
feature, each keeping that feature's rules so every page works on the data:

- people and teams: departments with sub-teams, a manager per team, everyone's line manager;
- plans: a campaign a year with its initiatives and team rollouts;
- the ambassador programme: approved enrolments (a third of the ambassadors report to one
  manager, whose approval queue has real work), pending and declined ones, CX projects
  under each year's ambassador initiative, and years of weekly time: approved history with
  a few rejected, forgotten and long-waiting weeks, the last weeks submitted, this week in
  draft;
- customer praise with the praised people and their leaders' outreach, most of it done;
- recognition: categories, monthly and annual award cycles, nominations in every state
  (within each cycle's budget and the per-cycle limit), some with praise as evidence.

Then it times the busiest pages and API calls through the whole WSGI stack (test clients
signed in as HR, as an ambassador and as that busy manager; a bearer token of HR for the
API) against the same targets for every scenario (p50 ≤ 50 ms, p95 ≤ 150 ms, p50 ≤ 5× a
floor, a signed-in `GET /api/v1/me` timed in the same run), with the number of SQL queries
of one request beside it. Exits non-zero when a target is missed or a request does not
answer 200. On PostgreSQL the tables are ANALYZEd after the build, as autovacuum would.
Speed targets live here, never in the test suite, where timings would make tests flaky.
Sizes: `BENCH_SIZE=default` (quick) or `large` (a large customer, issue 10), see
bench/common.py; each BENCH_* figure there can be overridden; BENCH_SEED changes the data.
BENCH_ONLY=report,wall times only the scenarios whose names hold one of those words.
`make bench-postgres` runs the same on a throw-away PostgreSQL server.
"""
