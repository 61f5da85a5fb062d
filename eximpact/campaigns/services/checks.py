"""Checks the planning services share (campaign owners, initiative owners, approvers)."""

from eximpact.extensions import db
from eximpact.org.models import Person
from eximpact.validation import Problems


def active_person(problems: Problems, person_id, field: str, label: str) -> Person | None:
    """The active person chosen in `field`, or None with the problem named."""
    if person_id is None:
        problems.add(field, f"Choose {label}.")
        return None
    person = db.session.get(Person, person_id)
    if person is None or not person.active:
        problems.add(field, f"Choose {label} among active people.")
        return None
    return person
