"""factory_boy factories: tests say what matters about a row and let these fill the rest."""

import factory
from factory.alchemy import SQLAlchemyModelFactory

from eximpact.extensions import db
from eximpact.org.models import Person, Team

TEST_PASSWORD = "correct horse battery staple"
# Hashed once with the testing method; every factory person shares it.
_PASSWORD_HASH = None


def password_hash() -> str:
    global _PASSWORD_HASH
    if _PASSWORD_HASH is None:
        from werkzeug.security import generate_password_hash

        _PASSWORD_HASH = generate_password_hash(TEST_PASSWORD, "pbkdf2:sha256:1000")
    return _PASSWORD_HASH


class BaseFactory(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "flush"


class TeamFactory(BaseFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")
    active = True


class PersonFactory(BaseFactory):
    class Meta:
        model = Person

    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"person{n}@example.com")
    password_hash = factory.LazyFunction(password_hash)
    active = True
    team = None
    manager = None

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if extracted:
            self.set_roles(extracted)
            if create:
                db.session.flush()
