"""Pulse rounds, invitations, and the anonymous answers and comments.

Anonymity is in the schema, not in a setting: `PulseResponse` and `PulseComment`
have no person column and no time column, and their keys are random UUIDs, so
neither a join nor the insertion order leads back to anyone. The invitation knows
who was asked and only whether they answered (a hashed token, a flag): it drives
participation and reminders, never the results. Comments sit in their own table,
so a comment cannot be joined to the scores given with it.
"""

import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eximpact.extensions import db, utcnow
from eximpact.org.models import Person, Team
from eximpact.pulse.items import KINDS

DRAFT = "draft"
OPEN = "open"
CLOSED = "closed"
STATUSES = (DRAFT, OPEN, CLOSED)
STATUS_LABELS = {DRAFT: "Draft", OPEN: "Open", CLOSED: "Closed"}
MIN_GROUP_FLOOR = 3
MIN_GROUP_DEFAULT = 5


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def new_uuid() -> str:
    return uuid.uuid4().hex


pulse_round_team = Table(
    "pulse_round_team",
    db.metadata,
    Column("round_id", ForeignKey("pulse_round.id", ondelete="CASCADE"), primary_key=True),
    Column("team_id", ForeignKey("team.id"), primary_key=True, index=True),
)


class PulseRound(db.Model):
    """One engagement pulse or climate check: asked of an audience between two days."""

    __tablename__ = "pulse_round"
    __table_args__ = (
        CheckConstraint(_in("kind", KINDS), name="known_kind"),
        CheckConstraint(_in("status", STATUSES), name="known_status"),
        CheckConstraint(f"min_group >= {MIN_GROUP_FLOOR}", name="min_group_floor"),
        CheckConstraint("closes_on >= opens_on", name="closes_after_opening"),
        Index("ix_pulse_round_kind_closes", "kind", "closes_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(160))
    opens_on: Mapped[date]
    closes_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(10), default=DRAFT, index=True)
    min_group: Mapped[int] = mapped_column(SmallInteger, default=MIN_GROUP_DEFAULT)
    enps: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    comments: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_by_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    created_by: Mapped[Person] = relationship()
    teams: Mapped[list[Team]] = relationship(secondary=pulse_round_team, order_by=Team.name)

    def __repr__(self) -> str:
        return f"<PulseRound {self.id} {self.kind} {self.status}>"

    @property
    def team_ids(self) -> list[int]:
        return sorted(team.id for team in self.teams)


class PulseInvitation(db.Model):
    """One person asked in one round: a hashed token and whether they answered, nothing more."""

    __tablename__ = "pulse_invitation"
    __table_args__ = (
        UniqueConstraint("round_id", "person_id", name="one_invitation_per_person"),
        Index("ix_pulse_invitation_round_responded", "round_id", "responded"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("pulse_round.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    # The team the person belonged to when the round opened; copied onto the answer.
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    responded: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The "days before closing" of the last reminder sent, so a reminder goes once.
    reminded_for: Mapped[int | None] = mapped_column(SmallInteger)

    round: Mapped[PulseRound] = relationship()
    person: Mapped[Person] = relationship()

    def __repr__(self) -> str:
        return f"<PulseInvitation {self.id} round {self.round_id}>"


class PulseResponse(db.Model):
    """One anonymous answer: the round, the team at opening, the scores. No person, no time."""

    __tablename__ = "pulse_response"
    # SQLite would otherwise keep a hidden rowid counting up in insertion order.
    __table_args__ = {"sqlite_with_rowid": False}

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_uuid)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("pulse_round.id", ondelete="CASCADE"), index=True
    )
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    answers: Mapped[dict] = mapped_column(JSON)

    def __repr__(self) -> str:
        return f"<PulseResponse round {self.round_id}>"


class PulseComment(db.Model):
    """One anonymous comment, in its own table so it never joins to the scores."""

    __tablename__ = "pulse_comment"
    __table_args__ = {"sqlite_with_rowid": False}

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_uuid)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("pulse_round.id", ondelete="CASCADE"), index=True
    )
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    text: Mapped[str] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"<PulseComment round {self.round_id}>"


class PulseTally(db.Model):
    """How many of a closed round's answers from one team add up to one score.

    Written once, in the transaction that closes the round (`services.tally`), and never
    changed after: a closed round takes no answers. The scorecards read a round's
    headline per team from it instead of every answer. `score` is the sum of an answer's
    items (engagement: the three statements, 3–21; climate: the six items, 6–30). Like the
    answers it holds no person and no time.
    """

    __tablename__ = "pulse_tally"
    __table_args__ = (
        # Covering: a round's tally is read from the index alone.
        Index("ix_pulse_tally_round", "round_id", "team_id", "score", "responses"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("pulse_round.id", ondelete="CASCADE"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    score: Mapped[int] = mapped_column(SmallInteger)
    responses: Mapped[int] = mapped_column(Integer)

    def __repr__(self) -> str:
        return f"<PulseTally round {self.round_id} team {self.team_id} score {self.score}>"
