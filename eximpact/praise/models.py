"""Customer praise, the people it names, and the follow-up ("outreach") it asks of their leaders."""

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eximpact import clock
from eximpact.extensions import db
from eximpact.org.models import Person

SOURCES = ("survey", "nps", "email", "call", "chat", "social", "review")
SOURCE_LABELS = {
    "survey": "Survey",
    "nps": "NPS comment",
    "email": "E-mail",
    "call": "Call",
    "chat": "Chat",
    "social": "Social media",
    "review": "Review",
}
# How the praise reached us: a person typed it, a file brought it, or a system sent it.
INTAKES = ("form", "csv", "api", "webhook")

# Temkin's customer-engagement scale: each level with the emotions customers name.
ENGAGEMENT_LEVELS = {
    5: ("completely engaged", ("pampered", "special", "indulged")),
    4: ("positively engaged", ("delighted", "appreciated", "individual")),
    3: ("engaged", ("respected", "understood", "content")),
    2: ("dissatisfied", ("disinterested", "disconnected", "disappointed")),
    1: ("extremely dissatisfied", ("ignored", "stressed", "frustrated")),
}
EMOTION_LEVEL = {word: level for level, (_, words) in ENGAGEMENT_LEVELS.items() for word in words}

OUTREACH_KINDS = ("note", "call", "visit")
OUTREACH_KIND_LABELS = {"note": "Thank-you note", "call": "Call", "visit": "Visit"}
OUTREACH_OPEN = "open"
OUTREACH_DONE = "done"
OUTREACH_OVERDUE = "overdue"  # derived: open and past its due date, never stored


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


praise_employee = Table(
    "praise_employee",
    db.metadata,
    Column("praise_id", ForeignKey("praise.id", ondelete="CASCADE"), primary_key=True),
    # Leaderboards and "praise of this person" look praise up by person.
    Column("person_id", ForeignKey("person.id"), primary_key=True, index=True),
)


class Praise(db.Model):
    """What a customer said about one or more employees, verbatim."""

    __tablename__ = "praise"
    __table_args__ = (
        CheckConstraint(_in("source", SOURCES), name="known_source"),
        CheckConstraint(_in("intake", INTAKES), name="known_intake"),
        CheckConstraint("nps BETWEEN 0 AND 10", name="nps_range"),
        CheckConstraint("engagement_level BETWEEN 1 AND 5", name="engagement_level_range"),
        CheckConstraint("emotion IS NULL OR engagement_level IS NOT NULL", name="emotion_level"),
        Index("ix_praise_received", "received_at", "id"),
        # The scorecards' praise figures of a period, read from the index alone.
        Index("ix_praise_received_cover", "received_at", "id", "engagement_level", "nps"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[date]
    text: Mapped[str] = mapped_column(Text)
    nps: Mapped[int | None]
    engagement_level: Mapped[int | None]
    emotion: Mapped[str | None] = mapped_column(String(20))
    # Kept minimal on purpose: a case or survey number, never contact details.
    customer_ref: Mapped[str | None] = mapped_column(String(120), index=True)
    # The sender's id: UNIQUE, so a repeated delivery can never store the praise twice.
    external_id: Mapped[str | None] = mapped_column(String(200), unique=True)
    intake: Mapped[str] = mapped_column(String(10), default="form")
    logged_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    employees: Mapped[list[Person]] = relationship(secondary=praise_employee, order_by=Person.name)
    logged_by: Mapped[Person | None] = relationship()
    outreach: Mapped[list["Outreach"]] = relationship(
        back_populates="praise", order_by="Outreach.id"
    )

    def __repr__(self) -> str:
        return f"<Praise {self.id} {self.source} {self.received_at}>"

    @property
    def employee_ids(self) -> list[int]:
        return [person.id for person in self.employees]

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS[self.source]

    @property
    def engagement_label(self) -> str | None:
        if self.engagement_level is None:
            return None
        return ENGAGEMENT_LEVELS[self.engagement_level][0]


class Outreach(db.Model):
    """A leader's follow-up on praise of one person: a thank-you note, a call or a visit."""

    __tablename__ = "outreach"
    __table_args__ = (
        UniqueConstraint("praise_id", "employee_id"),
        CheckConstraint(_in("status", (OUTREACH_OPEN, OUTREACH_DONE)), name="known_status"),
        CheckConstraint(f"kind IS NULL OR {_in('kind', OUTREACH_KINDS)}", name="known_kind"),
        CheckConstraint(
            "status = 'open' OR (kind IS NOT NULL AND completed_at IS NOT NULL)",
            name="done_has_kind",
        ),
        # "My outreach", the overdue reminder and the on-time report.
        Index("ix_outreach_leader_status_due", "leader_id", "status", "due_on"),
        Index("ix_outreach_status_due", "status", "due_on"),
        # The on-time report by team: every column it reads, walked by due date (issue 10).
        Index("ix_outreach_due_cover", "due_on", "employee_id", "status", "completed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    praise_id: Mapped[int] = mapped_column(ForeignKey("praise.id", ondelete="CASCADE"))
    employee_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    leader_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    due_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(8), default=OUTREACH_OPEN)
    kind: Mapped[str | None] = mapped_column(String(8))
    note: Mapped[str] = mapped_column(Text, default="")
    completed_at: Mapped[datetime | None]
    completed_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    # Set when the overdue reminder went out, so `flask outreach notify-overdue` sends it once.
    overdue_notified_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    praise: Mapped[Praise] = relationship(back_populates="outreach")
    employee: Mapped[Person] = relationship(foreign_keys=[employee_id])
    leader: Mapped[Person] = relationship(foreign_keys=[leader_id])
    completed_by: Mapped[Person | None] = relationship(foreign_keys=[completed_by_id])

    def __repr__(self) -> str:
        return f"<Outreach {self.id} praise={self.praise_id} {self.status}>"

    @property
    def kind_label(self) -> str | None:
        return OUTREACH_KIND_LABELS.get(self.kind) if self.kind else None

    def state_on(self, day: date) -> str:
        """open, overdue or done, as of `day`."""
        if self.status == OUTREACH_DONE:
            return OUTREACH_DONE
        return OUTREACH_OVERDUE if self.due_on < day else OUTREACH_OPEN

    @property
    def on_time(self) -> bool | None:
        """Done on or before the due date; None while still open."""
        if self.completed_at is None:
            return None
        return self.completed_at.date() <= self.due_on
