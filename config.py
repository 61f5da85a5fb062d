"""Configuration classes: one per environment, secrets and URLs only from the environment.

`create_app()` picks the class named by `EXIMPACT_ENV` (development, production,
testing); tests pass their own class. Every setting the README lists is read here.
"""

import os
import secrets
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from dotenv import load_dotenv

PROJECT_ROOT = Path(__file__).resolve().parent
load_dotenv(PROJECT_ROOT / ".env")  # optional; real environment variables win
INSTANCE_PATH = Path(os.environ.get("EXIMPACT_INSTANCE_PATH", PROJECT_ROOT / "instance"))


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str) -> list[str] | None:
    value = os.environ.get(name)
    if value in (None, ""):
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


def default_base_url() -> str:
    """Where `make run` serves (127.0.0.1:PORT), so e-mailed links work out of the box."""
    return f"http://127.0.0.1:{_env_int('PORT', 5000)}"


def trusted_hosts(base_url: str) -> list[str]:
    """EXIMPACT_TRUSTED_HOSTS, else the base URL's host and loopback; any other Host is a 400."""
    configured = _env_list("EXIMPACT_TRUSTED_HOSTS")
    if configured is not None:
        return configured
    return list(
        dict.fromkeys([urlsplit(base_url).hostname or "127.0.0.1", "127.0.0.1", "localhost"])
    )


def normalise_database_url(url: str) -> str:
    """Let operators write `postgres://` or `postgresql://`; we always talk psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def development_secret_key() -> str:
    """A key generated once into the instance folder, so sessions survive restarts.

    Only development uses this; production refuses to start without SECRET_KEY.
    """
    path = INSTANCE_PATH / "secret_key"
    if not path.exists():
        INSTANCE_PATH.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


class Config:
    """Settings shared by every environment."""

    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = normalise_database_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE_PATH / 'eximpact.db'}")
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = False
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)

    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session

    BOOTSTRAP_SERVE_LOCAL = True  # no CDN: the app works with no internet

    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    SIGN_IN_FAILURE_LIMIT = os.environ.get("EXIMPACT_SIGN_IN_LIMIT", "10 per minute")

    API_TOKEN_LIFETIME = timedelta(hours=_env_int("EXIMPACT_API_TOKEN_HOURS", 24))
    PER_PAGE = 25
    API_PER_PAGE = 50
    API_MAX_PER_PAGE = 200

    MAIL_SERVER = os.environ.get("MAIL_SERVER", "127.0.0.1")
    MAIL_PORT = _env_int("MAIL_PORT", 25)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_USE_TLS = _env_bool("MAIL_USE_TLS", False)
    MAIL_USE_SSL = _env_bool("MAIL_USE_SSL", False)
    MAIL_TIMEOUT = _env_int("MAIL_TIMEOUT", 30)
    MAIL_DEFAULT_SENDER = os.environ.get(
        "MAIL_DEFAULT_SENDER", "EX Impact <noreply@eximpact.local>"
    )
    PASSWORD_HASH_METHOD = None  # None: werkzeug's default (scrypt)
    GENERATE_SECRET_KEY = False
    BASE_URL = os.environ.get("EXIMPACT_BASE_URL") or default_base_url()
    TRUSTED_HOSTS = trusted_hosts(BASE_URL)

    # Bodies past the cap are refused with 413 before anything reads them; the CSV upload
    # pages allow the larger UPLOAD cap (eximpact.limits).
    MAX_CONTENT_LENGTH = _env_int("EXIMPACT_MAX_CONTENT_LENGTH", 1024 * 1024)
    MAX_UPLOAD_LENGTH = _env_int("EXIMPACT_MAX_UPLOAD_LENGTH", 10 * 1024 * 1024)

    PRAISE_WEBHOOK_SECRET = os.environ.get("EXIMPACT_PRAISE_WEBHOOK_SECRET") or None
    PRAISE_WEBHOOK_TOLERANCE_SECONDS = 300
    OUTREACH_DUE_DAYS = _env_int("EXIMPACT_OUTREACH_DUE_DAYS", 7)
    OUTREACH_LEADER = os.environ.get("EXIMPACT_OUTREACH_LEADER", "manager")
    NOMINATIONS_PER_CYCLE = _env_int("EXIMPACT_NOMINATIONS_PER_CYCLE", 5)
    # Quick thanks a person may give per day (the organisation's day): keeps them meaningful.
    THANKS_PER_DAY = _env_int("EXIMPACT_THANKS_PER_DAY", 5)
    APPROVAL_REMINDER_DAYS = _env_int("EXIMPACT_APPROVAL_REMINDER_DAYS", 3)
    WORKING_WEEK_HOURS = Decimal(os.environ.get("EXIMPACT_WORKING_WEEK_HOURS") or "40")
    # The organisation's time zone: "today" in every rule is the day there (eximpact.clock).
    TIMEZONE = os.environ.get("EXIMPACT_TIMEZONE") or "UTC"
    # The currency every amount of money is shown in (ISO 4217 code), e.g. budgets, rewards.
    CURRENCY = (os.environ.get("EXIMPACT_CURRENCY") or "EUR").upper()
    # Days before a pulse round closes on which those who have not answered are reminded.
    # Chat channels (Slack, Microsoft Teams): the outbox's HTTP timeout in seconds, and
    # whether a webhook may point at http://127.0.0.1:<port> (tests and local trials only).
    CHAT_TIMEOUT = float(os.environ.get("EXIMPACT_CHAT_TIMEOUT") or 5)
    CHAT_ALLOW_LOOPBACK = _env_bool("EXIMPACT_CHAT_ALLOW_LOOPBACK", False)
    PULSE_REMINDER_DAYS = tuple(
        int(day)
        for day in (os.environ.get("EXIMPACT_PULSE_REMINDER_DAYS") or "3,1").split(",")
        if day.strip()
    )


class DevelopmentConfig(Config):
    """`make run`: the embedded SQLite default; a secret key generated once if none is set."""

    GENERATE_SECRET_KEY = True


class ProductionConfig(Config):
    """Secure cookies; refuses to start without a real SECRET_KEY (checked in create_app)."""

    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True


class TestingConfig(Config):
    """The suite: its own database, CSRF off (one suite turns it back on), fast hashing."""

    TESTING = True
    SECRET_KEY = "testing-only-not-a-secret"  # noqa: S105
    SQLALCHEMY_DATABASE_URI = normalise_database_url(
        os.environ.get("TEST_DATABASE_URL", "sqlite:///" + str(INSTANCE_PATH / "test.db"))
    )
    WTF_CSRF_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    MAIL_SERVER = "127.0.0.1"
    MAIL_PORT = 0  # tests point this at their own SMTP server
    MAIL_USE_TLS = False
    MAIL_USE_SSL = False
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    PRAISE_WEBHOOK_SECRET = None
    OUTREACH_DUE_DAYS = 7
    OUTREACH_LEADER = "manager"
    NOMINATIONS_PER_CYCLE = 5
    THANKS_PER_DAY = 5
    APPROVAL_REMINDER_DAYS = 3
    WORKING_WEEK_HOURS = Decimal(40)
    CHAT_TIMEOUT = 5.0
    CHAT_ALLOW_LOOPBACK = False  # tests that talk to a local HTTP server turn it on
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # speed only; production keeps werkzeug's default  # noqa: S105 (not a secret)


CONFIGS = {
    "development": DevelopmentConfig,
    "production": ProductionConfig,
    "testing": TestingConfig,
}
