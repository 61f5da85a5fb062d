"""One loader per resource: the enrolment, CX project or time entry a person asked for.

Pages and the API both call these, so "does it exist" (404) and "may this person see
it" (403) are answered once, by the predicates in `services/scope.py`.
"""

from flask import abort
from sqlalchemy.orm import joinedload

from eximpact.access import can
from eximpact.ambassadors.models import CxProject, Enrolment, TimeEntry
from eximpact.ambassadors.services.scope import can_see_person
from eximpact.extensions import db


def get_enrolment_or_404(enrolment_id: int, for_person) -> Enrolment:
    """An enrolment is seen by the person, their managers and HR."""
    enrolment = db.session.get(
        Enrolment, enrolment_id, options=[joinedload(Enrolment.person)]
    ) or abort(404, "No such enrolment.")
    if not can_see_person(for_person, enrolment.person):
        abort(403, "You may not see this person's enrolment.")
    return enrolment


def get_project_or_404(project_id: int, for_person) -> CxProject:
    """Any CX project: who may see projects at all is the route's role check
    (`cx_projects.view`); there is no per-project rule."""
    return db.session.get(CxProject, project_id) or abort(404, "No such CX project.")


def get_time_entry_or_404(entry_id: int, for_person) -> TimeEntry:
    """A time entry is seen by whoever may see its person's time."""
    entry = db.session.get(TimeEntry, entry_id, options=[joinedload(TimeEntry.person)]) or abort(
        404, "No such time entry."
    )
    if not can(for_person, "time.view", entry):
        abort(403, "You may not see this person's time.")
    return entry
