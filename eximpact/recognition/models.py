"""Categories and their rewards, award cycles, nominations with praise attached as evidence,
quick thanks, and the reactions and comments that answer both on the wall."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eximpact import clock
from eximpact.extensions import db
from eximpact.org.models import Person
from eximpact.periods import GRAINS
from eximpact.praise.models import Praise

Money = Numeric(12, 2)

CADENCES = ("monthly", "quarterly", "annual")
CADENCE_LABELS = {"monthly": "Monthly", "quarterly": "Quarterly", "annual": "Annual"}
REWARD_KINDS = ("points", "badge", "gift", "voucher", "day_off", "other")
REWARD_KIND_LABELS = {
    "points": "Points",
    "badge": "Badge",
    "gift": "Gift",
    "voucher": "Voucher",
    "day_off": "Day off",
    "other": "Other",
}

SUBMITTED = "submitted"
APPROVED = "approved"
DECLINED = "declined"
AWARDED = "awarded"
STATUSES = (SUBMITTED, APPROVED, DECLINED, AWARDED)
STATUS_LABELS = {
    SUBMITTED: "Submitted",
    APPROVED: "Approved",
    DECLINED: "Declined",
    AWARDED: "Awarded",
}
PUBLIC_STATUSES = (APPROVED, AWARDED)  # what the wall shows and everyone may see


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Category(db.Model):
    """What is rewarded (a company value, "customer hero") and how: the reward and what it costs."""

    __tablename__ = "recognition_category"
    __table_args__ = (
        CheckConstraint(_in("reward_kind", REWARD_KINDS), name="known_reward_kind"),
        CheckConstraint("reward_value >= 0", name="reward_value_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    description: Mapped[str] = mapped_column(String(500), default="")
    reward_kind: Mapped[str] = mapped_column(String(10))
    reward: Mapped[str] = mapped_column(String(200))  # what the winner gets, in words
    reward_value: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))  # its cost
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # A company value: quick thanks are given under these (nominations under any category).
    company_value: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    def __repr__(self) -> str:
        return f"<Category {self.id} {self.name!r}>"


class AwardCycle(db.Model):
    """A period (a month, a quarter, a year) with its nomination window and optional budget."""

    __tablename__ = "award_cycle"
    __table_args__ = (
        CheckConstraint(_in("cadence", CADENCES), name="known_cadence"),
        CheckConstraint("period_end >= period_start", name="period"),
        CheckConstraint("closes_on >= opens_on", name="window"),
        CheckConstraint("budget IS NULL OR budget >= 0", name="budget_positive"),
        Index("ix_award_cycle_window", "opens_on", "closes_on"),
        Index("ix_award_cycle_period", "period_start", "period_end"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    cadence: Mapped[str] = mapped_column(String(10))
    period_start: Mapped[date]
    period_end: Mapped[date]
    opens_on: Mapped[date]  # the nomination window, both days included
    closes_on: Mapped[date]
    budget: Mapped[Decimal | None] = mapped_column(Money)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now, onupdate=clock.now)

    created_by: Mapped[Person | None] = relationship()

    def __repr__(self) -> str:
        return f"<AwardCycle {self.id} {self.name!r}>"

    def is_open_on(self, day: date) -> bool:
        return self.opens_on <= day <= self.closes_on


nomination_praise = Table(
    "nomination_praise",
    db.metadata,
    Column("nomination_id", ForeignKey("nomination.id", ondelete="CASCADE"), primary_key=True),
    Column("praise_id", ForeignKey("praise.id"), primary_key=True, index=True),
)


class Nomination(db.Model):
    """One employee recognising a peer: submitted → approved or declined → awarded."""

    __tablename__ = "nomination"
    __table_args__ = (
        # At most once per nominee per nominator per cycle, even under concurrent submits.
        UniqueConstraint("cycle_id", "nominator_id", "nominee_id"),
        CheckConstraint("nominator_id <> nominee_id", name="not_self"),
        CheckConstraint(_in("status", STATUSES), name="known_status"),
        CheckConstraint("reward_value IS NULL OR reward_value >= 0", name="reward_value_positive"),
        Index("ix_nomination_wall", "status", "recognised_at"),
        # Newest first, straight from an index: the wall (recognised) and the lists (created).
        Index("ix_nomination_recognised", "recognised_at", "id"),
        Index("ix_nomination_created", "created_at", "id"),
        # The scorecards' given and received of a period, read from the index alone.
        Index("ix_nomination_created_cover", "created_at", "status", "nominator_id", "nominee_id"),
        # The leaderboards' awards and approvals of a period, read from the index alone.
        Index("ix_nomination_awarded", "awarded_at", "status", "nominee_id"),
        Index("ix_nomination_reviewed", "reviewed_at", "status", "nominee_id"),
        Index("ix_nomination_cycle_status", "cycle_id", "status"),
        Index("ix_nomination_nominee_status", "nominee_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("award_cycle.id"))
    category_id: Mapped[int] = mapped_column(ForeignKey("recognition_category.id"), index=True)
    nominator_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    nominee_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default=SUBMITTED)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    reviewed_at: Mapped[datetime | None]
    decline_reason: Mapped[str | None] = mapped_column(String(500))
    awarded_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    awarded_at: Mapped[datetime | None]
    reward: Mapped[str | None] = mapped_column(String(200))
    reward_value: Mapped[Decimal | None] = mapped_column(Money)
    # When it last reached the wall (approval, then award): the wall's order.
    recognised_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now, onupdate=clock.now)

    cycle: Mapped[AwardCycle] = relationship()
    category: Mapped[Category] = relationship()
    nominator: Mapped[Person] = relationship(foreign_keys=[nominator_id])
    nominee: Mapped[Person] = relationship(foreign_keys=[nominee_id])
    reviewed_by: Mapped[Person | None] = relationship(foreign_keys=[reviewed_by_id])
    awarded_by: Mapped[Person | None] = relationship(foreign_keys=[awarded_by_id])
    praise: Mapped[list[Praise]] = relationship(
        secondary=nomination_praise, order_by=Praise.received_at.desc()
    )

    def __repr__(self) -> str:
        return f"<Nomination {self.id} {self.nominator_id}→{self.nominee_id} {self.status}>"

    @property
    def praise_ids(self) -> list[int]:
        return [praise.id for praise in self.praise]

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES


class RecognitionPoints(db.Model):
    """Leaderboard points per person × month, quarter and year: the counts of what earned
    them, kept in the same transaction as the nominations, praise and thanks they count
    (services/points.py), so a board reads one row per person instead of every event."""

    __tablename__ = "recognition_points"
    __table_args__ = (
        CheckConstraint(_in("period", GRAINS), name="known_period"),
        # A board walks one period's rows by points, highest first, and stops at its size.
        Index("ix_recognition_points_board", "period", "period_start", "points", "person_id"),
    )

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), primary_key=True)
    period: Mapped[str] = mapped_column(String(10), primary_key=True)  # month, quarter, year
    period_start: Mapped[date] = mapped_column(Date, primary_key=True)
    points: Mapped[int]
    awards: Mapped[int]
    approvals: Mapped[int]
    praise: Mapped[int]
    thanks: Mapped[int]

    def __repr__(self) -> str:
        return (
            f"<RecognitionPoints {self.person_id} {self.period} {self.period_start} {self.points}>"
        )


# -- quick thanks and the wall's answers -------------------------------------------------

NOMINATION = "nomination"
THANKS = "thanks"
ITEM_KINDS = (NOMINATION, THANKS)  # what the wall shows, and what reactions and comments answer


class Thanks(db.Model):
    """A public thank-you to a colleague under a company value: no review, straight to the wall."""

    __tablename__ = "thanks"
    __table_args__ = (
        CheckConstraint("giver_id <> recipient_id", name="not_self"),
        # The daily allowance counts a giver's thanks of one day.
        Index("ix_thanks_giver_day", "giver_id", "given_on"),
        # Newest first, straight from an index: the wall.
        Index("ix_thanks_created", "created_at", "id"),
        Index("ix_thanks_recipient_created", "recipient_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    giver_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    recipient_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    category_id: Mapped[int] = mapped_column(ForeignKey("recognition_category.id"), index=True)
    praise_id: Mapped[int | None] = mapped_column(ForeignKey("praise.id"), index=True)
    message: Mapped[str] = mapped_column(Text)
    given_on: Mapped[date] = mapped_column(Date)  # the organisation's day (clock.today())
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    giver: Mapped[Person] = relationship(foreign_keys=[giver_id])
    recipient: Mapped[Person] = relationship(foreign_keys=[recipient_id])
    category: Mapped[Category] = relationship()
    praise: Mapped[Praise | None] = relationship()

    def __repr__(self) -> str:
        return f"<Thanks {self.id} {self.giver_id}→{self.recipient_id}>"


class Reaction(db.Model):
    """One person's reaction (from a small fixed set) to one wall item; at most one of each."""

    __tablename__ = "reaction"
    __table_args__ = (
        UniqueConstraint("item_kind", "item_id", "person_id", "reaction"),
        CheckConstraint(_in("item_kind", ITEM_KINDS), name="known_item_kind"),
        Index("ix_reaction_item", "item_kind", "item_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_kind: Mapped[str] = mapped_column(String(10))
    item_id: Mapped[int]
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    reaction: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    def __repr__(self) -> str:
        return f"<Reaction {self.item_kind} {self.item_id} {self.person_id} {self.reaction}>"


class Comment(db.Model):
    """A short comment on a wall item, shown with its author's name."""

    __tablename__ = "comment"
    __table_args__ = (
        CheckConstraint(_in("item_kind", ITEM_KINDS), name="known_item_kind"),
        Index("ix_comment_item", "item_kind", "item_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_kind: Mapped[str] = mapped_column(String(10))
    item_id: Mapped[int]
    author_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    text: Mapped[str] = mapped_column(String(1000))  # the service's limit is lower
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    author: Mapped[Person] = relationship()

    def __repr__(self) -> str:
        return f"<Comment {self.id} on {self.item_kind} {self.item_id}>"
