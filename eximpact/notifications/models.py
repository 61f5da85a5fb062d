"""The outbox table, the in-app notifications, each person's e-mail choices, chat channels."""

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, String, Text, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eximpact import clock
from eximpact.extensions import db

# What a notification is about, declared once: `notify()`, the settings page, the API
# and the e-mail choices read it. The flag is whether an e-mail goes out by default.
PRAISE_RECEIVED = "praise_received"
NOMINATION_DECIDED = "nomination_decided"
NOMINATED = "nominated"
TEAM_RECOGNISED = "team_recognised"
WAITING_FOR_YOU = "waiting_for_you"
REACTION = "reaction"
COMMENT = "comment"
THANKS_RECEIVED = "thanks_received"
KINDS = {
    PRAISE_RECEIVED: ("A customer praised you", True),
    NOMINATION_DECIDED: ("Your nomination was approved, declined or awarded", True),
    NOMINATED: ("You were recognised or awarded", True),
    TEAM_RECOGNISED: ("Someone in your team was recognised", True),
    WAITING_FOR_YOU: ("Something waits for you: time, nominations, enrolments, outreach", True),
    REACTION: ("Someone reacted to your recognition", False),
    COMMENT: ("Someone commented on your recognition", True),
    THANKS_RECEIVED: ("A colleague thanked you", True),
}
KIND_NAMES = tuple(KINDS)

# Where an outbox message goes: e-mail (to_email), or a chat channel's incoming webhook.
EMAIL = "email"
SLACK = "slack"
TEAMS = "teams"
CHANNELS = (EMAIL, SLACK, TEAMS)


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class OutboxMessage(db.Model):
    __tablename__ = "outbox_message"
    # The sender scans unsent messages that are due.
    __table_args__ = (
        Index("ix_outbox_message_pending", "sent_at", "next_attempt_at"),
        # The chat channels page shows each channel's newest message.
        Index("ix_outbox_message_channel", "channel", "id"),
        CheckConstraint(_in("channel", CHANNELS), name="known_channel"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Chat messages leave it empty: the channel's webhook URL is read when they are sent.
    to_email: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)  # plain text, or the chat message's JSON
    kind: Mapped[str] = mapped_column(String(40), index=True)
    channel: Mapped[str] = mapped_column(String(10), default=EMAIL, server_default=EMAIL)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    next_attempt_at: Mapped[datetime] = mapped_column(default=clock.now)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
    sent_at: Mapped[datetime | None]
    # Given up for good (a chat service refused the message, or its channel was removed):
    # never claimed again; last_error says why.
    failed_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<OutboxMessage {self.id} {self.kind} {self.channel} to {self.to_email}>"


class Notification(db.Model):
    """One item of a person's in-app inbox."""

    __tablename__ = "notification"
    __table_args__ = (
        CheckConstraint(_in("kind", KIND_NAMES), name="known_kind"),
        # The unread count on every page, and the inbox newest first.
        Index("ix_notification_person_read", "person_id", "read_at"),
        Index("ix_notification_person_created", "person_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    text: Mapped[str] = mapped_column(String(300))
    url: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    read_at: Mapped[datetime | None]

    person = relationship("Person")

    @property
    def read(self) -> bool:
        return self.read_at is not None

    def __repr__(self) -> str:
        return f"<Notification {self.id} {self.kind} for {self.person_id}>"


class EmailChoice(db.Model):
    """A person's choice for one kind, stored only where it differs from the kind's default."""

    __tablename__ = "email_choice"
    __table_args__ = (CheckConstraint(_in("kind", KIND_NAMES), name="known_kind"),)

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    email: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    def __repr__(self) -> str:
        return f"<EmailChoice {self.person_id} {self.kind} {self.email}>"


class ChatChannel(db.Model):
    """An incoming-webhook URL the admin set for Slack or Microsoft Teams (one row each)."""

    __tablename__ = "chat_channel"
    __table_args__ = (CheckConstraint(_in("service", (SLACK, TEAMS)), name="known_service"),)

    service: Mapped[str] = mapped_column(String(10), primary_key=True)
    webhook_url: Mapped[str] = mapped_column(String(500))
    updated_at: Mapped[datetime] = mapped_column(default=clock.now, onupdate=clock.now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))

    updated_by = relationship("Person")

    def __repr__(self) -> str:
        return f"<ChatChannel {self.service}>"
