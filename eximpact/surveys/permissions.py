"""Who may bring survey results in, and whose results a person may read.

HR and admins import and read everyone's; a manager reads the teams they manage and
every team below them (the scorecard's rule), and imports nothing.
"""

from sqlalchemy import false, true

from eximpact.access import role_rule
from eximpact.org.models import ADMIN, HR, MANAGER
from eximpact.pulse.services.scope import managed_team_ids
from eximpact.surveys.models import ExternalMetric

role_rule("surveys.import", HR, ADMIN)
role_rule("surveys.view", HR, ADMIN, MANAGER)


def sees_all(person) -> bool:
    return person.has_role(HR) or person.has_role(ADMIN)


def visible_clause(person):
    """The survey results `person` may read, as a SQL condition."""
    if sees_all(person):
        return true()
    teams = managed_team_ids(person)
    return ExternalMetric.team_id.in_(sorted(teams)) if teams else false()
