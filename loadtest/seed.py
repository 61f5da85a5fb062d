"""The load's organisation on top of the demo: people, approved ambassadors, a tight budget.

Everything goes through the importer and the services that the pages use, so the rules
hold for this data too. What the load's users need to know (who signs in as whom, which
projects and cycle to use) is written to a JSON file that `loadtest.users` reads.
"""

import csv
import io
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select

from eximpact import clock
from eximpact.ambassadors.models import CxProject, Enrolment
from eximpact.ambassadors.services.enrolments import decide_enrolment, enrol
from eximpact.auth.services import hash_password, issue_personal_token
from eximpact.campaigns.models import Campaign
from eximpact.demo import DEMO_PASSWORD
from eximpact.extensions import db
from eximpact.org.importer import import_org
from eximpact.org.models import Person, normalise_email
from eximpact.recognition.models import Category
from eximpact.recognition.services.cycles import budget_used, open_cycles, save_cycle

PASSWORD = DEMO_PASSWORD
HR = "hr@example.com"
# team, its manager, and how many of each kind of load person it gets
GROUPS = [
    ("Care North", "manager@example.com", {"web": 8, "api": 6, "emp": 10}),
    ("Care South", "priya.nair@example.com", {"web": 8, "api": 6, "emp": 10}),
]
AWARDS_LEFT = 4  # the open cycle's budget leaves room for this many "Customer hero" awards


def people_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["name", "email", "team", "manager_email", "roles", "active"])
    for g, (team, manager, counts) in enumerate(GROUPS):
        for kind, count in counts.items():
            for n in range(count):
                writer.writerow(
                    [
                        f"Load {kind.title()} {g}-{n}",
                        f"lt.{kind}.{g}.{n}@example.com",
                        team,
                        manager,
                        "",
                        "yes",
                    ]
                )
    return out.getvalue()


def seed() -> dict:
    """Add the load people and their enrolments (idempotent); the caller commits."""
    result = import_org(None, teams_csv=None, people_csv=people_csv())
    if not result.ok:
        raise RuntimeError("; ".join(f"{e.line}: {e.message}" for e in result.errors))
    digest = hash_password(PASSWORD)
    people = db.session.scalars(select(Person).where(Person.email.like("lt.%"))).all()
    for person in people:
        person.password_hash = person.password_hash or digest
    db.session.flush()

    today = clock.today()
    hr = db.session.scalars(select(Person).where(Person.email == HR)).one()
    start = today - timedelta(weeks=12)
    for person in people:
        enrolled = db.session.scalar(select(Enrolment.id).where(Enrolment.person_id == person.id))
        if person.email.startswith(("lt.web.", "lt.api.")) and enrolled is None:
            enrolment = enrol(hr, person, start_date=start, hours=Decimal(8))
            decide_enrolment(hr, enrolment, True, today)
    db.session.flush()

    projects = db.session.scalars(
        select(CxProject).where(CxProject.status == "active").order_by(CxProject.id)
    ).all()
    if len(projects) < 2:
        raise RuntimeError("The demo has fewer than two active CX projects.")
    cycle = open_cycles(today)[0]
    hero = db.session.scalars(select(Category).where(Category.name == "Customer hero")).one()
    budget = budget_used([cycle.id])[cycle.id] + hero.reward_value * AWARDS_LEFT
    save_cycle(
        hr,
        cycle,
        name=cycle.name,
        cadence=cycle.cadence,
        period_start=cycle.period_start,
        period_end=cycle.period_end,
        opens_on=cycle.opens_on,
        closes_on=cycle.closes_on,
        budget=budget,
    )
    db.session.flush()

    by_email = {p.email: p for p in db.session.scalars(select(Person))}
    personas = {}
    for team, manager, _counts in GROUPS:
        for person in (p for p in people if p.team and p.team.name == team):
            kind = person.email.split(".")[1]
            personas[person.email] = {"id": person.id, "kind": kind, "manager": manager}
    # Integrations use personal access tokens; sign-in (a slow hash by design) is exercised
    # by the pages and by the time-entry tool's POST /auth/token.
    tokens = {
        email: issue_personal_token(by_email[email], "load test", 1)[1]
        for email in [HR, *(m for _, m, _ in GROUPS), *(e for e in personas if ".emp." in e)]
    }
    return {
        "password": PASSWORD,
        "tokens": tokens,
        "hr": HR,
        "managers": [manager for _, manager, _ in GROUPS],
        "reader_emails": [
            HR,
            "manager@example.com",
            "employee@example.com",
            "ambassador@example.com",
        ],
        "personas": personas,
        "ids": {e: by_email[normalise_email(e)].id for e in [HR] + [m for _, m, _ in GROUPS]},
        "projects": [p.id for p in projects[:4]],
        "cycle_id": cycle.id,
        "categories": [hero.id],
        "campaign_ids": list(db.session.scalars(select(Campaign.id).order_by(Campaign.id))),
    }
