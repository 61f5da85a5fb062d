"""Rounds: create and edit (HR), open (invitations and e-mails), close; the one loader."""

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, false, insert, or_, select
from sqlalchemy.orm import selectinload

from eximpact import audit, clock
from eximpact.extensions import db
from eximpact.notifications.services import queue_email
from eximpact.org.models import Person, Team
from eximpact.pulse.items import KIND_LABELS, KINDS
from eximpact.pulse.models import (
    CLOSED,
    DRAFT,
    MIN_GROUP_DEFAULT,
    MIN_GROUP_FLOOR,
    OPEN,
    PulseComment,
    PulseInvitation,
    PulseResponse,
    PulseRound,
    pulse_round_team,
)
from eximpact.pulse.services.scope import (
    audience_team_ids,
    managed_team_ids,
    sees_everything,
    team_parents,
)
from eximpact.pulse.services.tally import tally_round
from eximpact.validation import Conflict, Problems

LIMITS = {"title": 160, "min_group": 50}


@dataclass
class RoundInput:
    kind: str
    title: str
    opens_on: date | None
    closes_on: date | None
    team_ids: list[int] = field(default_factory=list)
    min_group: int = MIN_GROUP_DEFAULT
    enps: bool = False
    comments: bool = False


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def rounds_query(person):
    """The rounds `person` may see, newest first, as one select (for lists and pages).

    HR sees all. A manager sees a round asked of everyone, or of a team above, at or
    below one they manage: the same answer as `scope.reaches`, decided in SQL.
    """
    query = (
        select(PulseRound)
        .options(selectinload(PulseRound.teams))
        .order_by(PulseRound.opens_on.desc(), PulseRound.id.desc())
    )
    if sees_everything(person):
        return query
    parents = team_parents()
    managed = managed_team_ids(person, parents)
    if not managed:
        return query.where(false())
    related = set(managed)
    for team_id in managed:
        while team_id is not None and team_id in parents:
            related.add(team_id)
            team_id = parents[team_id]
    asked = select(pulse_round_team.c.round_id)
    return query.where(
        or_(
            PulseRound.id.not_in(asked),
            PulseRound.id.in_(asked.where(pulse_round_team.c.team_id.in_(related))),
        )
    )


def rounds_for(person) -> list[PulseRound]:
    return list(db.session.scalars(rounds_query(person)))


def _check(data: RoundInput, problems: Problems) -> list[Team]:
    if data.kind not in KINDS:
        problems.add("kind", f"Use one of: {', '.join(KINDS)}.")
    title = (data.title or "").strip()
    if not title:
        problems.add("title", "Give the round a title.")
    elif len(title) > LIMITS["title"]:
        problems.add("title", f"Use at most {LIMITS['title']} characters.")
    if data.opens_on is None:
        problems.add("opens_on", "Give the opening day.")
    if data.closes_on is None:
        problems.add("closes_on", "Give the closing day.")
    if data.opens_on and data.closes_on and data.closes_on < data.opens_on:
        problems.add("closes_on", "The round cannot close before it opens.")
    if not isinstance(data.min_group, int) or not (
        MIN_GROUP_FLOOR <= data.min_group <= LIMITS["min_group"]
    ):
        problems.add(
            "min_group",
            f"The minimum group must be between {MIN_GROUP_FLOOR} and {LIMITS['min_group']}.",
        )
    teams = []
    if data.team_ids:
        teams = list(db.session.scalars(select(Team).where(Team.id.in_(data.team_ids))))
        if len(teams) != len(set(data.team_ids)) or not all(team.active for team in teams):
            problems.add("team_ids", "Choose active teams only.")
    return teams


def create_round(actor: Person, data: RoundInput, today: date | None = None) -> PulseRound:
    """A draft round; `today` is for the demo loader, which replays past rounds."""
    problems = Problems()
    teams = _check(data, problems)
    if data.closes_on and data.closes_on < (today or clock.today()):
        problems.add("closes_on", "The closing day has already passed.")
    problems.raise_if_any()
    round_ = PulseRound(
        kind=data.kind,
        title=data.title.strip(),
        opens_on=data.opens_on,
        closes_on=data.closes_on,
        min_group=data.min_group,
        enps=data.enps,
        comments=data.comments,
        created_by_id=actor.id,
        teams=teams,
    )
    db.session.add(round_)
    db.session.flush()
    audit.record("pulse_round", round_.id, "created", actor, to_state=DRAFT)
    return round_


def _lock(round_: PulseRound) -> None:
    """Re-read the round under a row lock, so two HR people acting at once act in turn."""
    db.session.refresh(round_, with_for_update=True)


def update_round(actor: Person, round_: PulseRound, data: RoundInput) -> PulseRound:
    """A draft changes freely; once open, only the minimum group, and only upwards."""
    _lock(round_)
    problems = Problems()
    teams = _check(data, problems)
    if round_.status != DRAFT:
        changed = (
            data.kind != round_.kind
            or data.title.strip() != round_.title
            or data.opens_on != round_.opens_on
            or data.closes_on != round_.closes_on
            or sorted(set(data.team_ids)) != round_.team_ids
            or data.enps != round_.enps
            or data.comments != round_.comments
        )
        if changed:
            raise Conflict("Once a round is open, only its minimum group can change (upwards).")
        if isinstance(data.min_group, int) and data.min_group < round_.min_group:
            problems.add(
                "min_group",
                f"Once open, the minimum group can only be raised (it is {round_.min_group}).",
            )
    problems.raise_if_any()
    before = round_.min_group
    round_.kind, round_.title = data.kind, data.title.strip()
    round_.opens_on, round_.closes_on = data.opens_on, data.closes_on
    round_.min_group, round_.enps, round_.comments = data.min_group, data.enps, data.comments
    round_.teams = teams
    db.session.flush()
    audit.record(
        "pulse_round", round_.id, "updated", actor, min_group_from=before, min_group=data.min_group
    )
    return round_


def audience(round_: PulseRound) -> list[Person]:
    """The active people the round asks: its teams and sub-teams, or everyone."""
    query = select(Person).where(Person.active).order_by(Person.id)
    teams = audience_team_ids(round_, team_parents())
    if teams is not None:
        query = query.where(Person.team_id.in_(teams))
    return list(db.session.scalars(query))


def open_round(actor: Person, round_: PulseRound, today: date | None = None) -> int:
    """Draft → open: one invitation per person of the audience, each with its e-mail."""
    _lock(round_)
    if round_.status != DRAFT:
        raise Conflict("Only a draft round can be opened.")
    if round_.closes_on < (today or clock.today()):
        raise Conflict("The closing day has passed: change it before opening the round.")
    people = audience(round_)
    if not people:
        raise Conflict("Nobody is in this round's audience.")
    round_.status = OPEN
    # A round replayed in the past (the demo's) that has closed by the real clock mails nobody.
    mail = round_.closes_on >= clock.today()
    for person in people:
        token = secrets.token_urlsafe(32)
        db.session.add(
            PulseInvitation(
                round_id=round_.id,
                person_id=person.id,
                team_id=person.team_id,
                token_hash=hash_token(token),
            )
        )
        if not mail:
            continue
        queue_email(
            person.email,
            "pulse_invitation",
            f"{KIND_LABELS[round_.kind]}: {round_.title}",
            "pulse/invitation",
            person=person,
            round=round_,
            token=token,
        )
    db.session.flush()
    audit.record(
        "pulse_round", round_.id, "opened", actor, from_state=DRAFT, to_state=OPEN, n=len(people)
    )
    return len(people)


def close_round(actor: Person, round_: PulseRound) -> None:
    _lock(round_)
    if round_.status != OPEN:
        raise Conflict("Only an open round can be closed.")
    round_.status = CLOSED
    reshuffle_answers(round_.id)
    db.session.flush()
    tally_round(round_)
    audit.record("pulse_round", round_.id, "closed", actor, from_state=OPEN, to_state=CLOSED)


def reshuffle_answers(round_id: int) -> None:
    """Write the round's answers and comments again, in random order, under new keys.

    A database keeps traces beside the columns: on PostgreSQL a row's `xmin` is the
    transaction that wrote it, the same as the invitation's whose flag it set, and the
    physical order follows the order of answering. Rewriting every answer in one
    closing transaction, shuffled, leaves them all the same `xmin` and an order that
    says nothing. (Until then, and in dead row versions until VACUUM, a database
    superuser could still match them; nobody else can, and no page or API shows them.)
    """
    rng = secrets.SystemRandom()
    for model, columns in (
        (PulseResponse, ("round_id", "team_id", "answers")),
        (PulseComment, ("round_id", "team_id", "text")),
    ):
        rows = [
            dict(zip(columns, values, strict=True))
            for values in db.session.execute(
                select(*(getattr(model, c) for c in columns)).where(model.round_id == round_id)
            )
        ]
        rng.shuffle(rows)
        db.session.execute(delete(model).where(model.round_id == round_id))
        if rows:
            db.session.execute(insert(model), rows)


def close_due(today: date | None = None) -> int:
    """Close every open round whose closing day has passed (the daily CLI job)."""
    today = today or clock.today()
    rounds = db.session.scalars(
        select(PulseRound).where(PulseRound.status == OPEN, PulseRound.closes_on < today)
    ).all()
    for round_ in rounds:
        round_.status = CLOSED
        reshuffle_answers(round_.id)
        audit.record("pulse_round", round_.id, "closed", None, from_state=OPEN, to_state=CLOSED)
    db.session.flush()
    return len(rounds)


def invited_count(round_id: int) -> int:
    """How many were invited. How many answered is shown only once the round has closed:
    a live count would tell whoever watches it who has just answered."""
    from sqlalchemy import func

    return db.session.scalar(select(func.count()).where(PulseInvitation.round_id == round_id))
