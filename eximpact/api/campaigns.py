"""`/campaigns` and `/campaigns/{id}/dashboard`, declared once (limits from the services)."""

from datetime import date

from flask import g
from pydantic import AliasChoices, Field

from eximpact.api.declare import operation, page_of
from eximpact.api.schema import (
    ApiModel,
    Day,
    Id,
    Moment,
    Money,
    OptionalId,
    decimal,
    matching,
    one_of,
    partial,
    text,
)
from eximpact.campaigns import permissions  # noqa: F401  (registers the rules)
from eximpact.campaigns.loaders import get_campaign_or_404
from eximpact.campaigns.models import PILLARS, STAKEHOLDER_GROUPS, Campaign
from eximpact.campaigns.services import planning, queries
from eximpact.campaigns.services.dashboard import build_dashboard, dashboard_json
from eximpact.campaigns.services.live_kpis import SOURCE_HINT, SOURCE_MAX, SOURCE_PATTERN
from eximpact.campaigns.services.planning import KPI_BELOW, LIMITS, MONEY_BELOW
from eximpact.extensions import db

Amount = decimal(2, below=MONEY_BELOW)
KpiValue = decimal(2, minimum=None, below=KPI_BELOW)
KpiSource = matching(SOURCE_PATTERN, SOURCE_MAX, SOURCE_HINT)


class KpiIn(ApiModel):
    name: text(LIMITS["kpi_name"], required=True)
    unit: text(LIMITS["kpi_unit"]) = None
    baseline: KpiValue = None
    target: decimal(2, minimum=None, below=KPI_BELOW, nullable=False)
    actual: KpiValue = Field(None, description="Leave empty when the KPI follows a source")
    source: KpiSource = Field(None, description=f"Where a live actual comes from. {SOURCE_HINT}")


class StakeholderIn(ApiModel):
    group: one_of(STAKEHOLDER_GROUPS)
    person_id: OptionalId = None
    name: text(LIMITS["stakeholder_name"]) = None


class CampaignIn(ApiModel):
    """A campaign; `kpis` and `stakeholders`, when sent, replace the lists."""

    name: text(LIMITS["name"], required=True)
    goal: text(LIMITS["goal"]) = None
    owner_id: Id = Field(None, description="Defaults to you")
    start_date: Day
    end_date: Day
    budget: Amount = None
    kpis: list[KpiIn] = Field(None, max_length=100)
    stakeholders: list[StakeholderIn] = Field(None, max_length=100)


class KpiOut(ApiModel):
    id: int
    name: str
    unit: str
    baseline: float | None
    target: float | None
    actual: float | None
    source: str | None


class StakeholderOut(ApiModel):
    group: str = Field(validation_alias=AliasChoices("group", "stakeholder_group"))
    person_id: int | None
    name: str | None


class CampaignOut(ApiModel):
    id: int
    name: str
    goal: str
    owner_id: int
    start_date: date
    end_date: date
    budget: Money
    kpis: list[KpiOut]
    stakeholders: list[StakeholderOut]
    created_at: Moment
    updated_at: Moment


class Warning(ApiModel):
    code: str
    message: str


class PillarBalance(ApiModel):
    initiatives: int
    active: int
    progress: float
    budget: Money
    actual_cost: Money
    two_way: int
    warnings: list[Warning]


class Gap(ApiModel):
    from_: date = Field(alias="from", serialization_alias="from")
    to: date
    weeks: int


class Cadence(ApiModel):
    weeks: int
    covered_weeks: int
    share: float
    by_pillar: dict[str, float]
    gaps: list[Gap]


class DashboardCampaign(ApiModel):
    id: int
    name: str
    start_date: date
    end_date: date
    budget: Money


class KpiProgressOut(KpiOut):
    """`actual` is the live one when the KPI follows a source; `source_note` says whence."""

    progress: float | None
    source_note: str | None


class DashboardOut(ApiModel):
    """Pillar balance, cadence and KPI progress: the dashboard page's numbers."""

    campaign: DashboardCampaign
    pillars: dict[one_of(PILLARS), PillarBalance]
    cadence: Cadence
    kpis: list[KpiProgressOut]
    warnings: list[Warning]


@operation(
    "GET",
    "/campaigns",
    tag="campaigns",
    permission="campaigns.view",
    response=CampaignOut,
    listing=True,
)
def list_campaigns():
    """Campaigns (HR, admin and managers)."""
    return page_of(queries.campaigns_query())


@operation(
    "POST",
    "/campaigns",
    tag="campaigns",
    permission="campaigns.plan",
    body=CampaignIn,
    response=CampaignOut,
    status=201,
)
def create_campaign(body: CampaignIn):
    """Create a campaign (HR and admin)."""
    values = body.model_dump(exclude_unset=True)
    values.setdefault("owner_id", g.api_user.id)
    campaign = planning.save_campaign(g.api_user, None, values)
    db.session.commit()
    return campaign


@operation(
    "GET",
    "/campaigns/<int:campaign_id>",
    tag="campaigns",
    permission="campaigns.view",
    load=get_campaign_or_404,
    response=CampaignOut,
)
def get_campaign(campaign: Campaign):
    """One campaign."""
    return campaign


@operation(
    "PATCH",
    "/campaigns/<int:campaign_id>",
    tag="campaigns",
    permission="campaigns.plan",
    load=get_campaign_or_404,
    body=partial(CampaignIn),
    response=CampaignOut,
)
def update_campaign(campaign: Campaign, body: CampaignIn):
    """Change a campaign; kpis and stakeholders, when sent, replace the lists."""
    planning.save_campaign(g.api_user, campaign, body.model_dump(exclude_unset=True))
    db.session.commit()
    return campaign


@operation(
    "GET",
    "/campaigns/<int:campaign_id>/dashboard",
    tag="campaigns",
    permission="campaigns.view",
    load=get_campaign_or_404,
    response=DashboardOut,
)
def campaign_dashboard(campaign: Campaign):
    """Pillar balance, cadence and KPI progress (the same numbers as the dashboard page)."""
    return dashboard_json(build_dashboard(campaign))
