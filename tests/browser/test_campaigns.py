"""HR plans an initiative from a template and sees it on the programme dashboard."""

from datetime import date

import pytest

from eximpact import clock
from tests.campaigns.factories import CampaignFactory
from tests.factories import TEST_PASSWORD, PersonFactory

pytestmark = pytest.mark.browser


def sign_in(page, person):
    page.goto("/sign-in")
    page.get_by_label("E-mail").fill(person.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")


def test_hr_plans_a_town_hall_from_a_template_and_sees_it_on_the_dashboard(page, live_server):
    hr = live_server.create(
        PersonFactory, name="Hana Planner", email="hana@browser.example.com", roles=["hr"]
    )
    year = clock.today().year
    campaign = live_server.create(
        CampaignFactory,
        name=f"Browser campaign {year}",
        owner_id=hr.id,
        start_date=date(year, 1, 1),
        end_date=date(year, 12, 31),
    )
    sign_in(page, hr)
    page.goto(f"/campaigns/{campaign.id}")
    page.get_by_role("link", name="Plan an initiative").first.click()
    page.get_by_role("link", name="Town hall").click()
    assert page.get_by_label("Title").input_value() == "Town hall: why customer experience matters"
    page.get_by_label("Status").select_option("planned")
    page.get_by_role("button", name="Save initiative").click()
    assert page.get_by_role(
        "heading", name="Town hall: why customer experience matters"
    ).is_visible()

    page.goto(f"/campaigns/{campaign.id}")
    recent = page.get_by_role("region", name="Recently planned")
    assert recent.get_by_role(
        "link", name="Town hall: why customer experience matters"
    ).is_visible()
    inspire_row = page.get_by_role("row").filter(has_text="Inspire")
    assert inspire_row.get_by_role("cell").nth(0).inner_text() == "1"
    assert "0 of" not in page.get_by_text("weeks").first.inner_text()


def test_choosing_a_template_after_typing_asks_before_replacing_the_text(page, live_server):
    """A template refills the form only after the planner agrees; declining keeps the typing."""
    hr = live_server.create(
        PersonFactory, name="Tia Typist", email="tia@browser.example.com", roles=["hr"]
    )
    year = clock.today().year
    campaign = live_server.create(
        CampaignFactory,
        name=f"Typing campaign {year}",
        owner_id=hr.id,
        start_date=date(year, 1, 1),
        end_date=date(year, 12, 31),
    )
    sign_in(page, hr)
    page.goto(f"/campaigns/initiatives/new?campaign={campaign.id}")
    page.get_by_label("Title").fill("My own words, typed with care")
    asked = []

    def decline(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", decline)
    page.get_by_role("link", name="Town hall").click()
    assert asked and "replaces what you have typed" in asked[0]
    assert page.get_by_label("Title").input_value() == "My own words, typed with care"

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("link", name="Town hall").click()
    page.wait_for_url("**template=town_hall**")
    assert page.get_by_label("Title").input_value() == "Town hall: why customer experience matters"
