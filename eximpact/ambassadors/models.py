"""Ambassador enrolments, CX projects, the time ambassadors log on them, and sent reminders."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, orm_insert_sentinel, relationship, validates

from eximpact import clock
from eximpact.campaigns.models import Initiative
from eximpact.extensions import db
from eximpact.org.models import Person

ENROLMENT_PENDING, ENROLMENT_APPROVED, ENROLMENT_DECLINED = "pending", "approved", "declined"
ENROLMENT_STATUSES = (ENROLMENT_PENDING, ENROLMENT_APPROVED, ENROLMENT_DECLINED)
ENROLMENT_LABELS = {
    ENROLMENT_PENDING: "Waiting for approval",
    ENROLMENT_APPROVED: "Approved",
    ENROLMENT_DECLINED: "Declined",
}
PROPOSED, ACTIVE, PAUSED, DONE, CANCELLED = "proposed", "active", "paused", "done", "cancelled"
PROJECT_STATUSES = (PROPOSED, ACTIVE, PAUSED, DONE, CANCELLED)
PROJECT_LABELS = {
    PROPOSED: "Proposed",
    ACTIVE: "Active",
    PAUSED: "Paused",
    DONE: "Done",
    CANCELLED: "Cancelled",
}
DRAFT, SUBMITTED, APPROVED, REJECTED = "draft", "submitted", "approved", "rejected"
ENTRY_STATUSES = (DRAFT, SUBMITTED, APPROVED, REJECTED)
ENTRY_LABELS = {
    DRAFT: "Draft",
    SUBMITTED: "Submitted",
    APPROVED: "Approved",
    REJECTED: "Rejected",
}
EDITABLE_STATUSES = (DRAFT, REJECTED)  # the ambassador may change these; the rest are locked
Hours = Numeric(5, 2)


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def monday_of(day: date) -> date:
    """The Monday of `day`'s week: weeks run Monday to Sunday, as ISO weeks do."""
    return day - timedelta(days=day.weekday())


class Enrolment(db.Model):
    """A person's agreement to give part of their week to CX projects, approved by their manager."""

    __tablename__ = "ambassador_enrolment"
    __table_args__ = (
        CheckConstraint(_in("status", ENROLMENT_STATUSES), name="known_status"),
        CheckConstraint("allocation_hours_per_week > 0", name="allocation_positive"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="period"),
        Index("ix_ambassador_enrolment_person_status", "person_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    allocation_hours_per_week: Mapped[Decimal] = mapped_column(Hours)
    # What was agreed when it was given as a share of the working week (for display).
    allocation_percent: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(12), default=ENROLMENT_PENDING, index=True)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    decided_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now, onupdate=clock.now)

    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    requested_by: Mapped[Person | None] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[Person | None] = relationship(foreign_keys=[decided_by_id])

    def __repr__(self) -> str:
        return f"<Enrolment {self.id} person={self.person_id} {self.status}>"

    def covers(self, day: date) -> bool:
        """True when `day` falls inside the enrolment's period (whatever its status)."""
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


class CxProject(db.Model):
    """Something ambassadors work on, under an initiative (usually in the Engage pillar)."""

    __tablename__ = "cx_project"
    __table_args__ = (
        CheckConstraint(_in("status", PROJECT_STATUSES), name="known_status"),
        CheckConstraint("hours_budget IS NULL OR hours_budget >= 0", name="budget_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160), unique=True)
    goal: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiative.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default=PROPOSED, index=True)
    hours_budget: Mapped[Decimal | None] = mapped_column(Numeric(8, 2))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now, onupdate=clock.now)

    owner: Mapped[Person] = relationship()
    initiative: Mapped[Initiative] = relationship()

    def __repr__(self) -> str:
        return f"<CxProject {self.id} {self.name!r} {self.status}>"

    @property
    def takes_time(self) -> bool:
        return self.status == ACTIVE


class TimeEntry(db.Model):
    """Hours one ambassador gave to one CX project on one day."""

    __tablename__ = "time_entry"
    __table_args__ = (
        CheckConstraint(_in("status", ENTRY_STATUSES), name="known_status"),
        CheckConstraint("hours > 0 AND hours <= 24", name="hours_range"),
        # The timesheet, day totals and reminders read a person's days and weeks.
        Index("ix_time_entry_person_date", "person_id", "work_date"),
        Index("ix_time_entry_person_week", "person_id", "week_start", "status"),
        # Project pages and reports read a project's entries over a period.
        Index("ix_time_entry_project_date", "project_id", "work_date"),
        # The approval queue and reminders look for what has waited longest.
        Index("ix_time_entry_status_submitted", "status", "submitted_at"),
        # ... and groups them by person and week, from this index alone (covering).
        Index("ix_time_entry_queue", "status", "person_id", "week_start", "submitted_at", "hours"),
        Index("ix_time_entry_work_date", "work_date", "id"),  # the API's order, no extra sort
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # active_history: the hours rollup (services/rollup.py) needs the old value of each
    # summed column when it changes, even on an entry whose attributes had expired.
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), active_history=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("cx_project.id"), active_history=True)
    work_date: Mapped[date] = mapped_column(active_history=True)
    # Monday of work_date's week, kept with it: weeks are what people submit and approve.
    week_start: Mapped[date] = mapped_column(Date)
    hours: Mapped[Decimal] = mapped_column(Hours, active_history=True)
    note: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(12), default=DRAFT, active_history=True)
    rejection_reason: Mapped[str | None] = mapped_column(String(500))
    submitted_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now, onupdate=clock.now)
    # Lets a batch of entries go in as one multi-row INSERT … RETURNING on SQLite too,
    # which cannot otherwise tell which new id belongs to which row (SQLAlchemy's
    # "insertmanyvalues" sentinel; nothing reads it).
    _sentinel: Mapped[int | None] = orm_insert_sentinel("insert_sentinel")

    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    project: Mapped[CxProject] = relationship()
    decided_by: Mapped[Person | None] = relationship(foreign_keys=[decided_by_id])

    def __repr__(self) -> str:
        return f"<TimeEntry {self.id} person={self.person_id} {self.work_date} {self.status}>"

    @validates("work_date")
    def _keep_week_start(self, _key: str, value: date) -> date:
        self.week_start = monday_of(value)
        return value

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class HoursMonth(db.Model):
    """Hours per person × project × month × state: the sum of their time entries, kept in
    the same transaction as the entries (services/rollup.py), so a year's report sums a
    few rows per ambassador instead of every entry. The scorecards read it too."""

    __tablename__ = "hours_month"
    __table_args__ = (
        CheckConstraint(_in("status", ENTRY_STATUSES), name="known_status"),
        # Reports read a period's months; the other columns make the index cover them.
        Index(
            "ix_hours_month_month", "month", "status", "project_id", "person_id", "hours", "entries"
        ),
        # Hours used per project (project pages, budget use) read a project's rows only.
        Index("ix_hours_month_project", "project_id", "status", "hours"),
    )

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("cx_project.id"), primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)  # its first day
    status: Mapped[str] = mapped_column(String(12), primary_key=True)
    hours: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    entries: Mapped[int]


class AmbassadorReminder(db.Model):
    """One reminder e-mail queued: the unique key makes `flask reminders send` idempotent."""

    __tablename__ = "ambassador_reminder"
    __table_args__ = (UniqueConstraint("kind", "person_id", "period_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    period_start: Mapped[date]  # the week reminded of, or the day of an approvals reminder
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    def __repr__(self) -> str:
        return f"<AmbassadorReminder {self.kind} person={self.person_id} {self.period_start}>"
