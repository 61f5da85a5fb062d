"""`/api/v1/time-entries`: logging one entry or a batch, all or nothing, and who sees what."""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from eximpact.ambassadors.models import TimeEntry
from eximpact.extensions import db
from tests.ambassadors.factories import TODAY, CxProjectFactory, ambassador, manager_with_team
from tests.factories import PersonFactory, TeamFactory

URL = "/api/v1/time-entries"


def day(days_ago: int) -> str:
    return (TODAY - timedelta(days=days_ago)).isoformat()


def stored() -> int:
    return db.session.scalar(select(func.count()).select_from(TimeEntry))


def test_an_ambassador_logs_a_batch_and_gets_every_entry_back_as_a_draft(api, programme):
    batch = [
        {"project_id": programme.project.id, "date": day(1), "hours": 1.5, "note": "Workshop"},
        {"project_id": programme.project.id, "date": day(2), "hours": "2.25"},
        {"project_id": programme.other_project.id, "date": day(2), "hours": "1:30"},
    ]
    response = api(programme.sam).post(URL, json=batch)
    assert response.status_code == 201
    items = response.get_json()["items"]
    assert [(i["date"], i["hours"], i["status"]) for i in items] == [
        (day(1), 1.5, "draft"),
        (day(2), 2.25, "draft"),
        (day(2), 1.5, "draft"),
    ]
    assert all(i["person_id"] == programme.sam.id for i in items)
    assert items[0]["note"] == "Workshop" and items[1]["note"] == ""
    assert stored() == 3


def test_a_single_object_is_logged_too_and_answered_as_a_list(api, programme):
    response = api(programme.sam).post(
        URL, json={"project_id": programme.project.id, "date": day(1), "hours": 2}
    )
    assert response.status_code == 201
    assert [i["hours"] for i in response.get_json()["items"]] == [2.0]


def test_a_batch_with_one_25_hour_day_is_refused_whole_naming_the_items(api, programme):
    batch = [
        {"project_id": programme.project.id, "date": day(3), "hours": 2},
        {"project_id": programme.project.id, "date": day(1), "hours": 12},
        {"project_id": programme.other_project.id, "date": day(1), "hours": 13},
    ]
    response = api(programme.sam).post(URL, json=batch)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "validation_error"
    assert set(error["fields"]) == {"1.hours", "2.hours"}
    assert "25 hours" in error["fields"]["2.hours"][0]
    assert stored() == 0


def test_the_day_limit_counts_what_is_already_stored(api, programme):
    programme.entry(hours=Decimal(20), status="approved")
    response = api(programme.sam).post(
        URL, json=[{"project_id": programme.project.id, "date": day(1), "hours": 5}]
    )
    assert response.status_code == 422
    assert "0.hours" in response.get_json()["error"]["fields"]


@pytest.mark.parametrize(
    ("item", "field", "words"),
    [
        # Days ahead, not one: a run that crosses midnight must not make it "today".
        ({"date": day(-3), "hours": 1}, "0.date", "not happened yet"),
        ({"date": day(1), "hours": 25}, "0.hours", "At most 24"),
        ({"date": day(1), "hours": 0}, "0.hours", "more than 0"),
        ({"date": day(1), "hours": -2}, "0.hours", "more than 0"),
        ({"date": day(1), "hours": 1.255}, "0.hours", "two decimals"),
        ({"date": day(1), "hours": "lots"}, "0.hours", "like 1.5"),
        ({"date": day(1), "hours": True}, "0.hours", "like 1.5"),
        ({"date": day(1)}, "0.hours", "required"),
        ({"date": "yesterday", "hours": 1}, "0.date", "YYYY-MM-DD"),
        ({"date": day(400), "hours": 1}, "0.date", "starts on"),
        ({"date": day(1), "hours": 1, "note": "x" * 501}, "0.note", "500"),
    ],
)
def test_each_faulty_item_is_named_by_index_and_field(api, programme, item, field, words):
    good = {"project_id": programme.project.id, "date": day(2), "hours": 1}
    response = api(programme.sam).post(
        URL, json=[{"project_id": programme.project.id, **item}, good]
    )
    assert response.status_code == 422
    fields = response.get_json()["error"]["fields"]
    assert field in fields and words in " ".join(fields[field])
    assert "1.hours" not in fields and "1.date" not in fields
    assert stored() == 0


@pytest.mark.parametrize("status", ["proposed", "paused", "done", "cancelled"])
def test_only_active_projects_take_time_through_the_api(api, programme, status):
    project = CxProjectFactory(status=status)
    response = api(programme.sam).post(
        URL, json=[{"project_id": project.id, "date": day(1), "hours": 1}]
    )
    assert "only active projects" in response.get_json()["error"]["fields"]["0.project_id"][0]


def test_an_unknown_project_is_named(api, programme):
    response = api(programme.sam).post(URL, json={"project_id": 99999, "date": day(1), "hours": 1})
    assert response.get_json()["error"]["fields"] == {"project_id": ["Choose a CX project."]}


@pytest.mark.parametrize(
    ("body", "status"),
    [([], 422), ([1, "x"], 422), ("text", 400), (None, 400)],
)
def test_bodies_that_are_not_entries_are_refused(api, programme, body, status):
    assert api(programme.sam).post(URL, json=body).status_code == status


def test_a_batch_of_more_than_1000_is_refused(api, programme):
    batch = [{"project_id": programme.project.id, "date": day(1), "hours": 0.01}] * 1001
    response = api(programme.sam).post(URL, json=batch)
    assert response.status_code == 422 and "1000" in response.get_json()["error"]["message"]


def test_going_over_the_weekly_allocation_is_accepted_and_flagged(api, programme):
    monday = TODAY - timedelta(days=TODAY.weekday() + 7)  # last week: every day has happened
    batch = [
        {
            "project_id": programme.project.id,
            "date": (monday + timedelta(days=d)).isoformat(),
            "hours": 2,
        }
        for d in range(5)
    ]
    response = api(programme.sam).post(URL, json=batch)  # 10 h against 8 agreed
    assert response.status_code == 201
    assert all(item["over_allocation"] for item in response.get_json()["items"])
    listed = api(programme.manager).get(f"{URL}?person_id={programme.sam.id}").get_json()["items"]
    assert {item["over_allocation"] for item in listed} == {True}


def test_a_week_within_the_allocation_is_not_flagged(api, programme):
    response = api(programme.sam).post(
        URL, json=[{"project_id": programme.project.id, "date": day(1), "hours": 8}]
    )
    assert response.get_json()["items"][0]["over_allocation"] is False


def test_someone_who_is_not_an_ambassador_cannot_log_time(api, programme):
    employee = PersonFactory(manager=programme.manager)
    response = api(employee).post(
        URL, json={"project_id": programme.project.id, "date": day(1), "hours": 1}
    )
    assert response.status_code == 403


def test_an_ambassador_without_an_approved_enrolment_is_told_why(api, programme):
    unenrolled = PersonFactory(roles=["ambassador"])
    response = api(unenrolled).post(
        URL, json={"project_id": programme.project.id, "date": day(1), "hours": 1}
    )
    assert "not enrolled" in response.get_json()["error"]["fields"]["date"][0]


def test_a_batch_costs_the_same_queries_whatever_its_size(api, programme, count_queries):
    """Set-wise validation: projects, enrolments and day totals are loaded once per batch,
    and the hours rollup is moved by one upsert for the whole batch."""
    client = api(programme.sam)
    client.get("/api/v1/me")  # the token's first use writes last_used_at; later ones do not
    counts = []
    for size in (3, 300):
        batch = [
            {"project_id": programme.project.id, "date": day(2 + (n % 60)), "hours": 0.05}
            for n in range(size)
        ]
        with count_queries() as counter:
            assert client.post(URL, json=batch).status_code == 201
        counts.append(counter.count)
    assert counts[0] == counts[1] <= 11, counts


# -- who may read and change which entries -------------------------------------------------


def test_an_ambassador_cannot_read_or_change_another_ambassadors_entries(api, programme):
    olas = programme.entry(person=programme.ola)
    sam = api(programme.sam)
    assert sam.get(f"{URL}/{olas.id}").status_code == 403
    assert sam.patch(f"{URL}/{olas.id}", json={"hours": 1}).status_code == 403
    assert sam.delete(f"{URL}/{olas.id}").status_code == 403
    assert sam.post(f"{URL}/submit", json={"ids": [olas.id]}).status_code == 403
    assert sam.get(f"{URL}?person_id={programme.ola.id}").status_code == 403
    assert [i["id"] for i in sam.get(URL).get_json()["items"]] == []
    db.session.refresh(olas)
    assert (olas.hours, olas.status) == (Decimal(2), "draft")


def test_an_employee_cannot_read_an_ambassadors_entries(api, programme):
    entry = programme.entry()
    employee = api(PersonFactory(manager=programme.manager, team=programme.team))
    assert employee.get(f"{URL}?person_id={programme.sam.id}").status_code == 403
    assert employee.get(f"{URL}/{entry.id}").status_code == 403
    assert employee.get(URL).get_json()["items"] == []


def test_a_manager_sees_their_reports_entries_and_no_one_elses(api, programme):
    mine = programme.entry()
    other_boss, other_team = manager_with_team()
    theirs = programme.entry(person=ambassador(manager=other_boss, team=other_team))
    manager = api(programme.manager)
    listed = {item["id"] for item in manager.get(URL).get_json()["items"]}
    assert mine.id in listed and theirs.id not in listed
    assert manager.get(f"{URL}/{theirs.id}").status_code == 403
    assert manager.get(f"{URL}?person_id={theirs.person_id}").status_code == 403
    # and managers do not change their reports' time: they approve, reject or reopen it
    assert manager.patch(f"{URL}/{mine.id}", json={"hours": 1}).status_code == 403


def test_a_manager_of_managers_sees_the_teams_below(api, programme):
    director = PersonFactory(roles=["manager"])
    programme.team.parent = TeamFactory(name="Customer Care", manager=director)
    entry = programme.entry()
    assert entry.id in {i["id"] for i in api(director).get(URL).get_json()["items"]}


def test_hr_sees_everyones_entries_with_filters(api, programme):
    a = programme.entry(days_ago=1)
    b = programme.entry(person=programme.ola, days_ago=5, status="approved")
    hr = api(programme.hr)
    assert {i["id"] for i in hr.get(URL).get_json()["items"]} == {a.id, b.id}
    assert [i["id"] for i in hr.get(f"{URL}?status=approved").get_json()["items"]] == [b.id]
    assert [i["id"] for i in hr.get(f"{URL}?from={day(2)}").get_json()["items"]] == [a.id]
    assert [i["id"] for i in hr.get(f"{URL}?person_id={programme.ola.id}").get_json()["items"]] == [
        b.id
    ]
    assert hr.get(f"{URL}?status=lost").status_code == 422
    assert hr.get(f"{URL}?from=yesterday").status_code == 422


# -- changing and deleting -----------------------------------------------------------------


def test_a_draft_can_be_changed_and_every_rule_applies_again(api, programme):
    entry = programme.entry(hours=Decimal(2))
    sam = api(programme.sam)
    response = sam.patch(f"{URL}/{entry.id}", json={"hours": "3:15", "note": "Longer"})
    assert response.status_code == 200
    assert (response.get_json()["hours"], response.get_json()["note"]) == (3.25, "Longer")
    future = sam.patch(f"{URL}/{entry.id}", json={"date": day(-3)})
    assert future.status_code == 422 and "date" in future.get_json()["error"]["fields"]


@pytest.mark.parametrize("status", ["submitted", "approved"])
def test_submitted_and_approved_entries_are_locked(api, programme, status):
    entry = programme.entry(status=status)
    sam = api(programme.sam)
    patch = sam.patch(f"{URL}/{entry.id}", json={"hours": 1})
    assert patch.status_code == 409 and patch.get_json()["error"]["code"] == "conflict"
    assert sam.delete(f"{URL}/{entry.id}").status_code == 409
    db.session.refresh(entry)
    assert entry.hours == Decimal(2)


@pytest.mark.parametrize("status", ["draft", "rejected"])
def test_drafts_and_rejected_entries_can_be_deleted(api, programme, status):
    entry = programme.entry(status=status)
    assert api(programme.sam).delete(f"{URL}/{entry.id}").status_code == 204
    assert stored() == 0


def test_an_unknown_entry_is_a_404(api, programme):
    assert api(programme.sam).get(f"{URL}/424242").status_code == 404
    assert api(programme.sam).patch(f"{URL}/424242", json={}).status_code == 404
