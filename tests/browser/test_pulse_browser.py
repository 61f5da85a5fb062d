"""An employee answers the pulse on a phone; HR sees results only after closing."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from eximpact.pulse.services.rounds import close_round
from tests.factories import TEST_PASSWORD, PersonFactory, TeamFactory
from tests.pulse.factories import answer_as, make_round, open_round

pytestmark = pytest.mark.browser


def sign_in(page, email: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/$"))


def test_an_employee_answers_on_a_phone_and_hr_sees_results_only_after_closing(
    browser, live_server
):
    tag = uuid.uuid4().hex[:6]

    def setup():
        team = TeamFactory(name=f"Pulse team {tag}")
        hr = PersonFactory(email=f"hr-{tag}@example.com", roles=["hr"])
        people = [PersonFactory(team=team, email=f"p{i}-{tag}@example.com") for i in range(6)]
        round_ = open_round(hr, make_round(hr, teams=[team], title=f"Phone pulse {tag}"))
        answer_as(people[1:], round_)  # five colleagues already answered
        return hr.email, people[0].email, round_.id

    hr_email, employee_email, round_id = live_server.run(setup)
    phone = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = phone.new_page()
    sign_in(page, employee_email)
    page.get_by_role("link", name=re.compile("Answer now")).click()
    expect(page.get_by_text("What is stored")).to_be_visible()
    # Keyboard only: focus the first choice of each statement, move with the arrow keys.
    for key in ("mission", "feedback", "tools"):
        page.locator(f"#{key}-1").focus()
        for _ in range(5):
            page.keyboard.press("ArrowRight")
    assert page.locator("#mission-6").is_checked()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone: {width}px"
    page.get_by_role("button", name="Send my answer").click()
    page.wait_for_url(re.compile(r"/$"))
    expect(page.get_by_text("your answer is in")).to_be_visible()
    page.goto(f"/pulse/rounds/{round_id}/answer")
    expect(page.get_by_text("already answered")).to_be_visible()
    phone.close()

    desk = browser.new_context(base_url=live_server.url)
    page = desk.new_page()
    sign_in(page, hr_email)
    page.goto(f"/pulse/rounds/{round_id}/results")
    expect(page.get_by_text("Results appear only once the round has closed")).to_be_visible()
    live_server.run(lambda: close_round(None, _round(round_id)))
    page.goto(f"/pulse/rounds/{round_id}/results")
    expect(page.get_by_role("heading", name=re.compile("Heatmap"))).to_be_visible()
    assert page.locator(f'tr[data-team="Pulse team {tag}"]').get_attribute("data-status") == "shown"
    desk.close()


def _round(round_id):
    from eximpact.extensions import db
    from eximpact.pulse.models import PulseRound

    return db.session.get(PulseRound, round_id)
