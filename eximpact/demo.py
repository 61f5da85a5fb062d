"""The demo organisation, loaded from `seeds/` by `flask seed demo` (and `make run`).

Loading is idempotent: people and teams go through the CSV importer, which matches
by e-mail and team name, and every feature's demo data checks what already exists.
The demo password exists only here, never in the application's own code paths.
"""

from datetime import date

from sqlalchemy import select

from config import PROJECT_ROOT
from eximpact import clock
from eximpact.auth.services import hash_password
from eximpact.extensions import db
from eximpact.org.importer import import_org
from eximpact.org.models import Person

SEEDS_DIR = PROJECT_ROOT / "seeds"
DEMO_PASSWORD = "eximpact-demo"  # noqa: S105  (demo data only)
DEMO_SIGN_INS = [
    ("admin@example.com", "admin: people, teams, roles, tokens"),
    ("hr@example.com", "HR / EX programme lead"),
    ("manager@example.com", "manager of Care North"),
    ("ambassador@example.com", "CX ambassador in Care North"),
    ("employee@example.com", "employee in Care North"),
]


class DemoDataError(RuntimeError):
    pass


def database_is_empty() -> bool:
    return db.session.scalar(select(Person.id).limit(1)) is None


def feature_demo_loaders() -> list:
    """Each feature's `load_demo(today)`, run in order after the organisation exists."""
    from eximpact.ambassadors import demo as ambassadors_demo
    from eximpact.campaigns import demo as campaigns_demo
    from eximpact.maturity import demo as maturity_demo
    from eximpact.praise import demo as praise_demo
    from eximpact.pulse import demo as pulse_demo
    from eximpact.recognition import demo as recognition_demo
    from eximpact.surveys import demo as surveys_demo

    return [
        campaigns_demo.load_demo,
        ambassadors_demo.load_demo,
        praise_demo.load_demo,
        recognition_demo.load_demo,
        pulse_demo.load_demo,
        maturity_demo.load_demo,
        surveys_demo.load_demo,
    ]


def load_demo(today: date | None = None) -> None:
    """Load (or top up) the demo organisation and every feature's demo data; the caller commits."""
    today = today or clock.today()
    load_organisation()
    for loader in feature_demo_loaders():
        loader(today)
    db.session.flush()


def load_organisation() -> None:
    """People and teams from seeds/*.csv through the CSV importer, with the demo password."""
    result = import_org(
        None,
        teams_csv=(SEEDS_DIR / "teams.csv").read_text(encoding="utf-8"),
        people_csv=(SEEDS_DIR / "people.csv").read_text(encoding="utf-8"),
    )
    if not result.ok:
        problems = "; ".join(f"{e.file}:{e.line} {e.message}" for e in result.errors)
        raise DemoDataError(f"The demo seed files are invalid: {problems}")
    without_password = db.session.scalars(
        select(Person).where(Person.password_hash.is_(None))
    ).all()
    if without_password:
        demo_hash = hash_password(DEMO_PASSWORD)  # hashed once: 45 slow hashes would add seconds
        for person in without_password:
            person.password_hash = demo_hash
    db.session.flush()
