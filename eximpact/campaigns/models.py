"""Campaigns, their KPIs and stakeholders; initiatives and their rollout to teams."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eximpact import clock
from eximpact.extensions import db
from eximpact.org.models import Person, Team

PILLARS = ("inform", "inspire", "instruct", "engage", "reward")
PILLAR_LABELS = {
    "inform": "Inform",
    "inspire": "Inspire",
    "instruct": "Instruct",
    "engage": "Engage",
    "reward": "Reward",
}
PILLAR_TEMKIN = {  # Temkin's own words, shown beside ours
    "inform": "Inform",
    "inspire": "Inspire",
    "instruct": "Instruct",
    "engage": "Involve",
    "reward": "Incent",
}
DRAFT, PLANNED, IN_PROGRESS, DONE, CANCELLED = (
    "draft",
    "planned",
    "in_progress",
    "done",
    "cancelled",
)
STATUSES = (DRAFT, PLANNED, IN_PROGRESS, DONE, CANCELLED)
STATUS_LABELS = {
    DRAFT: "Draft",
    PLANNED: "Planned",
    IN_PROGRESS: "In progress",
    DONE: "Done",
    CANCELLED: "Cancelled",
}
COUNTED_STATUSES = (PLANNED, IN_PROGRESS, DONE)  # drafts and cancelled do not count
RUNNING_STATUSES = (PLANNED, IN_PROGRESS)  # what teams are still rolling out
FREQUENCIES = ("once", "weekly", "biweekly", "monthly", "quarterly", "yearly")
FREQUENCY_LABELS = {
    "once": "Once (the whole period)",
    "weekly": "Every week",
    "biweekly": "Every two weeks",
    "monthly": "Every month",
    "quarterly": "Every quarter",
    "yearly": "Every year",
}
NOT_REQUIRED, PENDING, APPROVED, REJECTED = "not_required", "pending", "approved", "rejected"
APPROVAL_STATES = (NOT_REQUIRED, PENDING, APPROVED, REJECTED)
APPROVAL_LABELS = {
    NOT_REQUIRED: "Not required",
    PENDING: "Waiting for approval",
    APPROVED: "Approved",
    REJECTED: "Rejected",
}
NOT_STARTED = "not_started"  # a rollout's first state; then IN_PROGRESS and DONE
ROLLOUT_STATUSES = (NOT_STARTED, IN_PROGRESS, DONE)
ROLLOUT_LABELS = {NOT_STARTED: "Not started", IN_PROGRESS: "In progress", DONE: "Done"}
STAKEHOLDER_GROUPS = ("management", "hr", "finance", "marketing", "other")
STAKEHOLDER_LABELS = {
    "management": "Management",
    "hr": "HR",
    "finance": "Finance",
    "marketing": "Marketing",
    "other": "Other",
}
Money = Numeric(12, 2)


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Campaign(db.Model):
    """A time-boxed EX programme, e.g. "CX culture 2027"."""

    __tablename__ = "campaign"
    __table_args__ = (CheckConstraint("end_date >= start_date", name="period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    goal: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    start_date: Mapped[date] = mapped_column(index=True)
    end_date: Mapped[date] = mapped_column(index=True)
    budget: Mapped[Decimal | None] = mapped_column(Money)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now, onupdate=clock.now)

    owner: Mapped[Person] = relationship()
    kpis: Mapped[list["Kpi"]] = relationship(
        back_populates="campaign", cascade="all, delete-orphan", order_by="Kpi.position"
    )
    stakeholders: Mapped[list["Stakeholder"]] = relationship(
        back_populates="campaign", cascade="all, delete-orphan", order_by="Stakeholder.id"
    )

    def __repr__(self) -> str:
        return f"<Campaign {self.id} {self.name!r}>"


class Kpi(db.Model):
    """A key figure the campaign wants to move: NPS, eNPS, engagement, retention …"""

    __tablename__ = "kpi"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(120))
    unit: Mapped[str] = mapped_column(String(30), default="")
    baseline: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    target: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    actual: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    # Where a live actual comes from (`survey:nps`, `pulse:enps` …); None: typed in.
    source: Mapped[str | None] = mapped_column(String(60))

    campaign: Mapped[Campaign] = relationship(back_populates="kpis")

    def __repr__(self) -> str:
        return f"<Kpi {self.id} {self.name!r}>"


class Stakeholder(db.Model):
    """Who is involved: a person, or a name typed in (an agency, a board)."""

    __tablename__ = "stakeholder"
    __table_args__ = (
        CheckConstraint(_in("stakeholder_group", STAKEHOLDER_GROUPS), name="known_group"),
        CheckConstraint("person_id IS NOT NULL OR name IS NOT NULL", name="who"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    stakeholder_group: Mapped[str] = mapped_column(String(20))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    name: Mapped[str | None] = mapped_column(String(160))

    campaign: Mapped[Campaign] = relationship(back_populates="stakeholders")
    person: Mapped[Person | None] = relationship()

    def __repr__(self) -> str:
        return f"<Stakeholder {self.id} {self.stakeholder_group}>"

    @property
    def display_name(self) -> str:
        return self.person.name if self.person else (self.name or "")


class Initiative(db.Model):
    """One planned action under exactly one pillar, with its communication plan."""

    __tablename__ = "initiative"
    __table_args__ = (
        CheckConstraint(_in("pillar", PILLARS), name="known_pillar"),
        CheckConstraint(_in("status", STATUSES), name="known_status"),
        CheckConstraint(_in("frequency", FREQUENCIES), name="known_frequency"),
        CheckConstraint(_in("approval_state", APPROVAL_STATES), name="known_approval_state"),
        CheckConstraint("progress BETWEEN 0 AND 100", name="progress_range"),
        CheckConstraint("end_date >= start_date", name="period"),
        # The dashboard and the lists filter a campaign's initiatives by these.
        Index("ix_initiative_campaign_pillar", "campaign_id", "pillar"),
        Index("ix_initiative_campaign_status", "campaign_id", "status"),
        Index("ix_initiative_dates", "start_date", "end_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"), index=True)
    pillar: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    start_date: Mapped[date]
    end_date: Mapped[date]
    status: Mapped[str] = mapped_column(String(16), default=DRAFT, index=True)
    progress: Mapped[int] = mapped_column(default=0)
    budget: Mapped[Decimal | None] = mapped_column(Money)
    actual_cost: Mapped[Decimal | None] = mapped_column(Money)
    two_way: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    quick_win: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The communication plan: sender, audience, trigger/content, channel/form, tools,
    # frequency and approval (the audience teams are the rollout rows).
    sender: Mapped[str] = mapped_column(String(200), default="")
    audience: Mapped[str] = mapped_column(String(300), default="")
    trigger: Mapped[str] = mapped_column(String(300), default="")
    channel: Mapped[str] = mapped_column(String(200), default="")
    tools: Mapped[str] = mapped_column(String(300), default="")
    frequency: Mapped[str] = mapped_column(String(16), default="once")
    approval_state: Mapped[str] = mapped_column(String(16), default=NOT_REQUIRED)
    approver_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    approval_requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    approval_comment: Mapped[str] = mapped_column(String(500), default="")
    # Outcomes, filled in as it happens.
    reach: Mapped[int | None]
    attendance: Mapped[int | None]
    feedback_score: Mapped[Decimal | None] = mapped_column(Numeric(4, 1))
    template_key: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now, onupdate=clock.now)

    campaign: Mapped[Campaign] = relationship()
    owner: Mapped[Person] = relationship(foreign_keys=[owner_id])
    approver: Mapped[Person | None] = relationship(foreign_keys=[approver_id])
    approval_requested_by: Mapped[Person | None] = relationship(
        foreign_keys=[approval_requested_by_id]
    )
    rollouts: Mapped[list["Rollout"]] = relationship(
        back_populates="initiative", cascade="all, delete-orphan", order_by="Rollout.id"
    )

    def __repr__(self) -> str:
        return f"<Initiative {self.id} {self.pillar} {self.title!r}>"

    @property
    def audience_team_ids(self) -> list[int]:
        return [rollout.team_id for rollout in self.rollouts]

    @property
    def counts(self) -> bool:
        """Drafts and cancelled initiatives do not count in the programme's figures."""
        return self.status in COUNTED_STATUSES


class Rollout(db.Model):
    """The cascade: one row per audience team, kept up to date by that team's manager."""

    __tablename__ = "rollout"
    __table_args__ = (
        UniqueConstraint("initiative_id", "team_id"),
        CheckConstraint(_in("status", ROLLOUT_STATUSES), name="known_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiative.id", ondelete="CASCADE"), index=True
    )
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=NOT_STARTED)
    note: Mapped[str] = mapped_column(String(1000), default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    updated_at: Mapped[datetime] = mapped_column(default=clock.now, onupdate=clock.now)

    initiative: Mapped[Initiative] = relationship(back_populates="rollouts")
    team: Mapped[Team] = relationship()
    updated_by: Mapped[Person | None] = relationship()

    def __repr__(self) -> str:
        return f"<Rollout {self.initiative_id}:{self.team_id} {self.status}>"
