"""What the home page shows each person, gathered in a few bounded queries."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import exists, func, not_, or_, select
from sqlalchemy.orm import joinedload

from eximpact import clock
from eximpact.access import can
from eximpact.ambassadors.models import monday_of
from eximpact.ambassadors.services.approvals import queue_query
from eximpact.ambassadors.services.enrolments import count_to_decide
from eximpact.ambassadors.services.entries import WeekState, week_state
from eximpact.campaigns.models import DONE, RUNNING_STATUSES, Initiative, Rollout
from eximpact.campaigns.services.approvals import count_pending_approvals
from eximpact.extensions import db
from eximpact.org.models import Person, Team
from eximpact.praise.models import Praise
from eximpact.praise.services.outreach import state_counts
from eximpact.praise.services.recording import praise_query
from eximpact.pulse.services.answers import invitations_for
from eximpact.recognition.models import Nomination
from eximpact.recognition.services.nomination_queries import latest_made_by, waiting_reviews
from eximpact.recognition.services.received import Received, latest_received

UPCOMING = 6
LATELY_DAYS = 30  # "received lately": recognition and praise of the last month
LATELY = 5  # items of each shown
OWN_NOMINATIONS = 5


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
    received: list[Received] = field(default_factory=list)
    praise: list[Praise] = field(default_factory=list)
    my_nominations: list[Nomination] = field(default_factory=list)
    reviews_waiting: dict[str, int] = field(default_factory=dict)
    enrolments_waiting: int = 0
    week: WeekState | None = None  # this week's timesheet, for ambassadors
    week_start: date | None = None


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
        **mine(person, today),
        **waiting_for(person),
    )


def mine(person: Person, today: date) -> dict:
    """What is the person's own: recognition and praise received lately, the outcome of the
    nominations they made, and (for an ambassador) this week's timesheet."""
    since = today - timedelta(days=LATELY_DAYS)
    week_start = monday_of(today)
    return {
        "received": latest_received(person.id, LATELY, datetime.combine(since, time())),
        "praise": list(
            db.session.scalars(praise_query(person_id=person.id, start=since).limit(LATELY))
        ),
        "my_nominations": latest_made_by(person, OWN_NOMINATIONS),
        "week": week_state(person.id, week_start) if can(person, "time.log") else None,
        "week_start": week_start,
    }


def waiting_for(person: Person) -> dict:
    """What waits for a manager's (or HR's) decision beyond time and initiatives."""
    return {
        "reviews_waiting": waiting_reviews(person),
        "enrolments_waiting": count_to_decide(person),
    }


def weeks_waiting_for(person: Person) -> int:
    """Submitted ambassador weeks this person may approve (their reports'; HR: everyone's)."""
    if not can(person, "time.approvals"):
        return 0
    weeks = queue_query(person).subquery()
    return db.session.scalar(select(func.count()).select_from(weeks))
