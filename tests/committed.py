"""An app on a PostgreSQL database of its own, where tests commit for real.

Concurrency (two deliveries, two reviewers at the same moment) needs two real
transactions on two connections; the rolled-back test database cannot show it.
Tests using `committed_app` are `postgres_only`; each makes uniquely named rows.
"""

import threading
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from eximpact import create_app
from eximpact.auth.services import issue_personal_token
from eximpact.extensions import db
from tests.conftest import ON_POSTGRES, config_for, reset_database


@pytest.fixture(scope="session")
def committed_app(database_url):
    if not ON_POSTGRES:
        pytest.skip("needs PostgreSQL")
    url = make_url(database_url)
    name = f"{url.database}_committed"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    app = create_app(config_for(url.set(database=name).render_as_string(hide_password=False)))
    reset_database(app)
    yield app
    with app.app_context():
        db.engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def commit_rows(app, make):
    """Run `make()` in the app, commit, and return the ids of what it returned."""
    with app.app_context():
        rows = make()
        db.session.commit()
        return [row.id for row in rows]


def token_for(app, person_id: int) -> str:
    from eximpact.org.models import Person

    with app.app_context():
        _, plain = issue_personal_token(db.session.get(Person, person_id), "race", None)
        db.session.commit()
        return plain


def at_the_same_moment(*calls):
    """Run each call in its own thread, started together; return their results in order."""
    results = [None] * len(calls)
    errors = []

    def run(index, call):
        try:
            results[index] = call()
        except Exception as error:  # the test asserts there were none
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return results


def first_call_waits_for_the_other(monkeypatch, owner, name: str, parties: int = 2):
    """Patch `owner.name` so each thread's first call returns, then waits for the others.

    This makes the race certain instead of likely: every request has read the state
    before any of them writes.
    """
    original = getattr(owner, name)
    barrier = threading.Barrier(parties, timeout=15)
    seen = threading.local()

    def waiting(*args, **kwargs):
        result = original(*args, **kwargs)
        if not getattr(seen, "waited", False):
            seen.waited = True
            barrier.wait()
        return result

    monkeypatch.setattr(owner, name, waiting)
