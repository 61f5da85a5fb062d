"""CX ambassador enrolments, CX projects under initiatives, time entries and sent reminders.

Revision ID: 8e8306e27f64
Revises: c7c5e1b87f5f
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "8e8306e27f64"
down_revision = "c7c5e1b87f5f"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "ambassador_enrolment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("allocation_hours_per_week", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("allocation_percent", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'approved', 'declined')",
            name=op.f("ck_ambassador_enrolment_known_status"),
        ),
        sa.CheckConstraint(
            "allocation_hours_per_week > 0",
            name=op.f("ck_ambassador_enrolment_allocation_positive"),
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR end_date >= start_date",
            name=op.f("ck_ambassador_enrolment_period"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["person.id"],
            name=op.f("fk_ambassador_enrolment_decided_by_id_person"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_ambassador_enrolment_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["person.id"],
            name=op.f("fk_ambassador_enrolment_requested_by_id_person"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ambassador_enrolment")),
    )
    with op.batch_alter_table("ambassador_enrolment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ambassador_enrolment_decided_by_id"), ["decided_by_id"], unique=False
        )
        batch_op.create_index(
            "ix_ambassador_enrolment_person_status", ["person_id", "status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_ambassador_enrolment_requested_by_id"), ["requested_by_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_ambassador_enrolment_status"), ["status"], unique=False
        )

    op.create_table(
        "ambassador_reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_ambassador_reminder_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ambassador_reminder")),
        sa.UniqueConstraint(
            "kind",
            "person_id",
            "period_start",
            name=op.f("uq_ambassador_reminder_kind_person_id_period_start"),
        ),
    )
    with op.batch_alter_table("ambassador_reminder", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ambassador_reminder_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "cx_project",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("goal", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("hours_budget", sa.Numeric(precision=8, scale=2), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('proposed', 'active', 'paused', 'done', 'cancelled')",
            name=op.f("ck_cx_project_known_status"),
        ),
        sa.CheckConstraint(
            "hours_budget IS NULL OR hours_budget >= 0",
            name=op.f("ck_cx_project_budget_not_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiative.id"],
            name=op.f("fk_cx_project_initiative_id_initiative"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["person.id"], name=op.f("fk_cx_project_owner_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cx_project")),
        sa.UniqueConstraint("name", name=op.f("uq_cx_project_name")),
    )
    with op.batch_alter_table("cx_project", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cx_project_initiative_id"), ["initiative_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_cx_project_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_cx_project_status"), ["status"], unique=False)

    op.create_table(
        "time_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("work_date", sa.Date(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("hours", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("rejection_reason", sa.String(length=500), nullable=True),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("insert_sentinel", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "status IN ('draft', 'submitted', 'approved', 'rejected')",
            name=op.f("ck_time_entry_known_status"),
        ),
        sa.CheckConstraint("hours > 0 AND hours <= 24", name=op.f("ck_time_entry_hours_range")),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["person.id"], name=op.f("fk_time_entry_decided_by_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_time_entry_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["cx_project.id"], name=op.f("fk_time_entry_project_id_cx_project")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_time_entry")),
    )
    with op.batch_alter_table("time_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_time_entry_decided_by_id"), ["decided_by_id"], unique=False
        )
        batch_op.create_index("ix_time_entry_person_date", ["person_id", "work_date"], unique=False)
        batch_op.create_index(
            "ix_time_entry_person_week", ["person_id", "week_start", "status"], unique=False
        )
        batch_op.create_index(
            "ix_time_entry_project_date", ["project_id", "work_date"], unique=False
        )
        batch_op.create_index(
            "ix_time_entry_status_submitted", ["status", "submitted_at"], unique=False
        )
        batch_op.create_index("ix_time_entry_work_date", ["work_date"], unique=False)


def downgrade():
    with op.batch_alter_table("time_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_time_entry_work_date")
        batch_op.drop_index("ix_time_entry_status_submitted")
        batch_op.drop_index("ix_time_entry_project_date")
        batch_op.drop_index("ix_time_entry_person_week")
        batch_op.drop_index("ix_time_entry_person_date")
        batch_op.drop_index(batch_op.f("ix_time_entry_decided_by_id"))

    op.drop_table("time_entry")
    with op.batch_alter_table("cx_project", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cx_project_status"))
        batch_op.drop_index(batch_op.f("ix_cx_project_owner_id"))
        batch_op.drop_index(batch_op.f("ix_cx_project_initiative_id"))

    op.drop_table("cx_project")
    with op.batch_alter_table("ambassador_reminder", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ambassador_reminder_person_id"))

    op.drop_table("ambassador_reminder")
    with op.batch_alter_table("ambassador_enrolment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ambassador_enrolment_status"))
        batch_op.drop_index(batch_op.f("ix_ambassador_enrolment_requested_by_id"))
        batch_op.drop_index("ix_ambassador_enrolment_person_status")
        batch_op.drop_index(batch_op.f("ix_ambassador_enrolment_decided_by_id"))

    op.drop_table("ambassador_enrolment")
