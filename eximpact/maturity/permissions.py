"""Who rates the programme's maturity: HR and managers, under their own names."""

from eximpact.access import role_rule, rule
from eximpact.org.models import HR, MANAGER

role_rule("maturity.assess", HR, MANAGER)


@rule("maturity.view")
def can_view_assessment(person, assessment) -> bool:
    """HR sees every assessment; a manager the ones they made."""
    if assessment is None or not person.has_role(HR, MANAGER):
        return False
    return person.has_role(HR) or assessment.rater_id == person.id
