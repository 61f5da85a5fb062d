"""Links that let a person set their password: invitations and "forgot my password".

A link carries the person's id and a fingerprint of their current password hash
and login nonce, signed and time-limited. Using it changes both, so a link works
once; a newer link or a password change makes older ones useless.
"""

import hashlib
from collections.abc import Iterable

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from eximpact import audit
from eximpact.auth.services import find_person_by_email
from eximpact.extensions import db
from eximpact.notifications.services import queue_email
from eximpact.org.models import Person

SALT = "eximpact.password-link"
LINK_HOURS = 72


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _fingerprint(person: Person) -> str:
    state = f"{person.password_hash or ''}:{person.login_nonce}"
    return hashlib.sha256(state.encode()).hexdigest()[:16]


def make_link_token(person: Person) -> str:
    return _serializer().dumps({"id": person.id, "fp": _fingerprint(person)})


def person_for_link(token: str) -> Person | None:
    """The active person a valid, unused, unexpired link belongs to, or None."""
    try:
        data = _serializer().loads(token, max_age=LINK_HOURS * 3600)
    except (BadSignature, SignatureExpired):
        return None
    if not isinstance(data, dict):
        return None
    person = db.session.get(Person, data.get("id"))
    if person is None or not person.active or data.get("fp") != _fingerprint(person):
        return None
    return person


def send_password_link(person: Person, invitation: bool) -> None:
    """Queue the e-mail with the link (an invitation, or a reset the person asked for)."""
    # Built from the URL map directly: the CLI sends invitations outside any request. The
    # token goes in the fragment, which no request line (and so no access log) carries.
    link = current_app.url_map.bind("").build("auth.set_password") + "#" + make_link_token(person)
    subject = "You are invited to EX Impact" if invitation else "Set a new EX Impact password"
    queue_email(
        person.email,
        "password_link",
        subject,
        "password_link",
        person=person,
        link=link,
        invitation=invitation,
        hours=LINK_HOURS,
    )


def invite(people: Iterable[Person], actor: Person | None) -> int:
    """Queue an invitation for each of `people` who is active and has no password yet.

    The one way people are invited in bulk: the import page, `flask org import --invite`
    and `flask org invite`. Each invitation is audited; returns how many were queued.
    """
    invited = 0
    for person in people:
        if person.active and person.password_hash is None:
            send_password_link(person, invitation=True)
            audit.record("person", person.id, "password_link_sent", actor)
            invited += 1
    return invited


def request_reset(email: str) -> None:
    """Send a link if the address belongs to an active person; say nothing either way."""
    person = find_person_by_email(email)
    if person is not None and person.active:
        send_password_link(person, invitation=False)
