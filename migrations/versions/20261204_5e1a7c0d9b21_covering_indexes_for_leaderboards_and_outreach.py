"""Covering indexes for the leaderboards and the outreach on-time report (issue 10).

The leaderboards sum a period's awards and approvals (`awarded_at` / `reviewed_at`,
`status`, `nominee_id`) and the outreach report groups a period's follow-ups by the
praised person's team (`due_on`, `employee_id`, `status`, `completed_at`): each reads
its rows from one index, without touching the table.

Revision ID: 5e1a7c0d9b21
Revises: 49901f364964
Create Date: 2026-12-04
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "5e1a7c0d9b21"
down_revision = "49901f364964"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_nomination_awarded", "nomination", ["awarded_at", "status", "nominee_id"])
    op.create_index("ix_nomination_reviewed", "nomination", ["reviewed_at", "status", "nominee_id"])
    op.create_index(
        "ix_outreach_due_cover", "outreach", ["due_on", "employee_id", "status", "completed_at"]
    )


def downgrade():
    op.drop_index("ix_outreach_due_cover", table_name="outreach")
    op.drop_index("ix_nomination_reviewed", table_name="nomination")
    op.drop_index("ix_nomination_awarded", table_name="nomination")
