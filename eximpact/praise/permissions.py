"""Who may do what with customer praise and outreach.

Every signed-in employee may log praise for anyone and read it: praise is meant to
be seen. The customer reference stays with the people who need it.
"""

from eximpact.access import role_rule, rule
from eximpact.org.models import ADMIN, HR

role_rule("praise.import", HR, ADMIN)
role_rule("outreach.report", HR)


@rule("outreach.complete")
def can_complete_outreach(person, outreach) -> bool:
    """The leader it was assigned to, or HR, records how the follow-up went."""
    return outreach is not None and (outreach.leader_id == person.id or person.has_role(HR))


@rule("praise.see_customer_ref")
def can_see_customer_ref(person, praise) -> bool:
    """HR, whoever logged the praise, and the leaders following it up see who the customer was."""
    if praise is None:
        return False
    if person.has_role(HR) or praise.logged_by_id == person.id:
        return True
    return any(item.leader_id == person.id for item in praise.outreach)
