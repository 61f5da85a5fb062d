"""Shared fixtures: an app per test on a migrated database, rolled back after each test.

The same suite runs on SQLite (default) and on PostgreSQL when TEST_DATABASE_URL is
set (`make test` starts a throw-away server). Under CI=true the PostgreSQL run and
the browser tests must not be skipped: a missing part fails the run.
"""

import contextvars
import os
from contextlib import contextmanager

import pytest
from flask.globals import _cv_app
from flask.testing import FlaskClient
from hypothesis import settings
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

from config import TestingConfig, normalise_database_url
from eximpact import clock, create_app
from eximpact.auth.services import issue_personal_token
from eximpact.extensions import db, limiter
from eximpact.schema import reset_database
from tests.factories import TEST_PASSWORD, PersonFactory, TeamFactory

# Property tests check rules, not speed: a loaded CI machine must not fail them on time.
settings.register_profile("eximpact", deadline=None)
settings.load_profile("eximpact")

IS_CI = os.environ.get("CI", "").lower() == "true"
ON_POSTGRES = bool(os.environ.get("TEST_DATABASE_URL"))


def pytest_report_header(config):
    url = os.environ.get("TEST_DATABASE_URL")
    return f"database: {'PostgreSQL ' + make_url(url).render_as_string() if url else 'SQLite'}"


def config_for(database_url: str, **overrides) -> type:
    return type(
        "TestConfig", (TestingConfig,), {"SQLALCHEMY_DATABASE_URI": database_url, **overrides}
    )


@pytest.fixture(scope="session")
def database_url(tmp_path_factory, worker_id) -> str:
    """The test database; under pytest-xdist each worker gets its own."""
    if not ON_POSTGRES:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
        return
    url = normalise_database_url(os.environ["TEST_DATABASE_URL"])
    if worker_id == "master":
        yield url
        return
    with separate_database(url, worker_id, None) as worker_url:
        yield worker_url


@contextmanager
def separate_database(database_url: str, suffix: str, tmp_dir):
    """A database of its own beside the test database: a file on SQLite, a new one on PostgreSQL."""
    if not ON_POSTGRES:
        yield f"sqlite:///{tmp_dir / (suffix + '.db')}"
        return
    url = make_url(database_url)
    name = f"{url.database}_{suffix}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def committed_database(database_url, tmp_path_factory):
    """A migrated database where tests commit for real (concurrency); emptied after each test."""
    with separate_database(database_url, "committed", tmp_path_factory.mktemp("committed")) as url:
        reset_database(create_app(config_for(url)))
        yield url


@pytest.fixture
def committed_app(committed_database):
    """An app whose commits are real, for tests where several connections race."""
    app = create_app(config_for(committed_database))
    with app.app_context():
        yield app
        db.session.remove()
        with db.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                names = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
                connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                connection.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
                for table in reversed(db.metadata.sorted_tables):
                    connection.execute(table.delete())
        db.engine.dispose()


@pytest.fixture(scope="session")
def migrated_database(database_url) -> str:
    reset_database(create_app(config_for(database_url)))
    return database_url


class IsolatedClient(FlaskClient):
    """Runs each request in its own app context, as production does.

    The test itself holds an app context (for factories); without this, requests
    would share its `g` and its session, and a cached signed-in user would leak
    from one request (or one client) to the next.
    """

    def open(self, *args, **kwargs):
        # Read the body inside the request's context, as a WSGI server does: a streamed
        # response (stream_with_context) must not be closed later from another context.
        kwargs.setdefault("buffered", True)

        def in_fresh_context():
            _cv_app.set(None)
            return FlaskClient.open(self, *args, **kwargs)

        return contextvars.copy_context().run(in_fresh_context)


@contextmanager
def rolled_back(app):
    """Bind every session to one connection whose transaction is rolled back at the end.

    Commits inside the app become savepoint releases, so views commit as usual.
    """
    with app.app_context():
        # Deferred on SQLite: a test may hold several apps' transactions on one file at once.
        connection = db.engine.connect().execution_options(sqlite_begin="DEFERRED")
        transaction = connection.begin()
        db.session.remove()
        db.session.configure(bind=connection, join_transaction_mode="create_savepoint")
        try:
            yield
        finally:
            db.session.remove()
            db.session.configure(bind=None)
            transaction.rollback()
            connection.close()
            db.engine.dispose()


@pytest.fixture
def make_app(migrated_database):
    """Build an app with config overrides, its database work rolled back after the test."""
    stack = []

    def build(**overrides):
        app = create_app(config_for(migrated_database, **overrides))
        app.test_client_class = IsolatedClient
        context = rolled_back(app)
        context.__enter__()
        stack.append(context)
        limiter.reset()
        return app

    yield build
    for context in reversed(stack):
        context.__exit__(None, None, None)


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def frozen_clock():
    """Stop the one clock for the test: a test that reads "today" cannot see it change.

    It asks for no app, so tests on `committed_app` (real commits, threads) can use it too.
    """
    with clock.frozen(clock.now()):
        yield clock.today()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class Auth:
    """Signs people in through the real sign-in form."""

    def __init__(self, client):
        self.client = client

    def login(self, person, password: str = TEST_PASSWORD, next_url: str | None = None):
        url = "/sign-in" + (f"?next={next_url}" if next_url else "")
        return self.client.post(url, data={"email": person.email, "password": password})

    def logout(self):
        return self.client.post("/sign-out")


@pytest.fixture
def auth(client):
    return Auth(client)


class ApiClient:
    """A test client that sends a bearer token (or none) and JSON."""

    def __init__(self, client, token: str | None):
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def _call(self, method, url, json=None, **kwargs):
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return self.client.open(url, method=method, json=json, headers=headers, **kwargs)

    def get(self, url, **kwargs):
        return self._call("GET", url, **kwargs)

    def post(self, url, json=None, **kwargs):
        return self._call("POST", url, json=json, **kwargs)

    def patch(self, url, json=None, **kwargs):
        return self._call("PATCH", url, json=json, **kwargs)

    def delete(self, url, **kwargs):
        return self._call("DELETE", url, **kwargs)


@pytest.fixture
def api(client):
    """`api(person)` gives an ApiClient with a fresh token of that person; `api()` has none."""

    def for_person(person=None):
        if person is None:
            return ApiClient(client, None)
        _, plain = issue_personal_token(person, "tests", None)
        db.session.flush()
        return ApiClient(client, plain)

    return for_person


@pytest.fixture
def person(app):
    return PersonFactory()


@pytest.fixture
def team(app):
    return TeamFactory()


class QueryCounter:
    def __init__(self):
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(app):
    """`with count_queries() as counter:` counts the SQL statements run inside the block."""

    @contextmanager
    def counting():
        counter = QueryCounter()

        def record(_conn, _cursor, statement, *_args):
            if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO")):
                counter.statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", record)
        try:
            yield counter
        finally:
            event.remove(db.engine, "before_cursor_execute", record)

    return counting


def require_or_skip(available: bool, what: str) -> None:
    """Skip when a real part is missing, except under CI=true where that is a failure."""
    if available:
        return
    if IS_CI:
        pytest.fail(f"{what} is required under CI=true but is not available.")
    pytest.skip(f"{what} is not available")


def pytest_collection_modifyitems(config, items):
    """`postgres_only` tests need PostgreSQL's concurrency; SQLite runs skip them."""
    if ON_POSTGRES:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (run by make test on PostgreSQL)")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)
