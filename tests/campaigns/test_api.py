"""The campaigns and initiatives API, as integrations use it."""

from datetime import date

import pytest

from eximpact.extensions import db
from tests.campaigns.factories import CampaignFactory, InitiativeFactory
from tests.factories import PersonFactory, TeamFactory


@pytest.fixture
def hr(app):
    return PersonFactory(roles=["hr"])


@pytest.fixture
def campaign(app, hr):
    return CampaignFactory(owner=hr, start_date=date(2026, 1, 1), end_date=date(2026, 12, 31))


def body(campaign, **changes):
    return {
        "campaign_id": campaign.id,
        "pillar": "engage",
        "title": "Ambassador stand-up",
        "start_date": "2026-03-04",
        "end_date": "2026-03-25",
        "frequency": "weekly",
        "status": "planned",
        "two_way": True,
        **changes,
    }


def test_hr_plans_an_initiative_and_gets_it_back(api, hr, campaign):
    team = TeamFactory()
    response = api(hr).post(
        "/api/v1/initiatives", json=body(campaign, audience_team_ids=[team.id], budget=1200.5)
    )
    assert response.status_code == 201
    item = response.get_json()
    assert item["owner_id"] == hr.id  # defaults to the caller
    assert item["budget"] == "1200.50" and item["audience_team_ids"] == [team.id]
    assert item["rollout"] == [{"team_id": team.id, "status": "not_started", "note": ""}]
    assert (
        api(hr).get(f"/api/v1/initiatives/{item['id']}").get_json()["title"]
        == "Ambassador stand-up"
    )


def test_a_wrong_pillar_is_a_422_naming_pillar(api, hr, campaign):
    response = api(hr).post("/api/v1/initiatives", json=body(campaign, pillar="involve"))
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "validation_error"
    assert list(error["fields"]) == ["pillar"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"progress": "fifty"}, "progress"),
        ({"start_date": "03/04/2026"}, "start_date"),
        ({"two_way": "yes"}, "two_way"),
        ({"budget": -1}, "budget"),
        ({"budget": 1.234}, "budget"),
        ({"audience_team_ids": "1,2"}, "audience_team_ids"),
        ({"end_date": "2026-01-01"}, "end_date"),
        ({"title": None}, "title"),
        ({"campaign_id": None}, "campaign_id"),
    ],
)
def test_bad_fields_are_named(api, hr, campaign, changes, field):
    response = api(hr).post("/api/v1/initiatives", json=body(campaign, **changes))
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]


def test_missing_required_fields_are_all_named(api, hr):
    response = api(hr).post("/api/v1/initiatives", json={})
    assert set(response.get_json()["error"]["fields"]) >= {
        "campaign_id",
        "pillar",
        "title",
        "start_date",
        "end_date",
    }


@pytest.mark.parametrize("roles", [[], ["manager"], ["ambassador"]])
def test_only_planners_create(api, campaign, roles):
    response = api(PersonFactory(roles=roles)).post("/api/v1/initiatives", json=body(campaign))
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden"


def test_a_template_fills_what_the_body_leaves_out(api, hr, campaign):
    response = api(hr).post(
        "/api/v1/initiatives",
        json={
            "template": "town_hall",
            "campaign_id": campaign.id,
            "start_date": "2026-02-01",
            "end_date": "2026-12-31",
        },
    )
    item = response.get_json()
    assert response.status_code == 201
    assert (item["pillar"], item["frequency"], item["two_way"]) == ("inspire", "quarterly", True)


def test_an_unknown_template_is_refused(api, hr, campaign):
    response = api(hr).post("/api/v1/initiatives", json={**body(campaign), "template": "bbq"})
    assert "template" in response.get_json()["error"]["fields"]


def test_the_owner_patches_progress_but_gets_403_for_the_title(api, campaign):
    owner = PersonFactory()
    item = InitiativeFactory(campaign=campaign, owner=owner)
    client = api(owner)
    assert client.patch(f"/api/v1/initiatives/{item.id}", json={"progress": 55}).status_code == 200
    response = client.patch(f"/api/v1/initiatives/{item.id}", json={"title": "Mine now"})
    assert response.status_code == 403
    assert "title" in response.get_json()["error"]["message"]


def test_employees_cannot_read_someone_elses_draft(api, campaign):
    draft = InitiativeFactory(campaign=campaign, status="draft")
    assert api(PersonFactory()).get(f"/api/v1/initiatives/{draft.id}").status_code == 403
    assert api(draft.owner).get(f"/api/v1/initiatives/{draft.id}").status_code == 200


def test_the_list_takes_the_api_filters(api, hr, campaign):
    InitiativeFactory(campaign=campaign, pillar="reward", title="R")
    InitiativeFactory(campaign=campaign, pillar="inform", title="I")
    listing = api(hr).get(f"/api/v1/initiatives?campaign_id={campaign.id}&pillar=reward").get_json()
    assert [i["title"] for i in listing["items"]] == ["R"] and listing["total"] == 1
    bad = api(hr).get("/api/v1/initiatives?pillar=involve&active_on=tomorrow")
    assert bad.status_code == 422
    assert set(bad.get_json()["error"]["fields"]) == {"pillar", "active_on"}


def test_approval_through_the_api(api, hr, campaign):
    approver = PersonFactory(roles=["manager"])
    item = (
        api(hr)
        .post(
            "/api/v1/initiatives",
            json=body(campaign, status="draft", approval_state="pending", approver_id=approver.id),
        )
        .get_json()
    )
    assert item["approval_state"] == "pending"
    assert api(hr).post(f"/api/v1/initiatives/{item['id']}/approve").status_code == 403
    decided = api(approver).post(
        f"/api/v1/initiatives/{item['id']}/reject", json={"comment": "Budget is tight"}
    )
    assert decided.get_json()["approval_state"] == "rejected"
    assert api(approver).post(f"/api/v1/initiatives/{item['id']}/approve").status_code == 409


def test_approval_state_cannot_be_set_to_approved_directly(api, hr, campaign):
    response = api(hr).post("/api/v1/initiatives", json=body(campaign, approval_state="approved"))
    assert "approval_state" in response.get_json()["error"]["fields"]


def test_a_weekly_initiative_over_four_weeks_covers_exactly_those_four_weeks(api, hr, campaign):
    api(hr).post("/api/v1/initiatives", json=body(campaign))  # Wednesdays 4–25 March
    cadence = api(hr).get(f"/api/v1/campaigns/{campaign.id}/dashboard").get_json()["cadence"]
    assert cadence["covered_weeks"] == 4
    assert cadence["gaps"][0]["to"] == "2026-03-01" and cadence["gaps"][1]["from"] == "2026-03-30"


def test_the_dashboard_has_five_pillars_a_share_and_gaps(api, hr, campaign):
    InitiativeFactory(campaign=campaign)
    board = api(hr).get(f"/api/v1/campaigns/{campaign.id}/dashboard").get_json()
    assert set(board["pillars"]) == {"inform", "inspire", "instruct", "engage", "reward"}
    assert 0 <= board["cadence"]["share"] <= 1
    assert board["cadence"]["gaps"]


def test_an_employee_cannot_see_the_dashboard(api, campaign):
    assert api(PersonFactory()).get(f"/api/v1/campaigns/{campaign.id}/dashboard").status_code == 403


class TestCampaigns:
    def test_create_with_kpis_and_stakeholders(self, api, hr):
        cfo = PersonFactory()
        response = api(hr).post(
            "/api/v1/campaigns",
            json={
                "name": "CX culture 2027",
                "goal": "Customers feel understood",
                "start_date": "2027-01-01",
                "end_date": "2027-12-31",
                "budget": 50000,
                "kpis": [{"name": "NPS", "unit": "points", "baseline": 30, "target": 40}],
                "stakeholders": [
                    {"group": "finance", "person_id": cfo.id},
                    {"group": "other", "name": "Works council"},
                ],
            },
        )
        assert response.status_code == 201
        campaign = response.get_json()
        assert campaign["owner_id"] == hr.id
        assert campaign["kpis"][0]["target"] == 40.0 and campaign["kpis"][0]["actual"] is None
        assert [s["group"] for s in campaign["stakeholders"]] == ["finance", "other"]

    def test_kpi_problems_are_named_by_index(self, api, hr):
        response = api(hr).post(
            "/api/v1/campaigns",
            json={
                "name": "X",
                "start_date": "2027-01-01",
                "end_date": "2026-12-31",
                "kpis": [{"name": "NPS", "target": 40}, {"name": "", "target": "lots"}],
                "stakeholders": [{"group": "sales"}],
            },
        )
        fields = response.get_json()["error"]["fields"]
        assert {"kpis.1.name", "kpis.1.target", "stakeholders.0.group"} <= set(fields)
        response = api(hr).post(
            "/api/v1/campaigns",
            json={"name": "X", "start_date": "2027-01-01", "end_date": "2026-12-31"},
        )
        assert "end_date" in response.get_json()["error"]["fields"]

    def test_patch_changes_only_what_is_sent(self, api, hr, campaign):
        response = api(hr).patch(f"/api/v1/campaigns/{campaign.id}", json={"budget": 999})
        assert response.get_json()["budget"] == "999.00"  # money: a string, two decimals
        assert response.get_json()["name"] == campaign.name

    def test_managers_read_campaigns_but_do_not_write(self, api, campaign):
        manager = PersonFactory(roles=["manager"])
        assert api(manager).get("/api/v1/campaigns").status_code == 200
        assert api(manager).patch(f"/api/v1/campaigns/{campaign.id}", json={}).status_code == 403


def test_a_team_manager_reports_their_rollout_through_the_api(api, hr, campaign):
    manager = PersonFactory(roles=["manager"])
    team = TeamFactory(manager=manager)
    item = (
        api(hr)
        .post("/api/v1/initiatives", json=body(campaign, audience_team_ids=[team.id]))
        .get_json()
    )
    db.session.commit()
    url = f"/api/v1/initiatives/{item['id']}/rollout/{team.id}"
    assert (
        api(PersonFactory(roles=["manager"])).patch(url, json={"status": "done"}).status_code == 403
    )
    response = api(manager).patch(url, json={"status": "in_progress", "note": "Two sessions done"})
    assert response.get_json() == {
        "team_id": team.id,
        "status": "in_progress",
        "note": "Two sessions done",
    }
