"""Access rules of HR planning: planners plan, managers see campaigns, everyone reads plans."""

from tests.access import SIGNED_IN, r
from tests.campaigns.factories import CampaignFactory, InitiativeFactory, RolloutFactory

PLANNERS = {"hr", "admin"}
VIEWERS = {"hr", "admin", "manager"}
NOBODY = set()


def populate(world) -> None:
    """A campaign; a planned initiative owned by the employee, rolled out to the world's team
    (managed by the manager persona); a draft owned by HR; an approval HR asked the admin for.
    """
    campaign = CampaignFactory(owner=world.personas["hr"])
    planned = InitiativeFactory(campaign=campaign, owner=world.personas["employee"])
    rollout = RolloutFactory(initiative=planned, team=world.team)
    draft = InitiativeFactory(campaign=campaign, owner=world.personas["hr"], status="draft")
    pending = InitiativeFactory(
        campaign=campaign,
        owner=world.personas["hr"],
        status="draft",
        approval_state="pending",
        approver=world.personas["admin"],
        approval_requested_by=world.personas["hr"],
    )
    world.ids.update(
        campaign=campaign.id,
        initiative=planned.id,
        draft=draft.id,
        pending=pending.id,
        rollout=rollout.id,
        rollout_team=world.team.id,
    )


ROUTES = {
    "campaigns.index": r(VIEWERS, ("GET", "/campaigns/", None)),
    "campaigns.new_campaign": r(
        PLANNERS, ("GET", "/campaigns/new", None), ("POST", "/campaigns/new", None)
    ),
    "campaigns.edit_campaign": r(
        PLANNERS,
        ("GET", "/campaigns/{campaign}/edit", None),
        ("POST", "/campaigns/{campaign}/edit", None),
    ),
    "campaigns.dashboard": r(VIEWERS, ("GET", "/campaigns/{campaign}", None)),
    "campaigns.timeline": r(SIGNED_IN, ("GET", "/campaigns/{campaign}/timeline", None)),
    "campaigns.current_timeline": r(SIGNED_IN, ("GET", "/campaigns/timeline", None)),
    "campaigns.communication_plan": r(
        VIEWERS, ("GET", "/campaigns/{campaign}/communication-plan", None)
    ),
    "campaigns.communication_plan_csv": r(
        VIEWERS, ("GET", "/campaigns/{campaign}/communication-plan.csv", None)
    ),
    "campaigns.initiatives": r(SIGNED_IN, ("GET", "/campaigns/initiatives", None)),
    "campaigns.new_initiative": r(
        PLANNERS,
        ("GET", "/campaigns/initiatives/new?template=town_hall", None),
        ("POST", "/campaigns/initiatives/new", None),
    ),
    "campaigns.initiative": r(SIGNED_IN, ("GET", "/campaigns/initiatives/{initiative}", None)),
    "campaigns.edit_initiative": r(
        PLANNERS,
        ("GET", "/campaigns/initiatives/{initiative}/edit", None),
        ("POST", "/campaigns/initiatives/{initiative}/edit", None),
    ),
    # The owner (the employee persona) and planners.
    "campaigns.update_progress": r(
        {"employee", "hr", "admin"}, ("POST", "/campaigns/initiatives/{initiative}/progress", None)
    ),
    "campaigns.request_approval": r(
        PLANNERS, ("POST", "/campaigns/initiatives/{draft}/approval", None)
    ),
    # Only the named approver (admin), never the one who asked (HR).
    "campaigns.decide_approval": r(
        {"admin"}, ("POST", "/campaigns/initiatives/{pending}/decision", None)
    ),
    "campaigns.my_rollout": r({"manager", "hr", "admin"}, ("GET", "/campaigns/rollout", None)),
    # The manager of the rollout's team, and planners.
    "campaigns.update_rollout": r(
        {"manager", "hr", "admin"}, ("POST", "/campaigns/rollout/{rollout}", None)
    ),
    "api.list_campaigns": r(VIEWERS, ("GET", "/api/v1/campaigns", None)),
    "api.create_campaign": r(PLANNERS, ("POST", "/api/v1/campaigns", {})),
    "api.get_campaign": r(VIEWERS, ("GET", "/api/v1/campaigns/{campaign}", None)),
    "api.update_campaign": r(PLANNERS, ("PATCH", "/api/v1/campaigns/{campaign}", {})),
    "api.campaign_dashboard": r(VIEWERS, ("GET", "/api/v1/campaigns/{campaign}/dashboard", None)),
    "api.list_initiatives": r(SIGNED_IN, ("GET", "/api/v1/initiatives", None)),
    "api.create_initiative": r(PLANNERS, ("POST", "/api/v1/initiatives", {})),
    "api.get_initiative": r(SIGNED_IN, ("GET", "/api/v1/initiatives/{initiative}", None)),
    "api.update_initiative": r(
        {"employee", "hr", "admin"},
        ("PATCH", "/api/v1/initiatives/{initiative}", {"progress": 10}),
    ),
    "api.approve_initiative": r({"admin"}, ("POST", "/api/v1/initiatives/{pending}/approve", {})),
    "api.reject_initiative": r({"admin"}, ("POST", "/api/v1/initiatives/{pending}/reject", {})),
    "api.update_rollout": r(
        {"manager", "hr", "admin"},
        ("PATCH", "/api/v1/initiatives/{initiative}/rollout/{rollout_team}", {"status": "done"}),
    ),
    "api.list_templates": r(SIGNED_IN, ("GET", "/api/v1/initiative-templates", None)),
}
