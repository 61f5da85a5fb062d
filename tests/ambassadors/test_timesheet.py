"""The weekly timesheet: a grid of projects by days, saved whole or not at all."""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from eximpact.ambassadors.models import TimeEntry, monday_of
from eximpact.extensions import db
from tests.ambassadors.factories import TODAY, CxProjectFactory, TimeEntryFactory

URL = "/ambassadors/timesheet"
LAST_WEEK = monday_of(TODAY) - timedelta(days=7)  # every day of it has happened


def form(week, rows, action="save"):
    """The grid as the browser posts it: rows of (project, seven cells, entry ids, note)."""
    data = {"week": week.isoformat(), "rows": str(len(rows)), "action": action}
    for r, row in enumerate(rows):
        project, cells = row[0], row[1]
        entry_ids = row[2] if len(row) > 2 and row[2] else [None] * 7
        data[f"r{r}-project"] = str(project.id) if project else ""
        data[f"r{r}-note"] = row[3] if len(row) > 3 else ""
        for d, (value, entry_id) in enumerate(zip(cells, entry_ids, strict=True)):
            data[f"r{r}-d{d}"] = value
            if entry_id:
                data[f"r{r}-d{d}-entry"] = str(entry_id)
    return data


def entries(person) -> list[tuple]:
    """The person's stored time, read afresh (requests change it in their own sessions)."""
    db.session.expire_all()
    return [
        (e.project_id, e.work_date, e.hours, e.status, e.note)
        for e in db.session.scalars(
            select(TimeEntry)
            .where(TimeEntry.person_id == person.id)
            .order_by(TimeEntry.work_date, TimeEntry.project_id)
        )
    ]


@pytest.fixture
def sam(client, auth, programme):
    auth.login(programme.sam)
    return programme


def test_the_week_shows_each_project_row_with_totals_and_the_allocation(client, sam):
    TimeEntryFactory(person=sam.sam, project=sam.project, work_date=LAST_WEEK, hours=Decimal("1.5"))
    TimeEntryFactory(
        person=sam.sam,
        project=sam.project,
        work_date=LAST_WEEK + timedelta(days=2),
        hours=Decimal(3),
    )
    page = client.get(f"{URL}?week={LAST_WEEK + timedelta(days=3)}").get_data(as_text=True)
    assert "Callback promise" in page
    assert 'value="1.5"' in page and 'value="3"' in page
    assert '<strong id="week-total-text">4.5</strong> h logged' in page
    assert "of <strong>8</strong> h agreed" in page
    assert "data-week-total>4.5<" in page
    assert "Over your weekly allocation" in page  # present for the script, hidden:
    assert 'id="over-allocation" class="small text-warning-emphasis mt-2 mb-0 d-none"' in page


def test_logging_a_week_in_one_go_takes_decimals_and_h_mm(client, sam):
    response = client.post(
        URL,
        data=form(
            LAST_WEEK,
            [
                (sam.project, ["1.5", "", "1:30", "", "", "", ""], None, "Workshop"),
                (sam.other_project, ["", "2", "", "", "0:45", "", ""]),
            ],
        ),
    )
    assert response.status_code == 302
    assert entries(sam.sam) == [
        (sam.project.id, LAST_WEEK, Decimal("1.5"), "draft", "Workshop"),
        (sam.other_project.id, LAST_WEEK + timedelta(days=1), Decimal(2), "draft", ""),
        (sam.project.id, LAST_WEEK + timedelta(days=2), Decimal("1.5"), "draft", "Workshop"),
        (sam.other_project.id, LAST_WEEK + timedelta(days=4), Decimal("0.75"), "draft", ""),
    ]


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("25", "At most 24 hours a day"),
        ("abc", "like 1.5 or 1:30"),
        ("0", "more than 0"),
        ("1.234", "two decimals"),
    ],
)
def test_an_error_saves_nothing_and_returns_every_typed_value(client, sam, cell, message):
    response = client.post(
        URL,
        data=form(
            LAST_WEEK,
            [
                (sam.project, ["2", cell, "", "", "", "", ""]),
                (sam.other_project, ["", "", "3:15", "", "", "", ""], None, "Kept note"),
            ],
        ),
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Nothing was saved" in page and message in page
    assert 'id="r0-d1-error"' in page  # the message sits at the cell
    assert f'value="{cell}"' in page and 'value="2"' in page and 'value="3:15"' in page
    assert 'value="Kept note"' in page
    assert entries(sam.sam) == []


def test_a_typing_mistake_and_a_broken_rule_are_shown_together(client, sam):
    response = client.post(
        URL, data=form(LAST_WEEK, [(sam.project, ["30", "x1", "", "", "", "", ""])])
    )
    page = response.get_data(as_text=True)
    assert "like 1.5 or 1:30" in page and "At most 24 hours a day" in page
    assert 'id="r0-d0-error"' in page and 'id="r0-d1-error"' in page


def test_the_day_limit_spans_rows(client, sam):
    response = client.post(
        URL,
        data=form(
            LAST_WEEK,
            [
                (sam.project, ["13", "", "", "", "", "", ""]),
                (sam.other_project, ["12", "", "", "", "", "", ""]),
            ],
        ),
    )
    page = response.get_data(as_text=True)
    assert "That makes 25 hours" in page
    assert 'id="r0-d0-error"' in page and 'id="r1-d0-error"' in page
    assert entries(sam.sam) == []


def test_a_future_day_is_refused_even_if_the_form_is_tampered_with(client, sam):
    week = monday_of(TODAY) + timedelta(days=7)
    response = client.post(URL, data=form(week, [(sam.project, ["1", "", "", "", "", "", ""])]))
    assert "not happened yet" in response.get_data(as_text=True)
    assert entries(sam.sam) == []


def test_future_days_are_closed_in_the_grid(client, sam):
    page = client.get(f"{URL}?week={monday_of(TODAY) + timedelta(days=7)}").get_data(as_text=True)
    assert 'disabled title="This day has not happened yet."' in page


def test_values_in_a_row_without_a_project_are_refused(client, sam):
    response = client.post(URL, data=form(LAST_WEEK, [(None, ["1", "", "", "", "", "", ""])]))
    assert "Choose a project for this row." in response.get_data(as_text=True)
    assert entries(sam.sam) == []


def test_changing_and_clearing_saved_cells_updates_and_deletes_drafts(client, sam):
    keep = TimeEntryFactory(person=sam.sam, project=sam.project, work_date=LAST_WEEK)
    clear = TimeEntryFactory(
        person=sam.sam, project=sam.project, work_date=LAST_WEEK + timedelta(days=1)
    )
    ids = [keep.id, clear.id, None, None, None, None, None]
    response = client.post(
        URL, data=form(LAST_WEEK, [(sam.project, ["4", "", "", "", "", "", ""], ids)])
    )
    assert response.status_code == 302
    assert entries(sam.sam) == [(sam.project.id, LAST_WEEK, Decimal(4), "draft", "")]


@pytest.mark.parametrize("status", ["submitted", "approved"])
def test_locked_cells_cannot_be_changed_through_the_grid(client, sam, status):
    locked = TimeEntryFactory(
        person=sam.sam, project=sam.project, work_date=LAST_WEEK, status=status
    )
    ids = [locked.id, None, None, None, None, None, None]
    response = client.post(
        URL, data=form(LAST_WEEK, [(sam.project, ["9", "", "", "", "", "", ""], ids)])
    )
    assert response.status_code == 302
    db.session.refresh(locked)
    assert (locked.hours, locked.status) == (Decimal(2), status)
    page = client.get(f"{URL}?week={LAST_WEEK}").get_data(as_text=True)
    assert f'name="r0-d0-entry" value="{locked.id}"' in page and 'name="r0-d0"' not in page


def test_an_entry_id_that_is_not_yours_is_refused(client, sam):
    olas = TimeEntryFactory(person=sam.ola, project=sam.project, work_date=LAST_WEEK)
    ids = [olas.id, None, None, None, None, None, None]
    response = client.post(
        URL,
        data=form(
            LAST_WEEK,
            [
                (sam.project, ["9", "", "", "", "", "", ""], ids),
                (sam.other_project, ["1", "", "", "", "", "", ""]),
            ],
        ),
    )
    assert "changed meanwhile" in response.get_data(as_text=True)
    db.session.refresh(olas)
    assert olas.hours == Decimal(2)
    assert entries(sam.sam) == []


def test_submitting_the_week_saves_then_hands_everything_open_to_the_approver(client, sam):
    rejected = TimeEntryFactory(
        person=sam.sam,
        project=sam.project,
        work_date=LAST_WEEK,
        status="rejected",
        rejection_reason="Split it",
    )
    ids = [rejected.id, None, None, None, None, None, None]
    response = client.post(
        URL,
        data=form(LAST_WEEK, [(sam.project, ["1", "2", "", "", "", "", ""], ids)], action="submit"),
        follow_redirects=True,
    )
    assert "Week submitted: 2 entries wait for approval." in response.get_data(as_text=True)
    assert [(hours, status) for _, _, hours, status, _ in entries(sam.sam)] == [
        (Decimal(1), "submitted"),
        (Decimal(2), "submitted"),
    ]


def test_a_failed_submit_submits_nothing(client, sam):
    draft = TimeEntryFactory(person=sam.sam, project=sam.project, work_date=LAST_WEEK)
    ids = [draft.id, None, None, None, None, None, None]
    client.post(
        URL,
        data=form(
            LAST_WEEK, [(sam.project, ["2", "30", "", "", "", "", ""], ids)], action="submit"
        ),
    )
    db.session.refresh(draft)
    assert draft.status == "draft"


def test_copying_last_weeks_rows_fills_the_grid_without_saving(client, sam):
    TimeEntryFactory(
        person=sam.sam,
        project=sam.project,
        work_date=LAST_WEEK - timedelta(days=7),
        hours=Decimal("2.5"),
        note="Call listening",
    )
    TimeEntryFactory(
        person=sam.sam,
        project=CxProjectFactory(name="Paused one", status="paused"),
        work_date=LAST_WEEK - timedelta(days=6),
    )
    page = client.get(f"{URL}?week={LAST_WEEK}&copy=1").get_data(as_text=True)
    assert "Copied 1 row(s) from last week" in page
    assert 'value="2.5"' in page and 'value="Call listening"' in page
    assert f'<option value="{sam.project.id}" selected>' in page
    assert len(entries(sam.sam)) == 2  # nothing new until saved


def test_the_week_over_the_allocation_is_flagged_on_the_grid(client, sam):
    for day in range(3):
        TimeEntryFactory(
            person=sam.sam,
            project=sam.project,
            work_date=LAST_WEEK + timedelta(days=day),
            hours=Decimal(3),
        )
    page = client.get(f"{URL}?week={LAST_WEEK}").get_data(as_text=True)
    assert 'id="over-allocation" class="small text-warning-emphasis mt-2 mb-0"' in page
    assert "progress-bar bg-warning" in page


def test_a_rejected_cell_shows_why(client, sam):
    TimeEntryFactory(
        person=sam.sam,
        project=sam.project,
        work_date=LAST_WEEK,
        status="rejected",
        rejection_reason="Wrong project",
    )
    assert "Rejected: Wrong project" in client.get(f"{URL}?week={LAST_WEEK}").get_data(as_text=True)


@pytest.mark.parametrize("extra_projects", [1, 12])
def test_the_timesheet_costs_the_same_queries_however_full_the_week(
    client, sam, count_queries, extra_projects
):
    projects = [CxProjectFactory() for _ in range(extra_projects)]
    for project in projects:
        for day in range(7):
            TimeEntryFactory(
                person=sam.sam,
                project=project,
                work_date=LAST_WEEK + timedelta(days=day),
                hours=Decimal("0.5"),
                status="approved" if day % 2 else "draft",
            )
    client.get(f"{URL}?week={LAST_WEEK}")  # warm up the session user
    with count_queries() as counter:
        assert client.get(f"{URL}?week={LAST_WEEK}").status_code == 200
    assert counter.count == QUERIES_PER_TIMESHEET, counter.statements


# user, enrolments, the week's entries, active projects, roles, the unread badge, the week's state
QUERIES_PER_TIMESHEET = 7


def test_only_ambassadors_have_a_timesheet(client, auth, programme):
    auth.login(programme.manager)
    assert client.get(URL).status_code == 403
    assert db.session.scalar(select(func.count()).select_from(TimeEntry)) == 0
