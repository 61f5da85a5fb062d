"""The scorecard, the team card and the EX–CX link need the same number of queries for
10 teams as for 300: every source is read once per request, whatever the tree's size."""

import pytest

from eximpact.extensions import db
from eximpact.pulse.services import rounds
from tests.factories import PersonFactory, TeamFactory
from tests.praise.factories import PraiseFactory
from tests.pulse.factories import answer_as, make_round, open_round

URLS = [
    "/scorecards/?period=2026-Q3",
    "/scorecards/scorecard.csv?period=2026",
    "/scorecards/link?period=2026-Q3",
    "/api/v1/scorecards?period=2026",
    "/api/v1/insight/link?period=2026-Q3",
]


def _grow(top, hr, teams: int) -> None:
    """`teams` more teams under `top`, each with two people praised together with the
    previous team's, and a closed pulse round answered by the newest ones."""
    people = []
    for _ in range(teams):
        team = TeamFactory(parent=top)
        people.extend(PersonFactory(team=team) for _ in range(2))
        PraiseFactory(employees=people[-3:])
    round_ = open_round(hr, make_round(hr))
    answer_as(people[-6:], round_)
    rounds.close_round(hr, round_)
    db.session.commit()


@pytest.mark.parametrize("url", URLS)
def test_scorecard_pages_need_the_same_queries_for_10_or_300_teams(
    client, auth, api, count_queries, frozen_clock, url
):
    hr = PersonFactory(roles=["hr"])
    top = TeamFactory(name="Everyone")
    auth.login(hr)
    headers = api(hr).headers

    def queries(more: int) -> int:
        _grow(top, hr, more)
        client.get(url, headers=headers)
        with count_queries() as counter:
            assert client.get(url, headers=headers).status_code == 200
        return counter.count

    assert queries(10) == queries(290)


def test_the_team_card_needs_the_same_queries_for_10_or_300_teams(
    client, auth, api, count_queries, frozen_clock
):
    hr = PersonFactory(roles=["hr"])
    top = TeamFactory(name="Everyone")
    auth.login(hr)
    headers = api(hr).headers
    urls = (f"/scorecards/teams/{top.id}?period=2026-Q3", f"/api/v1/teams/{top.id}/scorecard")

    def queries(more: int) -> list[int]:
        _grow(top, hr, more)
        counts = []
        for url in urls:
            client.get(url, headers=headers)
            with count_queries() as counter:
                assert client.get(url, headers=headers).status_code == 200
            counts.append(counter.count)
        return counts

    assert queries(10) == queries(290)
