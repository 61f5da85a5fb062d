"""The home page: what is planned for me, and what waits for me."""

from datetime import date, timedelta

from eximpact import clock
from tests.campaigns.factories import CampaignFactory, InitiativeFactory, RolloutFactory
from tests.factories import PersonFactory, TeamFactory


def test_the_home_page_lists_what_is_planned_for_my_team_and_everyone(client, auth):
    mine, other = TeamFactory(), TeamFactory()
    me = PersonFactory(team=mine)
    campaign = CampaignFactory()
    soon = clock.today() + timedelta(days=3)
    later = clock.today() + timedelta(days=30)
    InitiativeFactory(campaign=campaign, title="For everyone", start_date=soon, end_date=later)
    ours = InitiativeFactory(
        campaign=campaign, title="For my team", start_date=soon, end_date=later
    )
    RolloutFactory(initiative=ours, team=mine)
    theirs = InitiativeFactory(
        campaign=campaign, title="Elsewhere", start_date=soon, end_date=later
    )
    RolloutFactory(initiative=theirs, team=other)
    InitiativeFactory(
        campaign=campaign, title="Still a draft", status="draft", start_date=soon, end_date=later
    )
    InitiativeFactory(
        campaign=campaign, title="Long over", start_date=date(2020, 1, 1), end_date=date(2020, 2, 1)
    )
    auth.login(me)
    page = client.get("/").get_data(as_text=True)
    assert "For everyone" in page and "For my team" in page
    assert "Elsewhere" not in page and "Still a draft" not in page and "Long over" not in page


def test_the_home_page_tells_an_approver_and_a_manager_what_waits(client, auth):
    boss = PersonFactory(roles=["manager"])
    team = TeamFactory(manager=boss)
    InitiativeFactory(status="draft", approval_state="pending", approver=boss)
    RolloutFactory(initiative=InitiativeFactory(status="in_progress"), team=team)
    auth.login(boss)
    page = client.get("/").get_data(as_text=True)
    assert "wait for your approval" in page or "waits for your approval" in page
    assert "rollout in your teams to report on" in page


def test_the_home_page_tells_a_manager_about_outreach_and_weeks_to_approve(client, auth):
    from datetime import timedelta

    from tests.ambassadors.factories import TODAY, CxProjectFactory, TimeEntryFactory, ambassador
    from tests.praise.factories import log_praise

    boss = PersonFactory(roles=["manager"])
    sam = ambassador(manager=boss)
    TimeEntryFactory(
        person=sam,
        project=CxProjectFactory(),
        work_date=TODAY - timedelta(days=8),
        status="submitted",
    )
    log_praise(sam, on=clock.today() - timedelta(days=30))  # its follow-up is long overdue
    auth.login(boss)
    page = client.get("/").get_data(as_text=True)
    assert "1</strong> ambassador week to approve" in page
    assert "1 overdue" in page
