"""One limit, one rule, whichever way in: the page, the API and the document agree."""

import html

import pytest
from sqlalchemy import func, select

from eximpact.campaigns.models import Campaign, Initiative
from eximpact.campaigns.services import planning
from eximpact.campaigns.services.planning import LIMITS
from eximpact.extensions import db
from eximpact.validation import ValidationFailed, too_long
from tests.campaigns.factories import CampaignFactory, InitiativeFactory
from tests.factories import PersonFactory


@pytest.fixture
def hr(app):
    return PersonFactory(roles=["hr"])


def _campaign_form(owner, **changes):
    return {
        "name": "CX culture 2027",
        "owner_id": owner.email,
        "start_date": "2027-01-01",
        "end_date": "2027-12-31",
        **changes,
    }


def _campaign_body(**changes):
    return {
        "name": "CX culture 2027",
        "start_date": "2027-01-01",
        "end_date": "2027-12-31",
        **changes,
    }


def test_a_goal_of_6000_characters_is_refused_alike_by_page_and_api(client, auth, api, hr):
    goal = "g" * 6000
    message = too_long(LIMITS["goal"])
    auth.login(hr)
    page = client.post("/campaigns/new", data=_campaign_form(hr, goal=goal))
    assert message in html.unescape(page.get_data(as_text=True))
    response = api(hr).post("/api/v1/campaigns", json=_campaign_body(goal=goal))
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"]["goal"] == [message]
    assert db.session.scalar(select(func.count(Campaign.id))) == 0


def test_a_goal_at_the_limit_is_saved_alike_by_page_and_api(client, auth, api, hr):
    goal = "g" * LIMITS["goal"]
    auth.login(hr)
    assert client.post("/campaigns/new", data=_campaign_form(hr, goal=goal)).status_code == 302
    assert api(hr).post("/api/v1/campaigns", json=_campaign_body(goal=goal)).status_code == 201
    assert db.session.scalars(select(Campaign.goal)).all() == [goal, goal]


def test_the_goal_field_shows_its_limit_instead_of_cutting_the_text(client, auth, hr):
    auth.login(hr)
    page = client.get("/campaigns/new").get_data(as_text=True)
    assert f'data-limit="{LIMITS["goal"]}"' in page
    assert f'maxlength="{LIMITS["goal"]}"' not in page


def test_an_initiative_description_has_its_limit_on_the_page_too(client, auth, api, hr):
    campaign = CampaignFactory(owner=hr)
    over = "d" * (LIMITS["description"] + 1)
    auth.login(hr)
    page = client.post(
        "/campaigns/initiatives/new",
        data={
            "campaign_id": campaign.id,
            "pillar": "inspire",
            "title": "Town hall",
            "description": over,
            "owner_id": hr.email,
            "start_date": "2026-03-02",
            "end_date": "2026-03-06",
            "status": "planned",
            "frequency": "once",
            "progress": "0",
        },
    )
    message = too_long(LIMITS["description"])
    assert message in html.unescape(page.get_data(as_text=True))
    response = api(hr).post(
        "/api/v1/initiatives",
        json={
            "campaign_id": campaign.id,
            "pillar": "inspire",
            "title": "Town hall",
            "description": over,
            "start_date": "2026-03-02",
            "end_date": "2026-03-06",
        },
    )
    assert response.get_json()["error"]["fields"]["description"] == [message]
    assert db.session.scalar(select(func.count(Initiative.id))) == 0


@pytest.mark.parametrize("state", ["approved", "rejected"])
def test_the_service_itself_refuses_an_approval_set_as_a_field(hr, state):
    """The approver decides through decide_approval; no entry point may set the outcome."""
    item = InitiativeFactory(status="draft")
    with pytest.raises(ValidationFailed) as refused:
        planning.update_initiative(hr, item, {"approval_state": state})
    assert "approval_state" in refused.value.fields
    assert item.approval_state == "not_required"


def test_asking_for_approval_through_the_service_needs_an_approver(hr):
    item = InitiativeFactory(status="draft")
    with pytest.raises(ValidationFailed) as refused:
        planning.update_initiative(hr, item, {"approval_state": "pending"})
    assert refused.value.fields == {"approver_id": ["Name the approver to ask."]}


def test_the_document_states_the_limits_the_services_enforce(client):
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    assert schemas["CampaignIn"]["properties"]["goal"]["maxLength"] == LIMITS["goal"]
    assert schemas["CampaignIn"]["properties"]["name"]["maxLength"] == LIMITS["name"]
    initiative = schemas["InitiativeIn"]["properties"]
    assert initiative["description"]["maxLength"] == LIMITS["description"]
    assert initiative["title"]["minLength"] == 1


def test_a_title_at_its_limit_can_still_ask_for_approval(api, hr):
    """The e-mail's subject ("Approval needed: <title>") fits its column (found on PostgreSQL)."""
    approver = PersonFactory(roles=["hr"])
    item = InitiativeFactory(status="draft", title="t" * LIMITS["title"])
    response = api(hr).patch(
        f"/api/v1/initiatives/{item.id}",
        json={"approval_state": "pending", "approver_id": approver.id},
    )
    assert response.status_code == 200
    assert response.get_json()["approval_state"] == "pending"
