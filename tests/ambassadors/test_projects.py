"""CX projects: set up by HR under an initiative, with hours used against the budget."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from eximpact.ambassadors.models import CxProject
from eximpact.extensions import db
from tests.ambassadors.factories import CxProjectFactory, InitiativeFactory
from tests.factories import PersonFactory

API = "/api/v1/cx-projects"


def test_hr_creates_a_project_under_an_initiative(api, programme):
    initiative = InitiativeFactory()
    response = api(programme.hr).post(
        API,
        json={
            "name": "Store visits",
            "initiative_id": initiative.id,
            "goal": "Everyone visits a store",
            "status": "active",
            "hours_budget": "120.5",
        },
    )
    assert response.status_code == 201
    body = response.get_json()
    assert (body["name"], body["pillar"], body["owner_id"], body["hours_budget"]) == (
        "Store visits",
        "engage",
        programme.hr.id,
        120.5,
    )
    assert body["hours_used"] == 0.0


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "Callback promise"}, "name"),  # taken, whatever the case
        ({"initiative_id": 999999}, "initiative_id"),
        ({"status": "someday"}, "status"),
        ({"hours_budget": -1}, "hours_budget"),
        ({"hours_budget": 1.005}, "hours_budget"),
        ({"owner_id": 999999}, "owner_id"),
    ],
)
def test_bad_projects_are_refused_naming_the_field(api, programme, fields, field):
    body = {"name": "New one", "initiative_id": programme.project.initiative_id, **fields}
    response = api(programme.hr).post(API, json=body)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]


def test_a_cancelled_initiative_takes_no_new_project(api, programme):
    cancelled = InitiativeFactory(status="cancelled")
    response = api(programme.hr).post(API, json={"name": "X", "initiative_id": cancelled.id})
    assert "cancelled" in response.get_json()["error"]["fields"]["initiative_id"][0]


@pytest.mark.parametrize("roles", [["manager"], ["ambassador"], []])
def test_only_hr_creates_or_changes_projects(api, programme, roles):
    person = PersonFactory(roles=roles)
    body = {"name": "X", "initiative_id": programme.project.initiative_id}
    assert api(person).post(API, json=body).status_code == 403
    assert (
        api(person).patch(f"{API}/{programme.project.id}", json={"status": "paused"}).status_code
        == 403
    )


def test_pausing_a_project_stops_it_taking_time(api, programme):
    response = api(programme.hr).patch(f"{API}/{programme.project.id}", json={"status": "paused"})
    assert response.status_code == 200 and response.get_json()["status"] == "paused"
    logged = api(programme.sam).post(
        "/api/v1/time-entries",
        json={"project_id": programme.project.id, "date": "2000-01-01", "hours": 1},
    )
    assert "only active projects" in logged.get_json()["error"]["fields"]["project_id"][0]


def test_the_list_shows_hours_used_without_rejected_time(api, programme):
    programme.entry(hours=Decimal(3), status="approved")
    programme.entry(hours=Decimal(2), days_ago=2, status="submitted")
    programme.entry(hours=Decimal(9), days_ago=3, status="rejected")
    items = {i["name"]: i for i in api(programme.sam).get(API).get_json()["items"]}
    assert items["Callback promise"]["hours_used"] == 5.0
    assert items["Complaint causes"]["hours_used"] == 0.0
    assert api(programme.sam).get(f"{API}?status=done").get_json()["items"] == []
    assert api(programme.sam).get(f"{API}?status=maybe").status_code == 422


def test_employees_do_not_see_the_projects(api, programme):
    assert api(PersonFactory()).get(API).status_code == 403


def test_the_project_page_shows_the_budget_bar_and_contributors(client, auth, programme):
    for days_ago in (1, 2, 3):
        programme.entry(hours=Decimal(10), days_ago=days_ago, status="approved")
    programme.entry(person=programme.ola, hours=Decimal(10))
    auth.login(programme.hr)
    page = client.get(f"/ambassadors/projects/{programme.project.id}").get_data(as_text=True)
    assert "<strong>40</strong> of <strong>100</strong> budgeted hours (40 %)" in page
    assert 'aria-valuenow="40"' in page
    assert "Sam Ambassador" in page and "Ola Ambassador" in page


def test_an_ambassador_sees_only_their_own_line_among_contributors(client, auth, programme):
    programme.entry(hours=Decimal(3))
    programme.entry(person=programme.ola, hours=Decimal(4))
    auth.login(programme.sam)
    page = client.get(f"/ambassadors/projects/{programme.project.id}").get_data(as_text=True)
    assert "Sam Ambassador" in page and "Ola Ambassador" not in page
    assert "<strong>7</strong> of <strong>100</strong>" in page  # the project's total stays whole


def test_hr_creates_and_edits_a_project_through_the_pages(client, auth, programme):
    auth.login(programme.hr)
    response = client.post(
        "/ambassadors/projects/new",
        data={
            "name": "Welcome calls",
            "initiative_id": programme.project.initiative_id,
            "owner_id": programme.manager.id,
            "status": "proposed",
            "hours_budget": "40",
            "goal": "Call every new customer",
        },
    )
    assert response.status_code == 302
    project = db.session.scalar(select(CxProject).where(CxProject.name == "Welcome calls"))
    assert (project.owner, project.hours_budget) == (programme.manager, Decimal(40))
    client.post(
        f"/ambassadors/projects/{project.id}/edit",
        data={
            "name": "Welcome calls",
            "initiative_id": project.initiative_id,
            "owner_id": programme.manager.id,
            "status": "active",
            "hours_budget": "",
        },
    )
    db.session.refresh(project)
    assert (project.status, project.hours_budget) == ("active", None)
    history = client.get(f"/ambassadors/projects/{project.id}").get_data(as_text=True)
    assert "status changed" in history


def test_the_project_form_shows_problems_at_the_fields(client, auth, programme):
    auth.login(programme.hr)
    page = client.post(
        "/ambassadors/projects/new",
        data={"name": "Callback promise", "status": "active"},
    ).get_data(as_text=True)
    assert "Another CX project already has this name." in page
    assert "Choose the initiative this project serves." in page


@pytest.mark.parametrize("count", [2, 25])
def test_the_project_list_costs_the_same_queries_for_any_number(
    client, auth, programme, count_queries, count
):
    for _ in range(count):
        CxProjectFactory(initiative=programme.project.initiative)
    auth.login(programme.hr)
    client.get("/ambassadors/projects")
    with count_queries() as counter:
        client.get("/ambassadors/projects")
    assert counter.count == 7, counter.statements
