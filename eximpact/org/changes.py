"""Who may change whom: one set-wise check of people changes, and the operations it guards.

The admin pages, the CSV import and the CLI describe what they are about to do as
`PersonChange`s and call `people_change_problems` once, for the whole set: a rule
about admins or the last admin cannot drift between entry points. Deactivation and
reactivation are single operations every path uses (sessions end, tokens are revoked,
the audit trail records who did it).
"""

from dataclasses import dataclass

from sqlalchemy import select

from eximpact import audit
from eximpact.access import can
from eximpact.auth.services import revoke_all_tokens
from eximpact.extensions import db
from eximpact.org.models import ADMIN, EXTRA_ROLES, Person, RoleAssignment
from eximpact.validation import ValidationFailed

# Whole sentences, one per field, so each can be translated as it stands.
ADMIN_ONLY = {
    "email": "Only an admin can change an admin's e-mail address.",
    "roles": "Only an admin can change an admin's roles.",
    "active": "Only an admin can change an admin's active state.",
    "password": "Only an admin can change an admin's password.",
}


@dataclass
class PersonChange:
    """What an entry point is about to change about one person (None: left alone)."""

    person: Person | None  # None: a new person
    email: str | None = None
    roles: set[str] | None = None
    active: bool | None = None
    password: bool = False  # a password is being set for them
    label: object = None  # the caller's handle on it (a CSV line), returned with problems

    def changed_fields(self) -> list[str]:
        if self.person is None:
            return ["roles"] if self.roles else []
        fields = []
        if self.email is not None and self.email != self.person.email:
            fields.append("email")
        if self.roles is not None and set(self.roles) != set(self.person.extra_roles):
            fields.append("roles")
        if self.active is not None and self.active != self.person.active:
            fields.append("active")
        if self.password:
            fields.append("password")
        return fields


def people_change_problems(
    actor: Person | None, changes: list[PersonChange]
) -> list[tuple[PersonChange, str, str]]:
    """Every (change, field, problem) that makes the set unacceptable; empty means go ahead.

    `actor` None is the operator at the command line (`flask org import`, seeds).
    - only an admin grants or removes the admin role, and only an admin changes an
      admin's e-mail, roles, active state or password;
    - nobody changes their own roles or active state on the admin pages;
    - the organisation keeps at least one active admin.
    """
    problems = []
    is_admin = actor is None or can(actor, "roles.grant_admin")
    for change in changes:
        fields = change.changed_fields()
        person = change.person
        before = set(person.extra_roles) if person else set()
        if "roles" in fields:
            if unknown := set(change.roles) - set(EXTRA_ROLES):
                problems.append((change, "roles", f"Unknown role: {', '.join(sorted(unknown))}."))
            if (ADMIN in before) != (ADMIN in change.roles) and not is_admin:
                problems.append(
                    (change, "roles", "Only an admin can grant or remove the admin role.")
                )
        if person is not None and actor is not None and person.id == actor.id:
            if "roles" in fields:
                problems.append((change, "roles", "You cannot change your own roles here."))
            if "active" in fields and not change.active:
                problems.append((change, "active", "You cannot deactivate yourself."))
            continue
        if person is not None and ADMIN in before and not is_admin:
            problems.extend((change, field, ADMIN_ONLY[field]) for field in fields)
    problems.extend(_last_admin_problems(changes))
    return problems


def _last_admin_problems(changes: list[PersonChange]) -> list[tuple[PersonChange, str, str]]:
    admins = set(
        db.session.scalars(
            select(Person.id)
            .join(RoleAssignment, RoleAssignment.person_id == Person.id)
            .where(RoleAssignment.role == ADMIN, Person.active)
        )
    )
    if not admins:
        return []  # an organisation still being set up (seeds, the first import)
    after, losing, new_admin = set(admins), [], False
    for change in changes:
        person = change.person
        roles = (
            change.roles if change.roles is not None else set(person.extra_roles if person else ())
        )
        active = change.active if change.active is not None else (person.active if person else True)
        if person is None:
            new_admin = new_admin or (active and ADMIN in roles)
        elif active and ADMIN in roles:
            after.add(person.id)
        elif person.id in admins:
            after.discard(person.id)
            losing.append(change)
    if after or new_admin:
        return []
    message = "The organisation needs at least one active admin."
    return [(c, "active" if c.active is False else "roles", message) for c in losing]


def check_people_changes(actor: Person | None, changes: list[PersonChange]) -> None:
    """Raise ValidationFailed (messages by field) when the set breaks a rule."""
    fields: dict[str, list[str]] = {}
    for _change, field, problem in people_change_problems(actor, changes):
        fields.setdefault(field, []).append(problem)
    if fields:
        raise ValidationFailed(fields, next(iter(fields.values()))[0])


def deactivate(actor: Person | None, person: Person, *, checked: bool = False) -> None:
    """Deactivate instead of deleting: sessions end and every token is revoked, at once."""
    if not checked:
        check_people_changes(actor, [PersonChange(person, active=False)])
    if not person.active:
        return
    person.active = False
    person.end_sessions()
    revoke_all_tokens(person)
    audit.record("person", person.id, "deactivated", actor, "active", "inactive")


def reactivate(actor: Person | None, person: Person, *, checked: bool = False) -> None:
    """Active again, with nothing from before: old sessions and tokens stay dead."""
    if not checked:
        check_people_changes(actor, [PersonChange(person, active=True)])
    if person.active:
        return
    person.active = True
    person.end_sessions()
    revoke_all_tokens(person)  # a token that escaped an older deactivation does not revive
    audit.record("person", person.id, "reactivated", actor, "inactive", "active")
