"""In-app notifications, per-person e-mail choices, chat channels; outbox messages get a channel.

`notification` holds each person's inbox (indexed for the unread count), `email_choice`
the kinds a person gets by e-mail where that differs from the default, `chat_channel`
the Slack / Teams incoming-webhook URLs, and `outbox_message.channel` says whether a
message is an e-mail or a chat post (existing rows are e-mails).

Revision ID: 11c6620b16a9
Revises: 5e1a7c0d9b21
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "11c6620b16a9"
down_revision = "5e1a7c0d9b21"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "chat_channel",
        sa.Column("service", sa.String(length=10), nullable=False),
        sa.Column("webhook_url", sa.String(length=500), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "service IN ('slack', 'teams')", name=op.f("ck_chat_channel_known_service")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["person.id"],
            name=op.f("fk_chat_channel_updated_by_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("service", name=op.f("pk_chat_channel")),
    )
    op.create_table(
        "email_choice",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("email", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('praise_received', 'nomination_decided', 'nominated', 'team_recognised', 'waiting_for_you', 'reaction', 'comment', 'thanks_received')",
            name=op.f("ck_email_choice_known_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_email_choice_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", "kind", name=op.f("pk_email_choice")),
    )
    op.create_table(
        "notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("text", sa.String(length=300), nullable=False),
        sa.Column("url", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('praise_received', 'nomination_decided', 'nominated', 'team_recognised', 'waiting_for_you', 'reaction', 'comment', 'thanks_received')",
            name=op.f("ck_notification_known_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_notification_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification")),
    )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.create_index(
            "ix_notification_person_created", ["person_id", "created_at"], unique=False
        )
        batch_op.create_index("ix_notification_person_read", ["person_id", "read_at"], unique=False)

    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("channel", sa.String(length=10), server_default="email", nullable=False)
        )
        batch_op.create_check_constraint(
            op.f("ck_outbox_message_known_channel"), "channel IN ('email', 'slack', 'teams')"
        )


def downgrade():
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_outbox_message_known_channel"), type_="check")
        batch_op.drop_column("channel")

    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_index("ix_notification_person_read")
        batch_op.drop_index("ix_notification_person_created")

    op.drop_table("notification")
    op.drop_table("email_choice")
    op.drop_table("chat_channel")
