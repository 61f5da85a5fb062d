"""Who may see what on a person's page (registered in `eximpact.access`).

Every signed-in employee opens anyone's page: recognition is public. A person's
ambassador hours are for themselves, their managers and HR, the people who may see
their time elsewhere (`ambassadors.services.scope`). The customer reference of praise
keeps its own rule, `praise.see_customer_ref`.
"""

from eximpact.access import rule
from eximpact.ambassadors.services.scope import can_see_person


@rule("people.see_hours")
def may_see_hours(actor, person) -> bool:
    return person is not None and can_see_person(actor, person)
