"""Lists of time entries, page by page: found id first (a deep page reads only its own
rows), in the same order and with the same total as a plain offset, at fixed queries."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from eximpact.ambassadors.models import TimeEntry
from eximpact.extensions import db
from tests.ambassadors.factories import TODAY, TimeEntryFactory

API = "/api/v1/time-entries"


def log_days(programme, days: int, per_day: int = 2) -> None:
    """`per_day` entries a day (equal dates: the id breaks the tie), on two people."""
    for day in range(days):
        for n in range(per_day):
            TimeEntryFactory(
                person=programme.sam if n % 2 else programme.ola,
                project=programme.project,
                work_date=TODAY - timedelta(days=day + 1),
            )
    db.session.flush()


def newest_first() -> list[int]:
    return list(
        db.session.scalars(
            select(TimeEntry.id).order_by(TimeEntry.work_date.desc(), TimeEntry.id.desc())
        )
    )


def test_every_api_page_holds_the_next_entries_newest_first(api, programme):
    log_days(programme, 7)
    client = api(programme.hr)
    seen = []
    for page in (1, 2, 3, 4):
        body = client.get(f"{API}?per_page=4&page={page}").get_json()
        assert (body["page"], body["per_page"], body["total"]) == (page, 4, 14)
        seen += [item["id"] for item in body["items"]]
    assert seen == newest_first()


def test_a_page_past_the_end_is_empty_with_the_total(api, programme):
    log_days(programme, 2)
    body = api(programme.hr).get(f"{API}?per_page=3&page=9").get_json()
    assert (body["items"], body["total"]) == ([], 4)


def test_filters_apply_before_the_page_is_cut(api, programme):
    log_days(programme, 6)
    body = api(programme.hr).get(f"{API}?person_id={programme.sam.id}&per_page=4&page=2")
    items = body.get_json()["items"]
    assert body.get_json()["total"] == 6
    assert {item["person_id"] for item in items} == {programme.sam.id} and len(items) == 2


@pytest.mark.parametrize("days", [3, 30])
def test_a_deep_api_page_costs_the_same_queries(api, programme, count_queries, days):
    log_days(programme, days)
    client = api(programme.hr)
    client.get(f"{API}?per_page=2&page={days}")
    with count_queries() as counter:
        assert len(client.get(f"{API}?per_page=2&page={days}").get_json()["items"]) == 2
    assert counter.count == 7, counter.statements


def test_the_entries_page_shows_a_deep_page_in_order(client, auth, programme):
    log_days(programme, 10)
    auth.login(programme.hr)
    page = client.get("/ambassadors/entries?per_page=5&page=3").get_data(as_text=True)
    ids = newest_first()[10:15]
    for entry_id in ids:
        assert f"/ambassadors/entries/{entry_id}" in page
    assert f"/ambassadors/entries/{newest_first()[15]}" not in page


@pytest.mark.parametrize("days", [3, 30])
def test_the_entries_page_costs_the_same_queries(client, auth, programme, count_queries, days):
    log_days(programme, days)
    auth.login(programme.hr)
    client.get("/ambassadors/entries?page=2&per_page=2")
    with count_queries() as counter:
        assert client.get("/ambassadors/entries?page=2&per_page=2").status_code == 200
    assert counter.count == 10, counter.statements
