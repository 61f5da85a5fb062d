"""The employee columns show exactly what the round's results show: the same value for a
shown team, the same status for a hidden one (read from the round's tally)."""

import random

from eximpact.periods import YEAR, period_of
from eximpact.pulse.items import CLIMATE, CLIMATE_ITEMS, ENGAGEMENT, ENGAGEMENT_ITEMS
from eximpact.pulse.services import rounds
from eximpact.pulse.services.results import round_results
from eximpact.scorecards.services.scorecard import ScorecardQuery, scorecard
from tests.factories import PersonFactory, TeamFactory
from tests.pulse.factories import CustomerCare, answer_as, make_round, open_round

HEADLINE = {ENGAGEMENT: "engaged_share", CLIMATE: "climate_index"}


def test_employee_columns_equal_the_rounds_results_shown_and_hidden_alike(app):
    """Care North (8) and Small (6) answer fully, Care South only twice (under k): with
    Care's head that leaves 3 hidden answers in Care, so Small is withheld to protect
    them. Each team's column in the scorecard is the results' figure for it."""
    rng = random.Random(3)
    org = CustomerCare()
    small = TeamFactory(name="Small", parent=org.care)
    smalls = [PersonFactory(team=small) for _ in range(6)]
    hr = PersonFactory(roles=["hr"])
    teams = (org.care, org.north, org.south, small)
    for kind in (ENGAGEMENT, CLIMATE):
        items = ENGAGEMENT_ITEMS if kind == ENGAGEMENT else CLIMATE_ITEMS
        round_ = open_round(hr, make_round(hr, kind=kind, title=kind))
        for person in [org.head, *org.north_people, *org.south_people[:2], *smalls]:
            answer_as([person], round_, {i.key: rng.randint(i.minimum, i.maximum) for i in items})
        rounds.close_round(hr, round_)

        results = {row["team_id"]: row for row in round_results(round_, hr)["teams"]}
        period = period_of(round_.closes_on, YEAR)
        card = {row["team_id"]: row for row in scorecard(hr, ScorecardQuery(period, None))["teams"]}
        statuses = set()
        for team in teams:
            shown = card[team.id]["employee"][HEADLINE[kind]]["value"]
            expected = results[team.id][HEADLINE[kind]]
            assert {k: shown[k] for k in ("value", "status")} == expected
            assert shown["round_id"] == round_.id
            statuses.add(expected["status"])
        assert statuses == {"shown", "not_enough_responses", "withheld_to_protect_others"}
