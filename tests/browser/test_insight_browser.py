"""Insight in a real browser: HR reads the scorecard with an imported survey column, opens
a team's card, and asks the EX–CX link about the imported NPS."""

import re
import uuid
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.browser.test_recognition_browser import sign_in
from tests.factories import PersonFactory, TeamFactory
from tests.surveys.factories import ExternalMetricFactory

pytestmark = pytest.mark.browser


def test_hr_reads_the_scorecard_opens_a_team_card_and_the_link(page, live_server):
    tag = uuid.uuid4().hex[:6]

    def setup():
        team = TeamFactory(name=f"Insight team {tag}")
        PersonFactory(team=team)
        hr = PersonFactory(email=f"hr-{tag}@example.com", roles=["hr"])
        ExternalMetricFactory(team=team, period="2026-Q3", value=Decimal(47), n=123)
        return hr.email, team.name

    hr_email, team_name = live_server.run(setup)

    sign_in(page, hr_email)
    page.get_by_role("button", name="Insight").click()
    page.get_by_role("link", name="Scorecards").click()
    page.get_by_label(re.compile("^Period")).fill("2026-Q3")
    page.get_by_role("button", name="Show").click()
    table = page.get_by_role("table", name=re.compile("Scorecard, Q3 2026"))
    expect(table.get_by_role("columnheader", name="NPS (survey)")).to_be_visible()
    row = table.get_by_role("row", name=re.compile(team_name))
    expect(row).to_contain_text("n = 123")

    row.get_by_role("link", name=team_name).click()
    expect(page.get_by_role("heading", name=team_name, level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Weakest pillar")).to_be_visible()
    expect(page.get_by_role("heading", name=f"Open actions reaching {team_name}")).to_be_visible()

    page.get_by_role("button", name="Insight").click()
    page.get_by_role("link", name="EX–CX link").click()
    page.get_by_label("Customer metric").select_option(label="NPS (survey)")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text(re.compile("Too few teams to tell"))).to_be_visible()
    expect(page.get_by_text(re.compile("Correlation, not causation")).first).to_be_visible()
