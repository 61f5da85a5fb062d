"""Money leaves the API as a string with two decimals, everywhere (API.md)."""

import re
from decimal import Decimal

from tests.campaigns.factories import CampaignFactory, InitiativeFactory
from tests.factories import PersonFactory

TWO_DECIMALS = re.compile(r"^-?\d+\.\d{2}$")


def test_campaign_and_initiative_money_is_a_string_with_two_decimals(api):
    hr = PersonFactory(roles=["hr"])
    campaign = CampaignFactory(owner=hr, budget=Decimal("1200.5"))
    InitiativeFactory(campaign=campaign, budget=Decimal(80), actual_cost=Decimal("0.1"))
    client = api(hr)
    body = client.get(f"/api/v1/campaigns/{campaign.id}").get_json()
    assert body["budget"] == "1200.50"
    item = client.get(f"/api/v1/initiatives?campaign_id={campaign.id}").get_json()["items"][0]
    assert (item["budget"], item["actual_cost"]) == ("80.00", "0.10")
    pillars = client.get(f"/api/v1/campaigns/{campaign.id}/dashboard").get_json()["pillars"]
    assert all(TWO_DECIMALS.match(p["budget"]) for p in pillars.values())


def test_money_sent_as_the_api_writes_it_is_taken_back(api):
    hr = PersonFactory(roles=["hr"])
    campaign = CampaignFactory(owner=hr)
    response = api(hr).patch(f"/api/v1/campaigns/{campaign.id}", json={"budget": "999.90"})
    assert response.status_code == 200 and response.get_json()["budget"] == "999.90"


def test_every_money_field_in_the_document_is_a_two_decimal_string(client):
    """The one Money type writes every response amount; the document says so for each."""
    document = client.get("/api/v1/openapi.json").get_json()
    schemas = document["components"]["schemas"]
    bodies = {
        body["content"]["application/json"]["schema"].get("$ref", "").rsplit("/", 1)[-1]
        for path in document["paths"].values()
        for operation in path.values()
        if isinstance(operation, dict) and (body := operation.get("requestBody"))
    }
    money = {
        (name, field)
        for name, schema in schemas.items()
        if name not in bodies and not name.endswith("In")
        for field in schema.get("properties", {})
        if field in ("budget", "actual_cost", "reward_value", "budget_used", "budget_left")
    }
    assert {("CampaignOut", "budget"), ("InitiativeOut", "budget")} <= money
    assert {("CategoryOut", "reward_value"), ("NominationOut", "reward_value")} <= money
    for name, field in money:
        prop = schemas[name]["properties"][field]
        assert prop.get("pattern") == r"^-?\d+\.\d{2}$", (name, field, prop)
