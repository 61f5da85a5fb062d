"""People, teams and role assignments.

Every person is an employee; the roles in `EXTRA_ROLES` are granted on top.
People and teams are deactivated, never deleted, so history keeps its names.
"""

import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, String, true
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from eximpact import clock
from eximpact.extensions import db

EMPLOYEE = "employee"
MANAGER = "manager"
HR = "hr"
AMBASSADOR = "ambassador"
ADMIN = "admin"
EXTRA_ROLES = (MANAGER, HR, AMBASSADOR, ADMIN)
ROLE_LABELS = {
    EMPLOYEE: "Employee",
    MANAGER: "Manager",
    HR: "HR / EX lead",
    AMBASSADOR: "CX ambassador",
    ADMIN: "Admin",
}


def normalise_email(email: str) -> str:
    """E-mail addresses are unique case-insensitively: we store them lower-cased."""
    return (email or "").strip().lower()


def new_login_nonce() -> str:
    return secrets.token_hex(16)


class Team(db.Model):
    """A team with a manager and an optional parent, so the hierarchy can be walked."""

    __tablename__ = "team"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    manager_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", use_alter=True), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    # post_update: people point at teams and teams at people; this link is written last.
    manager: Mapped["Person | None"] = relationship(foreign_keys=[manager_id], post_update=True)
    parent: Mapped["Team | None"] = relationship(remote_side=[id])
    members: Mapped[list["Person"]] = relationship(
        back_populates="team", foreign_keys="Person.team_id", viewonly=True
    )

    def __repr__(self) -> str:
        return f"<Team {self.id} {self.name!r}>"


class RoleAssignment(db.Model):
    """One extra role held by one person."""

    __tablename__ = "role_assignment"
    __table_args__ = (
        CheckConstraint("role IN ('manager', 'hr', 'ambassador', 'admin')", name="known_role"),
        Index("ix_role_assignment_role", "role"),
    )

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(20), primary_key=True)

    def __repr__(self) -> str:
        return f"<RoleAssignment {self.person_id} {self.role}>"


class Person(UserMixin, db.Model):
    """Someone who works here, and a user of EX Impact."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true(), index=True)
    # Part of the session id: changing it signs the person out everywhere at once.
    login_nonce: Mapped[str] = mapped_column(String(32), default=new_login_nonce)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now, onupdate=clock.now)

    team: Mapped[Team | None] = relationship(foreign_keys=[team_id], back_populates="members")
    manager: Mapped["Person | None"] = relationship(remote_side=[id])
    role_rows: Mapped[list[RoleAssignment]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )

    def __repr__(self) -> str:
        return f"<Person {self.id} {self.email}>"

    @validates("email")
    def _normalise_email(self, _key: str, value: str) -> str:
        return normalise_email(value)

    @property
    def roles(self) -> frozenset[str]:
        return frozenset({EMPLOYEE, *(row.role for row in self.role_rows)})

    @property
    def extra_roles(self) -> list[str]:
        """The roles held on top of employee, sorted."""
        return sorted(row.role for row in self.role_rows)

    def has_role(self, *roles: str) -> bool:
        """True when the person holds any of `roles`."""
        return not self.roles.isdisjoint(roles)

    def set_roles(self, roles) -> None:
        wanted = {role for role in roles if role in EXTRA_ROLES}
        self.role_rows = [row for row in self.role_rows if row.role in wanted]
        held = {row.role for row in self.role_rows}
        self.role_rows.extend(RoleAssignment(role=role) for role in sorted(wanted - held))

    def end_sessions(self) -> None:
        """Sign the person out of every browser at once."""
        self.login_nonce = new_login_nonce()

    # Flask-Login
    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.login_nonce}"
