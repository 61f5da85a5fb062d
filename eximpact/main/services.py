"""What the home page shows each person, gathered in a few grouped queries."""

from dataclasses import dataclass

from sqlalchemy import func, select

from eximpact.extensions import db
from eximpact.org.models import Person, Team


@dataclass
class HomeSummary:
    team: Team | None
    manager: Person | None
    direct_reports: int
    people: int
    teams: int


def home_summary(person: Person) -> HomeSummary:
    direct_reports = db.session.scalar(
        select(func.count())
        .select_from(Person)
        .where(Person.manager_id == person.id, Person.active)
    )
    people = db.session.scalar(select(func.count()).select_from(Person).where(Person.active))
    teams = db.session.scalar(select(func.count()).select_from(Team).where(Team.active))
    return HomeSummary(person.team, person.manager, direct_reports, people, teams)
