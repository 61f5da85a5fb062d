"""Who may do what, decided in one place.

Every page and API call is closed unless its view is marked `@public`. Beyond
signing in, a view names the permission it needs with `@permission_required`;
templates ask `can(...)` only to decide what to show, never to protect anything.
Feature packages register their object-level rules here with `@rule(...)`.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, current_app, g, request
from flask_login import current_user

from eximpact.org.models import ADMIN, HR

Rule = Callable[[Any, Any], bool]
_RULES: dict[str, Rule] = {}


def rule(name: str):
    """Register the predicate `(person, obj) -> bool` that decides permission `name`."""

    def register(predicate: Rule) -> Rule:
        if name in _RULES and _RULES[name] is not predicate:
            raise ValueError(f"permission {name!r} is defined twice")
        _RULES[name] = predicate
        return predicate

    return register


def role_rule(name: str, *roles: str) -> None:
    """Register a permission that any of `roles` holds, whatever the object."""
    rule(name)(lambda person, _obj=None: person.has_role(*roles))


def can(person, permission: str, obj: Any = None) -> bool:
    """True when an active, signed-in `person` holds `permission` (on `obj`, if given)."""
    if person is None or not getattr(person, "is_authenticated", False) or not person.active:
        return False
    return bool(_RULES[permission](person, obj))


def current_actor():
    """The person behind this request: the API token's owner under /api, else the session's."""
    if request.blueprint == "api" or request.path.startswith("/api/"):
        return g.get("api_user")
    return current_user if current_user.is_authenticated else None


def public(view):
    """Mark a view as open to anonymous visitors (sign-in page, token endpoint, webhook)."""
    view.is_public = True
    return view


def is_public_endpoint(endpoint: str | None) -> bool:
    if endpoint is None:
        return True  # no route matched: let the 404/405 handler answer
    if endpoint == "static" or endpoint.endswith(".static"):
        return True
    view = current_app.view_functions.get(endpoint)
    return bool(getattr(view, "is_public", False))


def permission_required(permission: str):
    """Refuse the view with 403 unless the actor holds `permission` (sign-in is checked before)."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not can(current_actor(), permission):
                abort(403)
            return view(*args, **kwargs)

        wrapped.permission = permission
        return wrapped

    return decorator


def require(permission: str, obj: Any = None) -> None:
    """Abort with 403 unless the actor holds `permission` on `obj`: for object-level checks."""
    if not can(current_actor(), permission, obj):
        abort(403)


role_rule("people.manage", ADMIN, HR)
role_rule("teams.manage", ADMIN)
role_rule("roles.grant_admin", ADMIN)
rule("signed_in")(lambda person, _obj=None: True)
