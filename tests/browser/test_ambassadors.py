"""An ambassador fills a week on the timesheet; their manager approves it. Real Chromium."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from eximpact import clock
from eximpact.ambassadors.models import TimeEntry
from eximpact.extensions import db
from tests.ambassadors.factories import CxProjectFactory, ambassador, manager_with_team
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser

LAST_MONDAY = clock.today() - timedelta(days=clock.today().weekday() + 7)


def sign_in(page, email: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/$"))


def make_team(tag: str) -> dict:
    manager, team = manager_with_team(name=f"Mona {tag}", email=f"mona.{tag}@browser.example.com")
    sam = ambassador(
        manager=manager, team=team, name=f"Sam {tag}", email=f"sam.{tag}@browser.example.com"
    )
    project = CxProjectFactory(name=f"Callback promise {tag}")
    db.session.flush()
    return {"manager": manager.email, "sam": sam.email, "sam_id": sam.id, "project": project.name}


def entries_of(person_id: int) -> list[tuple]:
    return [
        (entry.work_date, float(entry.hours), entry.status)
        for entry in db.session.scalars(
            select(TimeEntry).where(TimeEntry.person_id == person_id).order_by(TimeEntry.work_date)
        )
    ]


def test_an_ambassador_logs_a_week_and_the_manager_approves_it(browser, live_server):
    people = live_server.run(make_team, "week")
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, people["sam"])
    page.goto(f"/ambassadors/timesheet?week={LAST_MONDAY.isoformat()}")
    page.get_by_label("CX project of row 1").select_option(label=people["project"])
    monday = page.get_by_label(re.compile(r"^Hours on Monday .*, row 1$"))
    monday.fill("1.5")
    monday.press("ArrowDown")  # the keyboard moves to the row below, same day
    assert page.evaluate("document.activeElement.id") == "r1-d0"
    page.get_by_label(re.compile(r"^Hours on Wednesday .*, row 1$")).fill("1:30")
    assert page.locator("[data-week-total]").inner_text() == "3"  # totals follow the typing
    page.get_by_role("button", name="Submit week").click()
    expect(page.get_by_text("Week submitted: 2 entries wait for approval.")).to_be_visible()
    expect(page.get_by_text("Submitted").first).to_be_visible()
    context.close()

    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    sign_in(page, people["manager"])
    page.goto("/ambassadors/approvals")
    week = page.get_by_role("region", name=re.compile("Sam week"))
    expect(week.get_by_text("3 h waiting")).to_be_visible()
    week.get_by_role("button", name="Approve week").click()
    expect(page.get_by_text("Approved 2 entries.")).to_be_visible()
    expect(page.get_by_text("Nothing waiting")).to_be_visible()
    context.close()

    assert live_server.run(entries_of, people["sam_id"]) == [
        (LAST_MONDAY, 1.5, "approved"),
        (LAST_MONDAY + timedelta(days=2), 1.5, "approved"),
    ]


def test_a_mistake_keeps_the_typed_week_and_points_at_the_cell(browser, live_server):
    people = live_server.run(make_team, "oops")
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    sign_in(page, people["sam"])
    page.goto(f"/ambassadors/timesheet?week={LAST_MONDAY.isoformat()}")
    page.get_by_label("CX project of row 1").select_option(label=people["project"])
    page.get_by_label(re.compile(r"^Hours on Tuesday .*, row 1$")).fill("2")
    thursday = page.get_by_label(re.compile(r"^Hours on Thursday .*, row 1$"))
    thursday.fill("25")
    thursday.press("Enter")  # Enter saves the draft
    expect(page.get_by_text("Nothing was saved.")).to_be_visible()
    assert page.locator("#r0-d3-error").inner_text().startswith("At most 24 hours a day")
    assert page.get_by_label(re.compile(r"^Hours on Tuesday .*, row 1$")).input_value() == "2"
    assert page.get_by_label(re.compile(r"^Hours on Thursday .*, row 1$")).input_value() == "25"
    context.close()
    assert live_server.run(entries_of, people["sam_id"]) == []
