"""Access rules of the scorecard pages and API: HR, admin and managers; never an employee
or an ambassador. The team is the manager persona's own (a manager outside it: 403, in
tests/scorecards/test_access.py)."""

from tests.access import r

VIEWERS = frozenset({"manager", "hr", "admin"})


def populate(world) -> None:
    world.ids.update(scorecard_team=world.team.id)


ROUTES = {
    "scorecards.index": r(VIEWERS, ("GET", "/scorecards/?period=2026-Q3", None)),
    "scorecards.scorecard_csv": r(VIEWERS, ("GET", "/scorecards/scorecard.csv", None)),
    "scorecards.scorecard_xlsx": r(VIEWERS, ("GET", "/scorecards/scorecard.xlsx", None)),
    "scorecards.team": r(VIEWERS, ("GET", "/scorecards/teams/{scorecard_team}", None)),
    "scorecards.ex_cx_link": r(VIEWERS, ("GET", "/scorecards/link?lag=1", None)),
    "api.scorecards": r(VIEWERS, ("GET", "/api/v1/scorecards?period=2026", None)),
    "api.scorecards_csv": r(VIEWERS, ("GET", "/api/v1/scorecards.csv", None)),
    "api.team_scorecard": r(
        VIEWERS, ("GET", "/api/v1/teams/{scorecard_team}/scorecard?grain=month", None)
    ),
    "api.insight_link": r(VIEWERS, ("GET", "/api/v1/insight/link?y=praise_nps", None)),
}
