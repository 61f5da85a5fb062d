"""A timesheet posted twice at the same moment (a double click, two tabs) is saved once.

Both requests read the week before either writes; the second must neither add a second
entry to a cell nor fail on an entry the first one already changed or deleted.
"""

import contextlib
import threading
from decimal import Decimal

import pytest
from sqlalchemy import select

from eximpact.ambassadors.models import TimeEntry, monday_of
from eximpact.ambassadors.services import timesheet
from eximpact.extensions import db
from tests.ambassadors.factories import TODAY, CxProjectFactory, TimeEntryFactory, ambassador
from tests.committed import at_the_same_moment, commit_rows
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.postgres_only

WEEK = monday_of(TODAY)


def _ambassador(app, hours: str | None = None) -> tuple[str, int, int | None]:
    """(e-mail, project id, entry id): an ambassador with today's cell empty or holding `hours`."""
    made = {}

    def make():
        made["person"] = ambassador()
        made["project"] = CxProjectFactory()
        rows = [made["person"], made["project"]]
        if hours is not None:
            made["entry"] = TimeEntryFactory(
                person=made["person"],
                project=made["project"],
                work_date=TODAY,
                hours=Decimal(hours),
            )
            rows.append(made["entry"])
        return rows

    ids = commit_rows(app, make)
    with app.app_context():
        email = db.session.get(type(made["person"]), ids[0]).email
    return email, ids[1], ids[2] if hours is not None else None


def _reading_waits_briefly_for_the_other(monkeypatch) -> None:
    """Each request, once it has read the week, waits up to a second for the other to read it.

    Unserialised, both read before either writes: the race is certain. Serialised, the
    second is still waiting for the lock, so the first carries on alone after a second.
    """
    original = timesheet._week_entries
    barrier = threading.Barrier(2)

    def reading(*args, **kwargs):
        entries = original(*args, **kwargs)
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=1)
        return entries

    monkeypatch.setattr(timesheet, "_week_entries", reading)


def _post_twice_at_once(app, monkeypatch, email: str, project_id: int, entry_id, value: str):
    form = {
        "week": WEEK.isoformat(),
        "rows": "1",
        "action": "save",
        "r0-project": str(project_id),
        "r0-note": "",
        "r0-note-was": "",
    }
    day = (TODAY - WEEK).days
    form[f"r0-d{day}"] = value
    if entry_id is not None:
        form[f"r0-d{day}-entry"] = str(entry_id)
    client = app.test_client()  # one browser, one session: the same form sent twice
    assert (
        client.post("/sign-in", data={"email": email, "password": TEST_PASSWORD}).status_code == 302
    )
    _reading_waits_briefly_for_the_other(monkeypatch)

    def post():
        return client.post("/ambassadors/timesheet", data=form)

    return at_the_same_moment(post, post)


def _cell(app, project_id: int) -> list[Decimal]:
    with app.app_context():
        hours = list(
            db.session.scalars(
                select(TimeEntry.hours).where(
                    TimeEntry.project_id == project_id, TimeEntry.work_date == TODAY
                )
            )
        )
        db.session.remove()
        return hours


def test_an_empty_cell_posted_twice_at_once_gets_one_entry(committed_app, monkeypatch):
    email, project_id, _ = _ambassador(committed_app)
    responses = _post_twice_at_once(committed_app, monkeypatch, email, project_id, None, "2")
    assert [r.status_code for r in responses] == [302, 302]
    assert _cell(committed_app, project_id) == [Decimal("2.00")]


def test_a_cell_changed_twice_at_once_keeps_one_entry_with_the_new_hours(
    committed_app, monkeypatch
):
    email, project_id, entry_id = _ambassador(committed_app, "1")
    responses = _post_twice_at_once(committed_app, monkeypatch, email, project_id, entry_id, "3")
    assert [r.status_code for r in responses] == [302, 302]
    assert _cell(committed_app, project_id) == [Decimal("3.00")]


def test_a_cell_cleared_twice_at_once_is_deleted_without_an_error(committed_app, monkeypatch):
    email, project_id, entry_id = _ambassador(committed_app, "1")
    responses = _post_twice_at_once(committed_app, monkeypatch, email, project_id, entry_id, "")
    assert [r.status_code for r in responses] == [302, 302]
    assert _cell(committed_app, project_id) == []


def test_the_day_limit_still_holds_for_the_cells_saved_meanwhile(committed_app, monkeypatch):
    """A double click of 13 h is one save of 13 h, not 26 h and not a refusal."""
    email, project_id, _ = _ambassador(committed_app)
    responses = _post_twice_at_once(committed_app, monkeypatch, email, project_id, None, "13")
    assert [r.status_code for r in responses] == [302, 302]
    assert _cell(committed_app, project_id) == [Decimal("13.00")]
