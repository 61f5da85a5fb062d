"""The whole organisation's headline pulse figures, for a campaign KPI that follows them.

Each comes from the pulse's own `Decided`, so the one disclosure function decides
whether it may be shown: a round with too few answers gives no figure here either.
"""

from datetime import date

from sqlalchemy import select

from eximpact.extensions import db
from eximpact.pulse.disclosure import ORGANISATION, SHOWN, figure
from eximpact.pulse.items import ENGAGEMENT
from eximpact.pulse.models import CLOSED, PulseRound
from eximpact.pulse.services.results import Decided, enps_figure
from eximpact.pulse.services.scope import team_parents

ENGAGED_SHARE = "engaged_share"
ENPS = "enps"
HEADLINES = (ENGAGED_SHARE, ENPS)


def last_engagement_round(
    by_day: date, since: date | None = None, with_enps: bool = False
) -> PulseRound | None:
    """The last engagement round closed on or before `by_day` (and not before `since`;
    with `with_enps`, one that asked the eNPS question)."""
    query = select(PulseRound).where(
        PulseRound.kind == ENGAGEMENT, PulseRound.status == CLOSED, PulseRound.closes_on <= by_day
    )
    if since is not None:
        query = query.where(PulseRound.closes_on >= since)
    if with_enps:
        query = query.where(PulseRound.enps.is_(True))
    return db.session.scalar(query.order_by(PulseRound.closes_on.desc(), PulseRound.id.desc()))


def organisation_headline(
    headline: str, by_day: date, since: date | None = None
) -> tuple[PulseRound, dict] | None:
    """(round, disclosed figure) of the organisation's share engaged (0–1) or eNPS
    (−100…100) in the last engagement round closed by `by_day`; None without a round."""
    round_ = last_engagement_round(by_day, since, with_enps=headline == ENPS)
    if round_ is None:
        return None
    decided = Decided(round_, team_parents())
    if headline == ENPS:
        return round_, enps_figure(decided, ORGANISATION)
    status = decided.status(ORGANISATION)
    stats = decided.stats(ORGANISATION) if status == SHOWN else None
    return round_, figure(stats and stats[ENGAGED_SHARE], status)
