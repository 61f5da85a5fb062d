"""Building blocks of the role × route matrix (see tests/test_access_matrix.py).

Each feature's tests folder has an `access_routes.py` with `ROUTES` (endpoint →
who may use it and which requests to make) and, if its URLs need rows, a
`populate(world)` that makes them and records their ids in `world.ids`.
"""

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from eximpact.auth.services import issue_personal_token
from eximpact.extensions import db
from tests.factories import PersonFactory, TeamFactory

PERSONAS = ("anonymous", "employee", "manager", "ambassador", "hr", "admin")
PUBLIC = frozenset(PERSONAS)
SIGNED_IN = PUBLIC - {"anonymous"}
PEOPLE_ADMINS = frozenset({"hr", "admin"})
ADMINS = frozenset({"admin"})


@dataclass
class World:
    """The personas and the rows the URLs point at, made fresh for each test.

    The manager persona manages the team of the employee and the ambassador and
    is their line manager; HR and admin sit elsewhere.
    """

    personas: dict
    team: object
    ids: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Route:
    allowed: frozenset
    requests: tuple  # (method, url template, json body or None) …


def r(allowed, *requests) -> Route:
    """A route's rule: the personas allowed, then (method, url template, body) requests.

    URL templates use `{name}` placeholders filled from `world.ids`, plus
    `{own_token}`: the id of the signed-in persona's own API token.
    """
    return Route(frozenset(allowed), tuple(requests))


def feature_modules() -> list:
    """Every `tests/<feature>/access_routes.py`, found on disk so none can be forgotten."""
    return [
        importlib.import_module(f"tests.{path.parent.name}.access_routes")
        for path in sorted(Path(__file__).parent.glob("*/access_routes.py"))
    ]


def all_routes() -> dict[str, Route]:
    routes: dict[str, Route] = {}
    for module in feature_modules():
        duplicated = set(routes) & set(module.ROUTES)
        assert not duplicated, f"listed twice: {duplicated}"
        routes.update(module.ROUTES)
    return routes


def build_world() -> World:
    """The personas, each feature's rows, and an API token per persona (committed)."""
    team = TeamFactory()
    manager = PersonFactory(team=team, roles=["manager"])
    team.manager = manager
    personas = {
        "employee": PersonFactory(team=team, manager=manager),
        "manager": manager,
        "ambassador": PersonFactory(team=team, manager=manager, roles=["ambassador"]),
        "hr": PersonFactory(roles=["hr"]),
        "admin": PersonFactory(roles=["admin"]),
    }
    world = World(personas, team)
    db.session.flush()
    for module in feature_modules():
        if hasattr(module, "populate"):
            module.populate(world)
    for name, person in personas.items():
        token, plain = issue_personal_token(person, "matrix", None)
        world.tokens[name] = (token.id, plain)
    db.session.commit()
    return world


def url_for_persona(template: str, world: World, persona: str) -> str:
    own_token = world.tokens.get(persona, (0, None))[0]
    return template.format(own_token=own_token, **world.ids)
