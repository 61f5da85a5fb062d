"""From customer praise to the recognition wall, in a real browser.

An employee nominates a colleague from a piece of praise, the colleague's manager
approves it, and it appears on the wall with the customer's words.
"""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.factories import TEST_PASSWORD, PersonFactory, TeamFactory
from tests.praise.factories import log_praise
from tests.recognition.factories import AwardCycleFactory, CategoryFactory

pytestmark = pytest.mark.browser


def sign_in(page, email: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/$"))


def test_an_employee_nominates_a_peer_from_praise_and_the_manager_approves_it(
    page, browser, live_server
):
    tag = uuid.uuid4().hex[:6]

    def setup():
        team = TeamFactory(name=f"Browser team {tag}")
        manager = PersonFactory(name=f"Mara Manager {tag}", email=f"mara-{tag}@example.com")
        nominator = PersonFactory(
            name=f"Nico Nominator {tag}",
            email=f"nico-{tag}@example.com",
            team=team,
            manager=manager,
        )
        peer = PersonFactory(
            name=f"Petra Peer {tag}", email=f"petra-{tag}@example.com", team=team, manager=manager
        )
        CategoryFactory(name=f"Customer hero {tag}")
        AwardCycleFactory(name=f"Browser cycle {tag}")
        praise = log_praise(peer, text=f"Petra rescued my booking {tag}", intake="webhook")
        return manager.email, nominator.email, peer.name, praise.id

    manager_email, nominator_email, peer_name, praise_id = live_server.run(setup)

    sign_in(page, nominator_email)
    page.goto(f"/praise/{praise_id}")
    page.get_by_role("link", name=f"Nominate {peer_name} for this praise").click()
    page.get_by_label("Category").select_option(label=f"Customer hero {tag}")
    assert page.get_by_role("checkbox", name=re.compile("Petra rescued my booking")).is_checked()
    page.get_by_label("Why they deserve it").fill(
        "Petra stayed on the phone until the customer's booking was safe again."
    )
    page.get_by_role("button", name="Submit nomination").click()
    expect(
        page.get_by_text(f"Your nomination of {peer_name} is submitted for review.")
    ).to_be_visible()

    manager_context = browser.new_context(base_url=live_server.url)
    manager_page = manager_context.new_page()
    try:
        sign_in(manager_page, manager_email)
        manager_page.goto("/recognition/nominations")
        manager_page.get_by_role("link", name=f"Open the nomination of {peer_name}").click()
        manager_page.get_by_role("button", name="Approve").click()
        expect(manager_page.get_by_text("is on the recognition wall")).to_be_visible()

        manager_page.goto("/recognition/")
        card = manager_page.locator("article", has_text=peer_name)
        expect(card.get_by_text("booking was safe again")).to_be_visible()
        expect(card.get_by_text(f"Petra rescued my booking {tag}")).to_be_visible()
    finally:
        manager_context.close()

    page.goto("/recognition/")
    expect(page.locator("article", has_text=peer_name)).to_be_visible()


def test_a_colleague_reacts_to_and_comments_on_a_wall_card(page, live_server):
    """With CSRF on, as people use it: a reaction, a comment under the card, then removal."""
    tag = uuid.uuid4().hex[:6]

    def setup():
        from eximpact import clock
        from tests.recognition.factories import NominationFactory

        hero = PersonFactory(name=f"Hana Hero {tag}", email=f"hana-{tag}@example.com")
        fan = PersonFactory(name=f"Felix Fan {tag}", email=f"felix-{tag}@example.com")
        NominationFactory(
            nominee=hero,
            status="approved",
            reviewed_at=clock.now(),
            recognised_at=clock.now(),
            reason=f"Hana calmed an angry customer {tag}.",
        )
        return fan.email

    fan_email = live_server.run(setup)
    sign_in(page, fan_email)
    page.goto("/recognition/")
    card = page.locator("article", has_text=f"Hana Hero {tag}")
    card.get_by_role("button", name=re.compile("Applause")).click()
    card = page.locator("article", has_text=f"Hana Hero {tag}")
    expect(card.get_by_role("button", name=re.compile("Applause"))).to_have_attribute(
        "aria-pressed", "true"
    )
    card.get_by_label("Your comment").fill(f"Bravo, Hana {tag}!")
    card.get_by_role("button", name="Comment").click()
    expect(page.get_by_text("Your comment is on the wall.")).to_be_visible()
    card = page.locator("article", has_text=f"Hana Hero {tag}")
    expect(card.get_by_text(f"Bravo, Hana {tag}!")).to_be_visible()
    page.on("dialog", lambda dialog: dialog.accept())
    card.get_by_role("button", name=re.compile("Remove")).click()
    expect(page.get_by_text("The comment is removed.")).to_be_visible()
    expect(page.get_by_text(f"Bravo, Hana {tag}!")).to_have_count(0)
