"""`/campaigns` and `/campaigns/{id}/dashboard`."""

from flask import g, jsonify

from eximpact.access import permission_required
from eximpact.api import bp
from eximpact.api.common import iso_datetime, json_body, paginated
from eximpact.api.inputs import MISSING, Fields
from eximpact.api.oas import DATE, PAGE, errors, json_response, path_id, ref, request_body
from eximpact.campaigns import (
    permissions,  # noqa: F401  (registers the rules)
    queries,
    services,
)
from eximpact.campaigns.dashboard import build_dashboard, dashboard_json
from eximpact.campaigns.loaders import get_campaign_or_404
from eximpact.campaigns.models import STAKEHOLDER_GROUPS, Campaign
from eximpact.extensions import db


def _number(value):
    return None if value is None else float(value)


def campaign_json(campaign: Campaign) -> dict:
    return {
        "id": campaign.id,
        "name": campaign.name,
        "goal": campaign.goal,
        "owner_id": campaign.owner_id,
        "start_date": campaign.start_date.isoformat(),
        "end_date": campaign.end_date.isoformat(),
        "budget": _number(campaign.budget),
        "kpis": [
            {
                "id": kpi.id,
                "name": kpi.name,
                "unit": kpi.unit,
                "baseline": _number(kpi.baseline),
                "target": _number(kpi.target),
                "actual": _number(kpi.actual),
            }
            for kpi in campaign.kpis
        ],
        "stakeholders": [
            {"group": s.stakeholder_group, "person_id": s.person_id, "name": s.name}
            for s in campaign.stakeholders
        ],
        "created_at": iso_datetime(campaign.created_at),
        "updated_at": iso_datetime(campaign.updated_at),
    }


def _read_campaign(body: dict, partial: bool) -> dict:
    """Typed values from a campaign body; nested KPI and stakeholder problems named by index."""
    fields = Fields(body, partial=partial)
    fields.string("name", required=True, max_length=160)
    fields.string("goal", max_length=5000)
    fields.integer("owner_id")
    fields.date("start_date", required=True)
    fields.date("end_date", required=True)
    fields.decimal("budget")
    kpis = fields.object_list("kpis")
    if kpis is not MISSING:
        parsed = []
        for index, kpi in enumerate(kpis):
            item = Fields(kpi, prefix=f"kpis.{index}.")
            item.string("name", required=True, max_length=120)
            item.string("unit", max_length=30)
            item.decimal("baseline")
            item.decimal("target", required=True)
            item.decimal("actual")
            fields.problems.fields.update(item.problems.fields)
            parsed.append(item.values)
        fields.values["kpis"] = parsed
    stakeholders = fields.object_list("stakeholders")
    if stakeholders is not MISSING:
        parsed = []
        for index, stakeholder in enumerate(stakeholders):
            item = Fields(stakeholder, prefix=f"stakeholders.{index}.")
            item.choice("group", STAKEHOLDER_GROUPS, required=True)
            item.integer("person_id")
            item.string("name", max_length=160)
            fields.problems.fields.update(item.problems.fields)
            parsed.append(item.values)
        fields.values["stakeholders"] = parsed
    fields.raise_if_any()
    return fields.values


@bp.get("/campaigns")
@permission_required("campaigns.view")
def list_campaigns():
    return paginated(queries.campaigns_query(), campaign_json)


@bp.post("/campaigns")
@permission_required("campaigns.plan")
def create_campaign():
    values = _read_campaign(json_body(), partial=False)
    values.setdefault("owner_id", g.api_user.id)
    campaign = services.save_campaign(g.api_user, None, values)
    db.session.commit()
    return jsonify(campaign_json(campaign)), 201


@bp.get("/campaigns/<int:campaign_id>")
@permission_required("campaigns.view")
def get_campaign(campaign_id: int):
    return jsonify(campaign_json(get_campaign_or_404(campaign_id, g.api_user)))


@bp.patch("/campaigns/<int:campaign_id>")
@permission_required("campaigns.plan")
def update_campaign(campaign_id: int):
    campaign = get_campaign_or_404(campaign_id, g.api_user)
    values = _read_campaign(json_body(), partial=True)
    services.save_campaign(g.api_user, campaign, values)
    db.session.commit()
    return jsonify(campaign_json(campaign))


@bp.get("/campaigns/<int:campaign_id>/dashboard")
@permission_required("campaigns.view")
def campaign_dashboard(campaign_id: int):
    """The same numbers as the dashboard page, built by the same function."""
    return jsonify(dashboard_json(build_dashboard(get_campaign_or_404(campaign_id, g.api_user))))


_NUMBER = {"type": "number", "nullable": True}
_KPI = {
    "type": "object",
    "required": ["name", "target"],
    "properties": {
        "id": {"type": "integer", "readOnly": True},
        "name": {"type": "string", "maxLength": 120},
        "unit": {"type": "string", "maxLength": 30},
        "baseline": _NUMBER,
        "target": {"type": "number"},
        "actual": _NUMBER,
    },
}
_STAKEHOLDER = {
    "type": "object",
    "required": ["group"],
    "properties": {
        "group": {"type": "string", "enum": list(STAKEHOLDER_GROUPS)},
        "person_id": {"type": "integer", "nullable": True},
        "name": {"type": "string", "nullable": True, "maxLength": 160},
    },
}
_WARNING = {
    "type": "object",
    "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
}
_PILLAR_BALANCE = {
    "type": "object",
    "properties": {
        "initiatives": {"type": "integer"},
        "active": {"type": "integer"},
        "progress": {"type": "number"},
        "budget": {"type": "number"},
        "actual_cost": {"type": "number"},
        "two_way": {"type": "integer"},
        "warnings": {"type": "array", "items": _WARNING},
    },
}
_PILLAR_NAMES = ("inform", "inspire", "instruct", "engage", "reward")
OPENAPI_SCHEMAS = {
    "Campaign": {
        "type": "object",
        "properties": {
            "id": {"type": "integer", "readOnly": True},
            "name": {"type": "string", "maxLength": 160},
            "goal": {"type": "string"},
            "owner_id": {"type": "integer"},
            "start_date": DATE,
            "end_date": DATE,
            "budget": _NUMBER,
            "kpis": {"type": "array", "items": _KPI},
            "stakeholders": {"type": "array", "items": _STAKEHOLDER},
            "created_at": {"type": "string", "format": "date-time", "readOnly": True},
            "updated_at": {"type": "string", "format": "date-time", "readOnly": True},
        },
    },
    "Dashboard": {
        "type": "object",
        "properties": {
            "campaign": {"type": "object"},
            "pillars": {
                "type": "object",
                "properties": dict.fromkeys(_PILLAR_NAMES, _PILLAR_BALANCE),
            },
            "cadence": {
                "type": "object",
                "properties": {
                    "weeks": {"type": "integer"},
                    "covered_weeks": {"type": "integer"},
                    "share": {"type": "number", "minimum": 0, "maximum": 1},
                    "by_pillar": {
                        "type": "object",
                        "properties": {name: {"type": "number"} for name in _PILLAR_NAMES},
                    },
                    "gaps": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "from": DATE,
                                "to": DATE,
                                "weeks": {"type": "integer"},
                            },
                        },
                    },
                },
            },
            "kpis": {"type": "array", "items": {"type": "object"}},
            "warnings": {"type": "array", "items": _WARNING},
        },
    },
}
_ONE = {"200": json_response("The campaign", ref("Campaign"))}

OPENAPI_PATHS = {
    "/campaigns": {
        "get": {
            "summary": "Campaigns (HR, admin and managers)",
            "tags": ["campaigns"],
            "parameters": PAGE,
            "responses": {
                "200": {"$ref": "#/components/responses/CampaignList"},
                **errors("Forbidden"),
            },
        },
        "post": {
            "summary": "Create a campaign (HR and admin)",
            "tags": ["campaigns"],
            "requestBody": request_body(ref("Campaign")),
            "responses": {
                "201": json_response("The campaign", ref("Campaign")),
                **errors("BadRequest", "Forbidden", "ValidationError"),
            },
        },
    },
    "/campaigns/{campaign_id}": {
        "parameters": [path_id("campaign_id")],
        "get": {
            "summary": "One campaign",
            "tags": ["campaigns"],
            "responses": {**_ONE, **errors("Forbidden", "NotFound")},
        },
        "patch": {
            "summary": "Change a campaign; kpis and stakeholders, when sent, replace the lists",
            "tags": ["campaigns"],
            "requestBody": request_body(ref("Campaign")),
            "responses": {
                **_ONE,
                **errors("BadRequest", "Forbidden", "NotFound", "ValidationError"),
            },
        },
    },
    "/campaigns/{campaign_id}/dashboard": {
        "parameters": [path_id("campaign_id")],
        "get": {
            "summary": "Pillar balance, cadence and KPI progress (the dashboard page's numbers)",
            "tags": ["campaigns"],
            "responses": {
                "200": json_response("The dashboard", ref("Dashboard")),
                **errors("Forbidden", "NotFound"),
            },
        },
    },
}
