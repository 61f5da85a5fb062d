"""The team card beside one team's figures: its pulse bands and climate items, the open
actions reaching it, and its weakest pillar.

Pulse figures come from the pulse's own `Decided` of the last rounds closed by the
period's end, so the one disclosure function decides what the card may show: a team
the rule hides gets its status and nothing else, and no weakest pillar from it.
"""

from datetime import date

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import joinedload

from eximpact.campaigns.models import DONE, IN_PROGRESS, PILLAR_LABELS, PLANNED, Initiative, Rollout
from eximpact.extensions import db
from eximpact.periods import Period
from eximpact.pulse.disclosure import NOT_ENOUGH, SHOWN
from eximpact.pulse.items import (
    BAND_LABELS,
    BANDS,
    CLIMATE,
    CLIMATE_ITEMS,
    ENGAGEMENT,
    ENGAGEMENT_ITEMS,
)
from eximpact.pulse.services.results import Decided
from eximpact.scorecards.services.employee import Rounds

OPEN_ACTIONS_SHOWN = 20
ITEMS = {item.key: item for item in (*ENGAGEMENT_ITEMS, *CLIMATE_ITEMS)}


def _ancestors(parents: dict, team_id: int) -> list[int]:
    found: list[int] = []
    while team_id is not None and team_id not in found:
        found.append(team_id)
        team_id = parents.get(team_id)
    return found


def pulse_detail(rounds: Rounds, parents: dict, team_id: int, period: Period) -> dict:
    """{kind: {round, status, stats}} of the last engagement and climate rounds."""
    out = {}
    for kind in (ENGAGEMENT, CLIMATE):
        round_ = rounds.last(kind, period)
        if round_ is None:
            out[kind] = {"round": None, "status": "no_round", "stats": None}
            continue
        if round_.id not in rounds.details:
            rounds.details[round_.id] = Decided(round_, parents)
        decided = rounds.details[round_.id]
        status = decided.decisions.get(team_id, NOT_ENOUGH)
        stats = decided.stats(team_id) if status == SHOWN else None
        out[kind] = {"round": round_, "status": status, "stats": stats}
    return out


def bands(detail: dict) -> list[dict]:
    """The TEEI bands of the last engagement round, best first (empty when not shown)."""
    stats = detail[ENGAGEMENT]["stats"]
    if not stats:
        return []
    return [{"band": b, "label": BAND_LABELS[b], "share": stats["bands"][b]} for b in BANDS]


def climate_items(detail: dict) -> list[dict]:
    """Each climate statement's mean (1–5) in the last climate round (empty when not shown)."""
    stats = detail[CLIMATE]["stats"]
    if not stats:
        return []
    return [
        {"key": item.key, "text": item.text, "mean": stats["items"][item.key]}
        for item in CLIMATE_ITEMS
    ]


def weakest_pillar(detail: dict) -> dict | None:
    """The Five I's pillar whose statements score lowest, each mean scaled 0–1 on its own
    range so a 1–7 and a 1–5 statement compare; None without shown pulse figures."""
    scores: dict[str, list[float]] = {}
    for kind in (ENGAGEMENT, CLIMATE):
        stats = detail[kind]["stats"]
        for key, mean in (stats or {}).get("items", {}).items():
            item = ITEMS[key]
            if item.pillar:
                share = (mean - item.minimum) / (item.maximum - item.minimum)
                scores.setdefault(item.pillar, []).append(share)
    if not scores:
        return None
    pillar, shares = min(scores.items(), key=lambda pair: (sum(pair[1]) / len(pair[1]), pair[0]))
    return {
        "pillar": pillar,
        "label": PILLAR_LABELS[pillar],
        "score": round(sum(shares) / len(shares), 4),
    }


def open_actions(parents: dict, team_id: int, today: date) -> list[dict]:
    """Planned or running initiatives reaching the team (rolled out to it or a team above
    it, or for everyone), soonest end first, with this team's own rollout state."""
    above = _ancestors(parents, team_id)
    reaching = or_(
        Initiative.id.in_(select(Rollout.initiative_id).where(Rollout.team_id.in_(above))),
        ~exists().where(Rollout.initiative_id == Initiative.id),
    )
    initiatives = db.session.scalars(
        select(Initiative)
        .options(joinedload(Initiative.campaign))
        .where(
            Initiative.status.in_((PLANNED, IN_PROGRESS)),
            Initiative.end_date >= today,
            reaching,
        )
        .order_by(Initiative.end_date, Initiative.id)
        .limit(OPEN_ACTIONS_SHOWN)
    ).all()
    own = dict(
        db.session.execute(
            select(Rollout.initiative_id, Rollout.status).where(
                Rollout.team_id == team_id,
                Rollout.initiative_id.in_([i.id for i in initiatives]),
            )
        ).all()
    )
    return [
        {
            "initiative": initiative,
            "rollout": own.get(initiative.id),
            "done_here": own.get(initiative.id) == DONE,
        }
        for initiative in initiatives
    ]


def team_card(team, period: Period, parents: dict, today: date) -> dict:
    """Everything the card shows beside the figures, in a fixed number of queries."""
    detail = pulse_detail(Rounds(parents), parents, team.id, period)
    return {
        "pulse": detail,
        "bands": bands(detail),
        "climate_items": climate_items(detail),
        "weakest_pillar": weakest_pillar(detail),
        "open_actions": open_actions(parents, team.id, today),
    }
