"""One loader: the person whose page (or API resource) was asked for.

Pages and the API both call it, so a missing person is the same 404 everywhere.
"""

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from eximpact.access import can
from eximpact.extensions import db
from eximpact.org.models import Person


def get_person_or_404(person_id: int, for_person) -> Person:
    """The person with their team and manager; every signed-in employee may see them."""
    person = db.session.scalar(
        select(Person)
        .options(joinedload(Person.team), joinedload(Person.manager).lazyload(Person.role_rows))
        .where(Person.id == person_id)
    ) or abort(404, "There is no such person.")
    if not can(for_person, "signed_in", person):
        abort(403)
    return person
