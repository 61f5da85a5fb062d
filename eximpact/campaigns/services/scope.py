"""Who may read which initiative: drafts for planners, their owner and their approver.

`visible_initiatives(viewer)` filters lists in SQL; `can_view_initiative` decides on one
(registered as `initiatives.view`). They sit side by side so that they cannot drift.
"""

from sqlalchemy import ColumnElement, or_, true

from eximpact.campaigns.models import DRAFT, Initiative
from eximpact.org.models import ADMIN, HR, Person

PLANNERS = (HR, ADMIN)


def visible_initiatives(viewer: Person) -> ColumnElement[bool]:
    """The SQL condition on `Initiative` of what `viewer` may read."""
    if viewer.has_role(*PLANNERS):
        return true()
    return or_(
        Initiative.status != DRAFT,
        Initiative.owner_id == viewer.id,
        Initiative.approver_id == viewer.id,
    )


def can_view_initiative(viewer: Person, initiative: Initiative | None) -> bool:
    """The same rule for one initiative: anything past draft is for everyone."""
    if initiative is None or initiative.status != DRAFT:
        return True
    return viewer.has_role(*PLANNERS) or viewer.id in (initiative.owner_id, initiative.approver_id)
