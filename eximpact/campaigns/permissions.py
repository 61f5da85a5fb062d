"""Who may do what in HR planning.

HR and admin plan (create and edit campaigns and initiatives). An initiative's owner
updates its status, progress and outcomes. A team's manager updates their team's
rollout row. Every employee reads planned and later initiatives; drafts only the
planners and the owner. Campaign pages (budgets, the dashboard) are for planners
and managers, who cascade the plan. A draft is also open to the approver it names.
"""

from eximpact.access import role_rule, rule
from eximpact.campaigns.models import PENDING
from eximpact.campaigns.services.scope import PLANNERS, can_view_initiative
from eximpact.org.models import MANAGER

role_rule("campaigns.plan", *PLANNERS)
role_rule("campaigns.view", *PLANNERS, MANAGER)


rule("initiatives.view")(can_view_initiative)  # beside its SQL twin in scope.py


@rule("initiatives.update_progress")
def can_update_progress(person, initiative) -> bool:
    """Status, progress and outcomes: the owner, or a planner."""
    return person.has_role(*PLANNERS) or (
        initiative is not None and initiative.owner_id == person.id
    )


@rule("initiatives.decide_approval")
def can_decide_approval(person, initiative) -> bool:
    """Only the named approver, and never the person who asked for the approval."""
    return (
        initiative is not None
        and initiative.approval_state == PENDING
        and initiative.approver_id == person.id
        and initiative.approval_requested_by_id != person.id
    )


@rule("rollout.update")
def can_update_rollout(person, rollout) -> bool:
    """The manager of the rollout's team (planners can correct any row)."""
    if person.has_role(*PLANNERS):
        return True
    return rollout is not None and rollout.team.manager_id == person.id


@rule("rollout.view_own")
def can_view_own_rollout(person, _obj=None) -> bool:
    """The "My team's rollout" page: anyone who manages a team or holds the manager role."""
    return person.has_role(MANAGER, *PLANNERS)
