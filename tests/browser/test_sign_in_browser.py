"""Signing in through a real browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import TEST_PASSWORD, PersonFactory

pytestmark = pytest.mark.browser


def test_a_person_signs_in_and_sees_the_home_page(page, live_server):
    person = live_server.create(
        PersonFactory, name="Brenda Browser", email="brenda@browser.example.com"
    )
    page.goto("/")
    assert re.search(r"/sign-in", page.url)
    page.get_by_label("E-mail").fill(person.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Hello, Brenda")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()


def test_a_wrong_password_shows_an_error_in_the_browser(page, live_server):
    person = live_server.create(PersonFactory, email="wrong@browser.example.com")
    page.goto("/sign-in")
    page.get_by_label("E-mail").fill(person.email)
    page.get_by_label("Password").fill("definitely not it")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("do not match an active account")).to_be_visible()
    assert page.get_by_label("E-mail").input_value() == person.email
