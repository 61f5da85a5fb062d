"""EX Impact: the application factory."""

import os
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.routing import IntegerConverter

from config import CONFIGS, INSTANCE_PATH, PROJECT_ROOT, development_secret_key
from eximpact import clock
from eximpact.requests import Request, StrictJSONProvider
from eximpact.validation import MAX_INTEGER

__version__ = "0.1.0"


class DatabaseIntConverter(IntegerConverter):
    """`<int:id>` that only matches what a database id can be, so a huge number is a 404."""

    def __init__(self, url_map, fixed_digits=0, min=None, max=MAX_INTEGER, signed=False):
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def create_app(config_class=None) -> Flask:
    """Build the app for `config_class`, or for the environment named by `EXIMPACT_ENV`."""
    if config_class is None:
        config_class = CONFIGS[os.environ.get("EXIMPACT_ENV", "development")]
    app = Flask(
        __name__,
        instance_path=str(INSTANCE_PATH),
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    app.request_class = Request
    app.json = StrictJSONProvider(app)
    app.config.from_object(config_class)
    clock.zone(app.config["TIMEZONE"])  # a misspelt time zone stops start-up, not a request
    _ensure_secret_key(app)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    app.url_map.converters["int"] = DatabaseIntConverter
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_request_hooks(app)
    register_template_helpers(app)
    register_commands(app)
    return app


def _ensure_secret_key(app: Flask) -> None:
    if app.config.get("SECRET_KEY"):
        return
    if app.config.get("GENERATE_SECRET_KEY"):
        app.config["SECRET_KEY"] = development_secret_key()
        return
    raise RuntimeError("SECRET_KEY is not set: refusing to start without it.")


def register_extensions(app: Flask) -> None:
    from eximpact import models  # noqa: F401  (every model is known before migrations look)
    from eximpact.extensions import bootstrap, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), compare_type=True)
    csrf.init_app(app)
    bootstrap.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = "Please sign in to see that page."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    from eximpact.auth.sessions import load_person_from_session

    login_manager.user_loader(load_person_from_session)


def register_blueprints(app: Flask) -> None:
    from eximpact.ambassadors.routes import bp as ambassadors_bp
    from eximpact.api import bp as api_bp
    from eximpact.api.docs import assets as api_docs_bp
    from eximpact.auth.routes import bp as auth_bp
    from eximpact.campaigns.routes import bp as campaigns_bp
    from eximpact.extensions import csrf
    from eximpact.main.routes import bp as main_bp
    from eximpact.maturity.routes import bp as maturity_bp
    from eximpact.notifications.routes import bp as notifications_bp
    from eximpact.org.routes import bp as org_bp
    from eximpact.people.routes import bp as people_bp
    from eximpact.praise.routes import bp as praise_bp
    from eximpact.pulse.routes import bp as pulse_bp
    from eximpact.recognition.routes import bp as recognition_bp
    from eximpact.scorecards.routes import bp as scorecards_bp
    from eximpact.surveys.routes import bp as surveys_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(org_bp)
    app.register_blueprint(people_bp)
    app.register_blueprint(campaigns_bp)
    app.register_blueprint(praise_bp)
    app.register_blueprint(recognition_bp)
    app.register_blueprint(ambassadors_bp)
    app.register_blueprint(pulse_bp)
    app.register_blueprint(maturity_bp)
    app.register_blueprint(scorecards_bp)
    app.register_blueprint(notifications_bp)
    app.register_blueprint(surveys_bp)
    csrf.exempt(api_bp)  # bearer tokens only, no cookies: nothing for a forged form to ride on
    app.register_blueprint(api_bp)
    app.register_blueprint(api_docs_bp)


def register_errorhandlers(app: Flask) -> None:
    from eximpact.errors import register

    register(app)


def register_request_hooks(app: Flask) -> None:
    from eximpact.security import register

    register(app)


def register_template_helpers(app: Flask) -> None:
    from eximpact.templating import register

    register(app)


def register_commands(app: Flask) -> None:
    from eximpact.cli import register

    register(app)


SQLITE_BUSY_TIMEOUT_MS = 15_000


def _is_sqlite(dbapi_connection) -> bool:
    return type(dbapi_connection).__module__.startswith("sqlite3")


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """SQLite: enforce foreign keys, WAL so readers do not block the writer, real transactions.

    pysqlite's own transaction handling begins late and breaks SAVEPOINTs; we turn it
    off and let SQLAlchemy emit BEGIN itself (the recipe in SQLAlchemy's SQLite docs).
    The busy timeout is how long a writer waits for the one before it to finish.
    """
    if _is_sqlite(dbapi_connection):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(connection) -> None:
    """Take SQLite's write lock when the transaction begins, so writers queue.

    A deferred BEGIN that later writes must upgrade its read lock; when another
    connection wrote in between, SQLite answers "database is locked" at once, without
    waiting out the busy timeout. BEGIN IMMEDIATE waits its turn instead. The test
    suite's rolled-back connections ask for `sqlite_begin="DEFERRED"`: several of them
    share one file and each holds its transaction for a whole test.
    """
    if connection.dialect.name == "sqlite":
        mode = connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        connection.exec_driver_sql("BEGIN DEFERRED" if mode == "DEFERRED" else "BEGIN IMMEDIATE")
