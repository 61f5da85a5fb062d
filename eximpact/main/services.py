"""What the home page shows each person, gathered in a few bounded queries."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import exists, func, not_, or_, select
from sqlalchemy.orm import joinedload

from eximpact import clock
from eximpact.access import can
from eximpact.ambassadors.services.approvals import queue_query
from eximpact.campaigns.models import DONE, RUNNING_STATUSES, Initiative, Rollout
from eximpact.campaigns.services.approvals import count_pending_approvals
from eximpact.extensions import db
from eximpact.org.models import Person, Team
from eximpact.praise.services.outreach import state_counts
from eximpact.pulse.services.answers import invitations_for

UPCOMING = 6


@dataclass
class HomeSummary:
    team: Team | None
    manager: Person | None
    direct_reports: int
    people: int
    teams: int
    coming_up: list[Initiative] = field(default_factory=list)
    approvals_waiting: int = 0
    rollouts_open: int = 0
    outreach: dict[str, int] = field(default_factory=dict)
    time_weeks_waiting: int = 0
    pulse_invitations: list = field(default_factory=list)


def coming_up_for(person: Person, today: date, limit: int = UPCOMING) -> list[Initiative]:
    """What is planned for this person: initiatives for their team, or for everyone."""
    for_everyone = not_(exists().where(Rollout.initiative_id == Initiative.id))
    audience = for_everyone
    if person.team_id is not None:
        for_team = exists().where(
            Rollout.initiative_id == Initiative.id, Rollout.team_id == person.team_id
        )
        audience = or_(for_everyone, for_team)
    return list(
        db.session.scalars(
            select(Initiative)
            .options(joinedload(Initiative.campaign))
            .where(
                Initiative.status.in_(RUNNING_STATUSES),
                Initiative.end_date >= today,
                audience,
            )
            .order_by(Initiative.start_date, Initiative.id)
            .limit(limit)
        )
    )


def open_rollouts(person: Person) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Rollout)
        .join(Team, Team.id == Rollout.team_id)
        .join(Initiative, Initiative.id == Rollout.initiative_id)
        .where(
            Team.manager_id == person.id,
            Rollout.status != DONE,
            Initiative.status.in_(RUNNING_STATUSES),
        )
    )


def home_summary(person: Person, today: date | None = None) -> HomeSummary:
    today = today or clock.today()
    reports = select(func.count()).select_from(Person)
    direct_reports = db.session.scalar(reports.where(Person.manager_id == person.id, Person.active))
    people = db.session.scalar(select(func.count()).select_from(Person).where(Person.active))
    teams = db.session.scalar(select(func.count()).select_from(Team).where(Team.active))
    return HomeSummary(
        team=person.team,
        manager=person.manager,
        direct_reports=direct_reports,
        people=people,
        teams=teams,
        coming_up=coming_up_for(person, today),
        approvals_waiting=count_pending_approvals(person),
        rollouts_open=open_rollouts(person),
        outreach=state_counts(person.id, today),
        time_weeks_waiting=weeks_waiting_for(person),
        pulse_invitations=[i for i in invitations_for(person) if not i.responded],
    )


def weeks_waiting_for(person: Person) -> int:
    """Submitted ambassador weeks this person may approve (their reports'; HR: everyone's)."""
    if not can(person, "time.approvals"):
        return 0
    weeks = queue_query(person).subquery()
    return db.session.scalar(select(func.count()).select_from(weeks))
