"""Who may do what in the ambassador programme (registered in `eximpact.access`)."""

from eximpact.access import role_rule, rule
from eximpact.ambassadors.services.scope import can_see_person, may_decide_for
from eximpact.org.models import AMBASSADOR, HR, MANAGER

role_rule("ambassadors.enrol", MANAGER, HR)
role_rule("time.log", AMBASSADOR)
role_rule("time.entries", AMBASSADOR, MANAGER, HR)
role_rule("time.approvals", MANAGER, HR)
role_rule("cx_projects.view", AMBASSADOR, MANAGER, HR)
role_rule("cx_projects.manage", HR)
role_rule("reports.hours", MANAGER, HR)


@rule("ambassadors.enrol_person")
def may_enrol(actor, person) -> bool:
    """HR enrols anyone; a manager enrols their own direct reports."""
    return actor.has_role(HR) or (actor.has_role(MANAGER) and person.manager_id == actor.id)


@rule("ambassadors.decide_enrolment")
def may_decide_enrolment(actor, enrolment) -> bool:
    """The person's manager or HR approves an enrolment; nobody approves their own."""
    return may_decide_for(actor, enrolment.person)


@rule("time.view")
def may_view_entry(actor, entry) -> bool:
    return can_see_person(actor, entry.person)


@rule("time.change")
def may_change_entry(actor, entry) -> bool:
    """Only the ambassador changes their own entries; approvers reopen, never edit."""
    return entry.person_id == actor.id


@rule("time.decide")
def may_decide_entry(actor, entry) -> bool:
    return may_decide_for(actor, entry.person)
