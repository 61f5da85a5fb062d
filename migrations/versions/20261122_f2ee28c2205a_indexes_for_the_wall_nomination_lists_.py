"""Indexes found by `make bench` with years of data.

The recognition wall and the nomination lists read newest first straight from an
index instead of sorting every nomination; deep pages of the time-entry API no
longer sort again to break ties on id.

Revision ID: f2ee28c2205a
Revises: 8e8306e27f64
Create Date: 2026-11-22
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "f2ee28c2205a"
down_revision = "8e8306e27f64"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("nomination", schema=None) as batch_op:
        batch_op.create_index("ix_nomination_created", ["created_at", "id"], unique=False)
        batch_op.create_index("ix_nomination_recognised", ["recognised_at", "id"], unique=False)

    with op.batch_alter_table("time_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_time_entry_work_date"))
        batch_op.create_index("ix_time_entry_work_date", ["work_date", "id"], unique=False)


def downgrade():
    with op.batch_alter_table("time_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_time_entry_work_date")
        batch_op.create_index(batch_op.f("ix_time_entry_work_date"), ["work_date"], unique=False)

    with op.batch_alter_table("nomination", schema=None) as batch_op:
        batch_op.drop_index("ix_nomination_recognised")
        batch_op.drop_index("ix_nomination_created")
