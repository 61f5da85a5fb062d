"""One loader per resource: the campaign, initiative or rollout a person asked for.

Pages and the API both call these, so "does it exist" (404) and "may this person see
it" (403) are answered once. Role checks on the route stay with the route's decorator.
"""

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from eximpact.access import can
from eximpact.campaigns.models import Campaign, Initiative, Rollout
from eximpact.campaigns.services import queries
from eximpact.extensions import db


def get_campaign_or_404(campaign_id: int, for_person) -> Campaign:
    """Any campaign, with its owner and stakeholders: who may open which campaign page is
    the route's role check (the timeline is for everyone, the dashboard is not)."""
    campaign = db.session.scalar(
        select(Campaign)
        .options(joinedload(Campaign.owner), selectinload(Campaign.stakeholders))
        .where(Campaign.id == campaign_id)
    ) or abort(404, "No such campaign.")
    return campaign


def get_initiative_or_404(initiative_id: int, for_person) -> Initiative:
    """The initiative with its owner, approver and rollout; drafts only for who may see them."""
    initiative = queries.load_initiative(initiative_id) or abort(404, "No such initiative.")
    if not can(for_person, "initiatives.view", initiative):
        abort(403, "Drafts are visible to planners, their owner and their approver only.")
    return initiative


def get_rollout_or_404(rollout_id: int, for_person) -> Rollout:
    """A rollout row, for the team's manager (or a planner) to update."""
    rollout = db.session.get(Rollout, rollout_id) or abort(404, "No such rollout.")
    if not can(for_person, "rollout.update", rollout):
        abort(403)
    return rollout


def get_team_rollout_or_404(initiative_id: int, team_id: int, for_person) -> Rollout:
    """The rollout of a visible initiative in one team (the API addresses it this way)."""
    get_initiative_or_404(initiative_id, for_person)
    rollout = db.session.scalar(
        select(Rollout).where(Rollout.initiative_id == initiative_id, Rollout.team_id == team_id)
    ) or abort(404, "This initiative is not rolled out to that team.")
    return rollout
