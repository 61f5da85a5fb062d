"""The team card: figures over time, the team's pulse bands and climate items under the
disclosure rule, the open actions reaching it, and its weakest pillar."""

from datetime import date

import pytest

from eximpact import clock
from eximpact.extensions import db
from eximpact.periods import parse_period
from eximpact.pulse.services import rounds
from eximpact.pulse.services.scope import team_parents
from eximpact.scorecards.services.team_card import team_card
from tests.campaigns.factories import InitiativeFactory, RolloutFactory
from tests.pulse.factories import answer_as, make_round, open_round
from tests.scorecards.factories import care_org

TODAY = date(2026, 11, 20)
Q4 = parse_period("2026-Q4")
# mission (inspire) and feedback (engage) high, tools (instruct) low: instruct is weakest.
ANSWERS = {"mission": 6, "feedback": 5, "tools": 2}


@pytest.fixture
def org(app):
    with clock.frozen(TODAY):
        yield care_org(north=5, south=2)


def _pulse(org, people, values=ANSWERS):
    with clock.frozen(date(2026, 10, 1)):
        round_ = open_round(
            org.hr, make_round(org.hr, [org.care], min_group=5, closes_on=date(2026, 10, 14))
        )
        answer_as(people, round_, values)
        rounds.close_round(org.hr, round_)
    return round_


def _card(org, team):
    return team_card(team, Q4, team_parents(), TODAY)


def test_the_weakest_pillar_is_the_one_whose_statements_score_lowest(org):
    _pulse(org, org.north_people)
    card = _card(org, org.north)
    assert card["weakest_pillar"]["pillar"] == "instruct"
    assert card["weakest_pillar"]["score"] == round((2 - 1) / 6, 4)
    assert [b["band"] for b in card["bands"]] == ["highly", "moderately", "slightly", "disengaged"]
    assert sum(b["share"] for b in card["bands"]) == pytest.approx(1)


def test_a_team_the_disclosure_rule_hides_shows_no_bands_and_no_weakest_pillar(org):
    _pulse(org, org.north_people + org.south_people)  # South: 2 answers, below 5
    card = _card(org, org.south)
    assert card["bands"] == [] and card["weakest_pillar"] is None
    assert card["pulse"]["engagement"]["status"] != "shown"


def test_without_a_closed_round_the_card_says_so(org):
    card = _card(org, org.north)
    assert card["pulse"]["engagement"]["status"] == "no_round"
    assert card["climate_items"] == []


def test_open_actions_are_running_initiatives_rolled_out_to_the_team_or_above_or_to_all(org):
    running = {"start_date": date(2026, 10, 1), "end_date": date(2026, 12, 31)}
    to_parent = InitiativeFactory(title="Listening sessions", status="in_progress", **running)
    RolloutFactory(initiative=to_parent, team=org.care)
    for_everyone = InitiativeFactory(title="Town hall", status="planned", **running)
    elsewhere = InitiativeFactory(title="South only", status="planned", **running)
    RolloutFactory(initiative=elsewhere, team=org.south)
    InitiativeFactory(title="Finished", status="done", **running)
    InitiativeFactory(title="A draft", status="draft", **running)
    InitiativeFactory(title="Over", status="planned", end_date=date(2026, 11, 1))
    own = InitiativeFactory(title="North kit", status="in_progress", **running)
    RolloutFactory(initiative=own, team=org.north, status="done")
    db.session.flush()

    actions = _card(org, org.north)["open_actions"]

    titles = {a["initiative"].title for a in actions}
    assert titles == {"Listening sessions", "Town hall", "North kit"}
    assert next(a for a in actions if a["initiative"] == own)["done_here"] is True
    assert for_everyone in [a["initiative"] for a in actions]


def test_the_team_page_shows_the_card_with_a_way_to_plan_for_the_weakest_pillar(org, client, auth):
    _pulse(org, org.north_people)
    auth.login(org.hr)
    with clock.frozen(TODAY):
        page = client.get(f"/scorecards/teams/{org.north.id}?period=2026-Q4")
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Weakest pillar" in body and "pillar=instruct" in body
    assert "Engagement bands" in body and "Over time" in body and "<svg" in body


def test_the_team_page_runs_the_same_number_of_queries_with_more_initiatives(
    org, client, auth, count_queries
):
    auth.login(org.hr)
    path = f"/scorecards/teams/{org.north.id}?period=2026-Q4"
    counts = []
    for extra in (1, 6):
        for _ in range(extra):
            InitiativeFactory(status="planned", end_date=date(2026, 12, 31))
        db.session.flush()
        with clock.frozen(TODAY), count_queries() as counter:
            assert client.get(path).status_code == 200
        counts.append(len(counter.statements))
    assert counts[0] == counts[1]
