"""Hours per person × project × month × state (`hours_month`), kept with the entries.

The hours reports sum it for whole months instead of every entry (issue 10); the time
entries already there are summed into it here, so the figures are right from the start.

Revision ID: 49901f364964
Revises: 17846e11ec8b
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "49901f364964"
down_revision = "17846e11ec8b"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "hours_month",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("hours", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('draft', 'submitted', 'approved', 'rejected')",
            name=op.f("ck_hours_month_known_status"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_hours_month_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["cx_project.id"], name=op.f("fk_hours_month_project_id_cx_project")
        ),
        sa.PrimaryKeyConstraint(
            "person_id", "project_id", "month", "status", name=op.f("pk_hours_month")
        ),
    )
    with op.batch_alter_table("hours_month", schema=None) as batch_op:
        batch_op.create_index(
            "ix_hours_month_month",
            ["month", "status", "project_id", "person_id", "hours", "entries"],
            unique=False,
        )
        batch_op.create_index(
            "ix_hours_month_project", ["project_id", "status", "hours"], unique=False
        )
    op.execute(BACKFILL[op.get_bind().dialect.name])


BACKFILL = {
    "postgresql": (
        "INSERT INTO hours_month (person_id, project_id, month, status, hours, entries) "
        "SELECT person_id, project_id, CAST(date_trunc('month', work_date) AS DATE), status, "
        "SUM(hours), COUNT(*) FROM time_entry "
        "GROUP BY person_id, project_id, CAST(date_trunc('month', work_date) AS DATE), status"
    ),
    "sqlite": (
        "INSERT INTO hours_month (person_id, project_id, month, status, hours, entries) "
        "SELECT person_id, project_id, date(work_date, 'start of month'), status, "
        "SUM(hours), COUNT(*) FROM time_entry "
        "GROUP BY person_id, project_id, date(work_date, 'start of month'), status"
    ),
}


def downgrade():
    with op.batch_alter_table("hours_month", schema=None) as batch_op:
        batch_op.drop_index("ix_hours_month_project")
        batch_op.drop_index("ix_hours_month_month")
    op.drop_table("hours_month")
