"""Who sees scorecards: HR and admin for every team, a manager for the teams they manage
and below (`services.scorecard.scope_team_ids`, the pulse's subtree scope)."""

from eximpact.access import role_rule, rule
from eximpact.org.models import ADMIN, HR, MANAGER
from eximpact.scorecards.services.scorecard import may_see_team

role_rule("scorecards.view", HR, ADMIN, MANAGER)


@rule("scorecards.team")
def can_see_team(person, team) -> bool:
    return person.has_role(HR, ADMIN, MANAGER) and may_see_team(person, team.id)
