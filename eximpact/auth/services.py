"""Passwords, authentication and API tokens: the rules every entry point shares."""

import hashlib
import secrets
from datetime import datetime, timedelta
from functools import cache

from flask import current_app
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from eximpact import clock
from eximpact.auth.models import PERSONAL_TOKEN, SESSION_TOKEN, ApiToken
from eximpact.extensions import db
from eximpact.notifications.services import queue_email
from eximpact.org.models import Person, normalise_email
from eximpact.validation import ValidationFailed

PASSWORD_MIN_LENGTH = 12
PASSWORD_MAX_LENGTH = 128
TOKEN_PREFIX = "exi_"  # noqa: S105 (not a secret)
NO_MATCH = "That e-mail and password do not match an active account."
WRONG_CURRENT_PASSWORD = "That is not your current password."  # noqa: S105 (a message)


@cache
def _dummy_hash() -> str:
    """Compared against when the e-mail is unknown, so both paths cost one hash check.

    Made on first use, not at import: every process start would otherwise pay for it.
    """
    return hash_password("not-a-real-password-at-all")


LAST_USED_GRANULARITY = timedelta(minutes=5)


def password_problem(password: str) -> str | None:
    """Why `password` is not acceptable, or None.

    Length only, no composition rules, as NIST SP 800-63B advises.
    """
    if len(password) < PASSWORD_MIN_LENGTH:
        return f"Use at least {PASSWORD_MIN_LENGTH} characters."
    if len(password) > PASSWORD_MAX_LENGTH:
        return f"Use at most {PASSWORD_MAX_LENGTH} characters."
    return None


def hash_password(password: str) -> str:
    method = current_app.config.get("PASSWORD_HASH_METHOD")
    return generate_password_hash(password, method) if method else generate_password_hash(password)


def set_password(person: Person, password: str, *, revoke_personal: bool = False) -> None:
    """Store a new password hash, end the person's other sessions, revoke their API sign-ins.

    Tokens from `POST /auth/token` were got with the old password, so they go with it;
    personal access tokens are meant to outlive passwords, so they go only when asked.
    """
    problem = password_problem(password)
    if problem:
        raise ValueError(problem)
    person.password_hash = hash_password(password)
    person.end_sessions()
    revoke_all_tokens(person, kinds=None if revoke_personal else (SESSION_TOKEN,))


def change_own_password(person: Person, password: str, *, revoke_personal: bool = False) -> None:
    """A person changed their own password: tell them by e-mail, in case it was not them."""
    set_password(person, password, revoke_personal=revoke_personal)
    queue_email(
        person.email,
        "password_changed",
        "Your EX Impact password was changed",
        "password_changed",
        person=person,
        changed_at=clock.now(),
    )


def find_person_by_email(email: str) -> Person | None:
    return db.session.scalar(select(Person).where(Person.email == normalise_email(email)))


def authenticate(email: str, password: str) -> Person | None:
    """The active person with this e-mail and password, or None.

    An unknown e-mail costs one hash check too, so timing does not tell which part failed.
    """
    person = find_person_by_email(email)
    if person is None or not person.password_hash:
        check_password_hash(_dummy_hash(), password)
        return None
    if not check_password_hash(person.password_hash, password) or not person.active:
        return None
    return person


def sign_in_person(email: str, password: str) -> Person:
    """The person signing in; refused with one message whichever part was wrong.

    The message names no field: it must not tell whether the e-mail belongs to anyone.
    """
    person = authenticate(email, password)
    if person is None:
        raise ValidationFailed(message=NO_MATCH)
    return person


def change_password_checked(
    person: Person, current_password: str, password: str, *, revoke_personal: bool = False
) -> None:
    """The settings page: the current password first, then `change_own_password`."""
    if authenticate(person.email, current_password) is None:
        raise ValidationFailed.single("current_password", WRONG_CURRENT_PASSWORD)
    change_own_password(person, password, revoke_personal=revoke_personal)


def digest_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(
    person: Person, kind: str, name: str, lifetime: timedelta | None
) -> tuple[ApiToken, str]:
    """Create a token; the plain value is returned once and never stored."""
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        person=person,
        kind=kind,
        name=name,
        token_hash=digest_token(plain),
        prefix=plain[:12],
        expires_at=clock.now() + lifetime if lifetime else None,
    )
    db.session.add(token)
    db.session.flush()
    return token, plain


def issue_session_token(person: Person) -> tuple[ApiToken, str]:
    return issue_token(
        person, SESSION_TOKEN, "API sign-in", current_app.config["API_TOKEN_LIFETIME"]
    )


def issue_personal_token(
    person: Person, name: str, expires_in_days: int | None
) -> tuple[ApiToken, str]:
    lifetime = timedelta(days=expires_in_days) if expires_in_days else None
    return issue_token(person, PERSONAL_TOKEN, name.strip(), lifetime)


def find_token(plain: str) -> ApiToken | None:
    if not plain.startswith(TOKEN_PREFIX):
        return None
    return db.session.scalar(select(ApiToken).where(ApiToken.token_hash == digest_token(plain)))


def person_for_token(plain: str, now: datetime | None = None) -> Person | None:
    """The owner of a usable token (not revoked, not expired, owner active), or None."""
    now = now or clock.now()
    token = find_token(plain)
    if token is None or not token.is_usable(now):
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_GRANULARITY:
        token.last_used_at = now  # coarse, so reads do not each cost a write
        db.session.commit()
    return token.person


def personal_tokens(person: Person) -> list[ApiToken]:
    return list(
        db.session.scalars(
            select(ApiToken)
            .where(ApiToken.person_id == person.id, ApiToken.kind == PERSONAL_TOKEN)
            .order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc())
        )
    )


def revoke_token(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = clock.now()


def revoke_all_tokens(person: Person, kinds: tuple[str, ...] | None = None) -> None:
    """No token of the person (of `kinds`, else of any kind) works any more."""
    query = select(ApiToken).where(ApiToken.person_id == person.id, ApiToken.revoked_at.is_(None))
    if kinds is not None:
        query = query.where(ApiToken.kind.in_(kinds))
    for token in db.session.scalars(query):
        token.revoked_at = clock.now()
