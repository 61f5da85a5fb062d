"""The programme dashboard: pillar balance, cadence and KPI progress, in a fixed few queries.

The page and `GET /api/v1/campaigns/{id}/dashboard` show the same numbers, because
both are built from `build_dashboard`. Drafts and cancelled initiatives do not count.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import case, func, select

from eximpact.campaigns.models import (
    COUNTED_STATUSES,
    PILLAR_LABELS,
    PILLARS,
    Campaign,
    Initiative,
    Kpi,
)
from eximpact.campaigns.services.cadence import Cadence, Planned, cadence
from eximpact.campaigns.services.live_kpis import LiveActual, live_actuals
from eximpact.extensions import db


@dataclass(frozen=True)
class Alert:
    """A warning on the dashboard: a stable code for integrations, a sentence for people."""

    code: str
    message: str


@dataclass
class PillarBalance:
    pillar: str
    initiatives: int = 0
    active: int = 0
    progress: float = 0.0
    budget: Decimal = Decimal(0)
    actual_cost: Decimal = Decimal(0)
    two_way: int = 0
    over_budget_initiatives: int = 0
    warnings: list[Alert] = field(default_factory=list)


@dataclass
class KpiProgress:
    kpi: Kpi
    actual: Decimal | None  # typed in, or read from the KPI's live source
    progress: float | None  # 0..1 of the way from baseline to target; None without data
    live: LiveActual | None = None  # where a live actual comes from


@dataclass
class Dashboard:
    campaign: Campaign
    pillars: dict[str, PillarBalance]
    cadence: Cadence
    kpis: list[KpiProgress]
    warnings: list[Alert]


def pillar_balance(campaign_id: int) -> dict[str, PillarBalance]:
    """Counts, progress and money per pillar, aggregated in one GROUP BY."""
    counted = Initiative.status.in_(COUNTED_STATUSES)
    rows = db.session.execute(
        select(
            Initiative.pillar,
            func.count(),
            func.sum(case((Initiative.status == "in_progress", 1), else_=0)),
            func.avg(Initiative.progress),
            func.coalesce(func.sum(Initiative.budget), 0),
            func.coalesce(func.sum(Initiative.actual_cost), 0),
            func.sum(case((Initiative.two_way, 1), else_=0)),
            func.sum(case((Initiative.actual_cost > Initiative.budget, 1), else_=0)),
        )
        .where(Initiative.campaign_id == campaign_id, counted)
        .group_by(Initiative.pillar)
    )
    balance = {pillar: PillarBalance(pillar) for pillar in PILLARS}
    for pillar, count, active, progress, budget, spent, two_way, over in rows:
        balance[pillar] = PillarBalance(
            pillar,
            initiatives=count,
            active=int(active or 0),
            progress=round(float(progress or 0), 1),
            budget=Decimal(budget),
            actual_cost=Decimal(spent),
            two_way=int(two_way or 0),
            over_budget_initiatives=int(over or 0),
        )
    for item in balance.values():
        item.warnings = pillar_warnings(item)
    return balance


def pillar_warnings(item: PillarBalance) -> list[Alert]:
    name = PILLAR_LABELS[item.pillar]
    warnings = []
    if item.initiatives == 0:
        warnings.append(Alert("no_initiatives", f"{name} has no initiative: the pillar is empty."))
    elif item.two_way == 0:
        message = f"Every {name} initiative is one-way. Add one that opens a dialogue."
        warnings.append(Alert("one_way_only", message))
    if item.budget and item.actual_cost > item.budget:
        message = f"{name} has spent {item.actual_cost:,.2f} of its {item.budget:,.2f} budget."
        warnings.append(Alert("over_budget", message))
    elif item.over_budget_initiatives:
        count = item.over_budget_initiatives
        message = f"{count} {name} initiative(s) spent more than their budget."
        warnings.append(Alert("over_budget", message))
    return warnings


def campaign_cadence(campaign: Campaign) -> Cadence:
    """Which of the campaign's weeks carry an initiative: one query for the dates."""
    rows = db.session.execute(
        select(
            Initiative.pillar, Initiative.start_date, Initiative.end_date, Initiative.frequency
        ).where(Initiative.campaign_id == campaign.id, Initiative.status.in_(COUNTED_STATUSES))
    )
    items = [Planned(*row) for row in rows]
    return cadence(campaign.start_date, campaign.end_date, items, PILLARS)


def kpi_progress(kpi: Kpi, actual: Decimal | None) -> float | None:
    """How far the actual is from baseline to target, 0..1 (targets may go down, too)."""
    if actual is None:
        return None
    baseline = kpi.baseline if kpi.baseline is not None else Decimal(0)
    if kpi.target == baseline:
        return 1.0 if actual == kpi.target else 0.0
    share = float((actual - baseline) / (kpi.target - baseline))
    return max(0.0, min(share, 1.0))


def kpi_progresses(campaign: Campaign, kpis: list[Kpi]) -> list[KpiProgress]:
    """Each KPI with its actual: typed in, or followed from its source (read once each)."""
    live = live_actuals(campaign, [kpi.source for kpi in kpis])
    out = []
    for kpi in kpis:
        found = live.get(kpi.source) if kpi.source else None
        actual = found.value if found else kpi.actual
        out.append(KpiProgress(kpi, actual, kpi_progress(kpi, actual), found))
    return out


def campaign_warnings(campaign: Campaign, pillars: dict[str, PillarBalance]) -> list[Alert]:
    if campaign.budget is None:
        return []
    planned = sum((p.budget for p in pillars.values()), Decimal(0))
    spent = sum((p.actual_cost for p in pillars.values()), Decimal(0))
    budget = campaign.budget
    if spent > budget:
        message = f"Spend of {spent:,.2f} is over the campaign budget of {budget:,.2f}."
        return [Alert("over_budget", message)]
    if planned > budget:
        message = f"Initiative budgets add up to {planned:,.2f}, over the campaign's {budget:,.2f}."
        return [Alert("planned_over_budget", message)]
    return []


def build_dashboard(campaign: Campaign) -> Dashboard:
    pillars = pillar_balance(campaign.id)
    kpis = db.session.scalars(
        select(Kpi).where(Kpi.campaign_id == campaign.id).order_by(Kpi.position, Kpi.id)
    ).all()
    return Dashboard(
        campaign=campaign,
        pillars=pillars,
        cadence=campaign_cadence(campaign),
        kpis=kpi_progresses(campaign, kpis),
        warnings=campaign_warnings(campaign, pillars),
    )


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def dashboard_json(board: Dashboard) -> dict:
    """API.md's dashboard shape (plus a few extra fields); money stays Decimal, for the
    API's response model to write as a string with two decimals."""
    weeks = board.cadence.weeks
    return {
        "campaign": {
            "id": board.campaign.id,
            "name": board.campaign.name,
            "start_date": board.campaign.start_date.isoformat(),
            "end_date": board.campaign.end_date.isoformat(),
            "budget": board.campaign.budget,
        },
        "pillars": {
            pillar: {
                "initiatives": item.initiatives,
                "active": item.active,
                "progress": item.progress,
                "budget": item.budget,
                "actual_cost": item.actual_cost,
                "two_way": item.two_way,
                "warnings": [{"code": w.code, "message": w.message} for w in item.warnings],
            }
            for pillar, item in board.pillars.items()
        },
        "cadence": {
            "weeks": len(weeks),
            "covered_weeks": len(board.cadence.covered),
            "share": round(board.cadence.share, 4),
            "by_pillar": {p: round(board.cadence.pillar_share(p), 4) for p in PILLARS},
            "gaps": [
                {"from": g.start.isoformat(), "to": g.end.isoformat(), "weeks": g.weeks}
                for g in board.cadence.gaps
            ],
        },
        "kpis": [
            {
                "id": item.kpi.id,
                "name": item.kpi.name,
                "unit": item.kpi.unit,
                "baseline": _number(item.kpi.baseline),
                "target": _number(item.kpi.target),
                "actual": _number(item.actual),
                "progress": None if item.progress is None else round(item.progress, 4),
                "source": item.kpi.source,
                "source_note": item.live.described if item.live else None,
            }
            for item in board.kpis
        ],
        "warnings": [{"code": w.code, "message": w.message} for w in board.warnings],
    }
