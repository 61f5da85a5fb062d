"""Who may run pulse rounds and read their results.

HR creates, opens and closes rounds. Results (only once a round is closed) go to HR
for everyone and to a manager for the teams they manage and below; the disclosure
rule still decides each figure. Answering needs an invitation, checked in the
service, since only the invitation knows who was asked.
"""

from eximpact.access import role_rule, rule
from eximpact.org.models import HR, MANAGER
from eximpact.pulse.services.scope import reaches

role_rule("pulse.manage", HR)
role_rule("pulse.results", HR, MANAGER)


@rule("pulse.round.view")
def can_view_round(person, round_) -> bool:
    """HR, or a manager whose teams the round reaches."""
    return round_ is not None and person.has_role(HR, MANAGER) and reaches(person, round_)
