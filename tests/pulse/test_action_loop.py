"""From a weak cell to a draft initiative: each item beside its pillar's activity."""

import re
from datetime import timedelta

from eximpact import clock
from eximpact.pulse.services.rounds import close_round
from tests.campaigns.factories import CampaignFactory, InitiativeFactory, RolloutFactory
from tests.factories import PersonFactory, TeamFactory
from tests.pulse.factories import answer_as, make_round, open_round

WEAK_FEEDBACK = {"mission": 6, "feedback": 2, "tools": 6}


def test_each_item_sits_beside_its_pillars_initiatives_reaching_the_team(api):
    today = clock.today()
    team, elsewhere = TeamFactory(), TeamFactory()
    hr = PersonFactory(roles=["hr"])
    people = [PersonFactory(team=team) for _ in range(5)]
    campaign = CampaignFactory(
        start_date=today - timedelta(days=30), end_date=today + timedelta(days=60)
    )
    InitiativeFactory(campaign=campaign, pillar="engage")  # for everyone
    RolloutFactory(initiative=InitiativeFactory(campaign=campaign, pillar="engage"), team=team)
    RolloutFactory(initiative=InitiativeFactory(campaign=campaign, pillar="engage"), team=elsewhere)
    InitiativeFactory(campaign=campaign, pillar="inspire", status="draft")  # drafts do not count
    round_ = open_round(hr, make_round(hr, teams=[team]))
    answer_as(people, round_, WEAK_FEEDBACK)
    close_round(hr, round_)
    data = api(hr).get(f"/api/v1/pulse/rounds/{round_.id}/results").get_json()
    activity = data["teams"][0]["context"]["activity"]
    assert activity["feedback"] == {"pillar": "engage", "initiatives": 2}
    assert activity["mission"] == {"pillar": "inspire", "initiatives": 0}


def test_plan_an_initiative_from_a_weak_cell_opens_the_form_with_pillar_and_team(client, auth):
    team = TeamFactory(name="Weak feedback team")
    hr = PersonFactory(roles=["hr"])
    people = [PersonFactory(team=team) for _ in range(5)]
    round_ = open_round(hr, make_round(hr, teams=[team]))
    answer_as(people, round_, WEAK_FEEDBACK)
    close_round(hr, round_)
    auth.login(hr)
    page = client.get(f"/pulse/rounds/{round_.id}/results").get_data(as_text=True)
    links = re.findall(r'href="(/campaigns/initiatives/new\?[^"]+)"', page)
    assert links == [f"/campaigns/initiatives/new?pillar=engage&amp;team={team.id}"]
    form = client.get(links[0].replace("&amp;", "&")).get_data(as_text=True)
    assert re.search(r'<option selected value="engage">|value="engage" selected', form)
    assert re.search(rf'checked[^>]*value="{team.id}"|value="{team.id}"[^>]*checked', form)
