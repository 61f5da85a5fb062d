"""Reading HR planning: the campaign and initiative lists, and one initiative fully loaded.

Lists are filtered in SQL by the visibility clause in `scope.py`, so a list never shows
a draft that the initiative's page would refuse.
"""

from datetime import date

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import joinedload, selectinload

from eximpact.campaigns.models import CANCELLED, Campaign, Initiative, Rollout
from eximpact.campaigns.services.scope import visible_initiatives
from eximpact.extensions import db
from eximpact.org.models import Person, Team


def campaigns_query() -> Select:
    return (
        select(Campaign)
        .options(joinedload(Campaign.owner))
        .order_by(Campaign.start_date.desc(), Campaign.id.desc())
    )


def campaign_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(
        select(Campaign.id, Campaign.name).order_by(Campaign.start_date.desc(), Campaign.id.desc())
    )
    return [(cid, name) for cid, name in rows]


def initiatives_query(
    viewer: Person,
    *,
    campaign_id: int | None = None,
    pillar: str | None = None,
    status: str | None = None,
    owner_id: int | None = None,
    team_id: int | None = None,
    active_on: date | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> Select:
    """Initiatives the viewer may read, filtered; drafts only for planners and their owner."""
    query = (
        select(Initiative)
        .options(joinedload(Initiative.owner), joinedload(Initiative.campaign))
        .order_by(Initiative.start_date, Initiative.id)
    )
    query = query.where(visible_initiatives(viewer))
    if campaign_id:
        query = query.where(Initiative.campaign_id == campaign_id)
    if pillar:
        query = query.where(Initiative.pillar == pillar)
    if status:
        query = query.where(Initiative.status == status)
    if owner_id:
        query = query.where(Initiative.owner_id == owner_id)
    if team_id:
        query = query.where(
            exists().where(Rollout.initiative_id == Initiative.id, Rollout.team_id == team_id)
        )
    if active_on:
        query = query.where(Initiative.start_date <= active_on, Initiative.end_date >= active_on)
    if date_from:
        query = query.where(Initiative.end_date >= date_from)
    if date_to:
        query = query.where(Initiative.start_date <= date_to)
    return query


def timeline_rows(viewer: Person, campaign_id: int) -> list:
    """The columns the timeline draws of a campaign's initiatives (not cancelled), in one
    query: plain rows (no owner or campaign loaded), so a year of 1,500 stays cheap."""
    return db.session.execute(
        select(
            Initiative.id,
            Initiative.title,
            Initiative.pillar,
            Initiative.start_date,
            Initiative.end_date,
            Initiative.frequency,
            Initiative.status,
            Initiative.two_way,
        )
        .where(
            visible_initiatives(viewer),
            Initiative.campaign_id == campaign_id,
            Initiative.status != CANCELLED,
        )
        .order_by(Initiative.start_date, Initiative.id)
    ).all()


def load_initiative(initiative_id: int) -> Initiative | None:
    return db.session.scalar(
        select(Initiative)
        .options(
            joinedload(Initiative.owner),
            joinedload(Initiative.campaign),
            joinedload(Initiative.approver),
            selectinload(Initiative.rollouts).joinedload(Rollout.team).joinedload(Team.manager),
        )
        .where(Initiative.id == initiative_id)
    )
