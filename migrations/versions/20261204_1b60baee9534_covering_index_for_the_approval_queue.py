"""A covering index for the approval queue (issue 10).

The queue groups the submitted entries by person and week, longest waiting first
(`status`, `person_id`, `week_start`, `submitted_at`, `hours`): the page and its count
read every row they need from this one index, without touching the table.

Revision ID: 1b60baee9534
Revises: 6d5fe1e37357
Create Date: 2026-12-04
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "1b60baee9534"
down_revision = "6d5fe1e37357"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_time_entry_queue",
        "time_entry",
        ["status", "person_id", "week_start", "submitted_at", "hours"],
    )


def downgrade():
    op.drop_index("ix_time_entry_queue", table_name="time_entry")
