"""Search as you type in long person lists: HR types part of a name in the praise form,
Enter picks the match, a second person joins as a chip, and the praise is saved for both."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.test_recognition_browser import sign_in
from tests.factories import PersonFactory

pytestmark = pytest.mark.browser


def test_hr_finds_two_people_by_typing_and_logs_praise_for_both(page, live_server):
    tag = uuid.uuid4().hex[:6]

    def setup():
        hr = PersonFactory(email=f"hr-{tag}@example.com", roles=["hr"])
        for name in ("Zofia Żółkiewska", "Jonas Jonaitis", "Olga Orlova"):
            PersonFactory(name=f"{name} {tag}")
        return hr.email

    sign_in(page, live_server.run(setup))
    page.goto("/praise/new")
    search = page.get_by_role("searchbox", name=re.compile("Search Who was praised"))
    search.fill(f"zolk {tag}")  # no accents needed
    search.press("Enter")
    search.fill(f"olga {tag}")
    search.press("Enter")
    expect(page.get_by_role("button", name=f"Remove Zofia Żółkiewska {tag}")).to_be_visible()
    expect(page.get_by_role("button", name=f"Remove Olga Orlova {tag}")).to_be_visible()
    page.get_by_label("The customer's words").fill("Both of them helped me sort out my order.")
    page.get_by_role("button", name="Log praise").click()
    expect(page.get_by_text("Both of them helped me sort out my order.")).to_be_visible()
    expect(page.get_by_text(f"Zofia Żółkiewska {tag}").first).to_be_visible()
    expect(page.get_by_text(f"Olga Orlova {tag}").first).to_be_visible()
