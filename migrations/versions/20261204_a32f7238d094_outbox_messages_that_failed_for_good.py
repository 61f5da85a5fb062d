"""Outbox messages that failed for good (`outbox_message.failed_at`), found by channel.

A chat message that Slack or Teams refused (a 4xx other than 429), or whose channel the
admin removed, is not retried forever: the sender stamps `failed_at`, keeps the reason in
`last_error`, and never claims it again (issue 13 item 6). The chat channels page reads
each channel's newest message through `ix_outbox_message_channel`.

Revision ID: a32f7238d094
Revises: 3bf37d6d1daf
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a32f7238d094"
down_revision = "3bf37d6d1daf"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("failed_at", sa.DateTime(), nullable=True))
        batch_op.create_index("ix_outbox_message_channel", ["channel", "id"], unique=False)


def downgrade():
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_message_channel")
        batch_op.drop_column("failed_at")
