"""Turning the session cookie back into a person.

The session stores `"<id>:<login_nonce>"`. Deactivating a person or changing their
password rotates the nonce, so every existing session stops working at once.
"""

from eximpact.extensions import db
from eximpact.org.models import Person
from eximpact.validation import whole_number


def load_person_from_session(session_id: str) -> Person | None:
    person_id, _, nonce = session_id.partition(":")
    person_id = whole_number(person_id)
    if person_id is None or not nonce:
        return None
    person = db.session.get(Person, person_id)
    if person is None or not person.active or person.login_nonce != nonce:
        return None
    return person
