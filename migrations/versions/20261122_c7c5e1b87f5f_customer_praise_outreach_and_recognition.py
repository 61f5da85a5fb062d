"""Customer praise with its people and outreach; award categories, cycles and nominations.

Revision ID: c7c5e1b87f5f
Revises: 92792ecb54e8
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c7c5e1b87f5f"
down_revision = "92792ecb54e8"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "recognition_category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("reward_kind", sa.String(length=10), nullable=False),
        sa.Column("reward", sa.String(length=200), nullable=False),
        sa.Column("reward_value", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "reward_kind IN ('points', 'badge', 'gift', 'voucher', 'day_off', 'other')",
            name=op.f("ck_recognition_category_known_reward_kind"),
        ),
        sa.CheckConstraint(
            "reward_value >= 0", name=op.f("ck_recognition_category_reward_value_positive")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recognition_category")),
        sa.UniqueConstraint("name", name=op.f("uq_recognition_category_name")),
    )
    op.create_table(
        "award_cycle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("cadence", sa.String(length=10), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=False),
        sa.Column("budget", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "cadence IN ('monthly', 'quarterly', 'annual')",
            name=op.f("ck_award_cycle_known_cadence"),
        ),
        sa.CheckConstraint(
            "budget IS NULL OR budget >= 0", name=op.f("ck_award_cycle_budget_positive")
        ),
        sa.CheckConstraint("closes_on >= opens_on", name=op.f("ck_award_cycle_window")),
        sa.CheckConstraint("period_end >= period_start", name=op.f("ck_award_cycle_period")),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["person.id"], name=op.f("fk_award_cycle_created_by_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_award_cycle")),
        sa.UniqueConstraint("name", name=op.f("uq_award_cycle_name")),
    )
    with op.batch_alter_table("award_cycle", schema=None) as batch_op:
        batch_op.create_index("ix_award_cycle_period", ["period_start", "period_end"], unique=False)
        batch_op.create_index("ix_award_cycle_window", ["opens_on", "closes_on"], unique=False)

    op.create_table(
        "praise",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("received_at", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("nps", sa.Integer(), nullable=True),
        sa.Column("engagement_level", sa.Integer(), nullable=True),
        sa.Column("emotion", sa.String(length=20), nullable=True),
        sa.Column("customer_ref", sa.String(length=120), nullable=True),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("intake", sa.String(length=10), nullable=False),
        sa.Column("logged_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "intake IN ('form', 'csv', 'api', 'webhook')", name=op.f("ck_praise_known_intake")
        ),
        sa.CheckConstraint(
            "source IN ('survey', 'nps', 'email', 'call', 'chat', 'social', 'review')",
            name=op.f("ck_praise_known_source"),
        ),
        sa.CheckConstraint(
            "emotion IS NULL OR engagement_level IS NOT NULL", name=op.f("ck_praise_emotion_level")
        ),
        sa.CheckConstraint(
            "engagement_level BETWEEN 1 AND 5", name=op.f("ck_praise_engagement_level_range")
        ),
        sa.CheckConstraint("nps BETWEEN 0 AND 10", name=op.f("ck_praise_nps_range")),
        sa.ForeignKeyConstraint(
            ["logged_by_id"], ["person.id"], name=op.f("fk_praise_logged_by_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_praise")),
        sa.UniqueConstraint("external_id", name=op.f("uq_praise_external_id")),
    )
    with op.batch_alter_table("praise", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_praise_customer_ref"), ["customer_ref"], unique=False)
        batch_op.create_index(batch_op.f("ix_praise_logged_by_id"), ["logged_by_id"], unique=False)
        batch_op.create_index("ix_praise_received", ["received_at", "id"], unique=False)

    op.create_table(
        "nomination",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("nominator_id", sa.Integer(), nullable=False),
        sa.Column("nominee_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reviewed_by_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(), nullable=True),
        sa.Column("decline_reason", sa.String(length=500), nullable=True),
        sa.Column("awarded_by_id", sa.Integer(), nullable=True),
        sa.Column("awarded_at", sa.DateTime(), nullable=True),
        sa.Column("reward", sa.String(length=200), nullable=True),
        sa.Column("reward_value", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("recognised_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('submitted', 'approved', 'declined', 'awarded')",
            name=op.f("ck_nomination_known_status"),
        ),
        sa.CheckConstraint("nominator_id <> nominee_id", name=op.f("ck_nomination_not_self")),
        sa.CheckConstraint(
            "reward_value IS NULL OR reward_value >= 0",
            name=op.f("ck_nomination_reward_value_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["awarded_by_id"], ["person.id"], name=op.f("fk_nomination_awarded_by_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["recognition_category.id"],
            name=op.f("fk_nomination_category_id_recognition_category"),
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"], ["award_cycle.id"], name=op.f("fk_nomination_cycle_id_award_cycle")
        ),
        sa.ForeignKeyConstraint(
            ["nominator_id"], ["person.id"], name=op.f("fk_nomination_nominator_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["nominee_id"], ["person.id"], name=op.f("fk_nomination_nominee_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_by_id"], ["person.id"], name=op.f("fk_nomination_reviewed_by_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nomination")),
        sa.UniqueConstraint(
            "cycle_id",
            "nominator_id",
            "nominee_id",
            name=op.f("uq_nomination_cycle_id_nominator_id_nominee_id"),
        ),
    )
    with op.batch_alter_table("nomination", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_nomination_category_id"), ["category_id"], unique=False
        )
        batch_op.create_index("ix_nomination_cycle_status", ["cycle_id", "status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_nomination_nominator_id"), ["nominator_id"], unique=False
        )
        batch_op.create_index(
            "ix_nomination_nominee_status", ["nominee_id", "status"], unique=False
        )
        batch_op.create_index("ix_nomination_wall", ["status", "recognised_at"], unique=False)

    op.create_table(
        "outreach",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("praise_id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("leader_id", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        sa.Column("completed_by_id", sa.Integer(), nullable=True),
        sa.Column("overdue_notified_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IS NULL OR kind IN ('note', 'call', 'visit')", name=op.f("ck_outreach_known_kind")
        ),
        sa.CheckConstraint(
            "status = 'open' OR (kind IS NOT NULL AND completed_at IS NOT NULL)",
            name=op.f("ck_outreach_done_has_kind"),
        ),
        sa.CheckConstraint("status IN ('open', 'done')", name=op.f("ck_outreach_known_status")),
        sa.ForeignKeyConstraint(
            ["completed_by_id"], ["person.id"], name=op.f("fk_outreach_completed_by_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["person.id"], name=op.f("fk_outreach_employee_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["leader_id"], ["person.id"], name=op.f("fk_outreach_leader_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["praise_id"],
            ["praise.id"],
            name=op.f("fk_outreach_praise_id_praise"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outreach")),
        sa.UniqueConstraint(
            "praise_id", "employee_id", name=op.f("uq_outreach_praise_id_employee_id")
        ),
    )
    with op.batch_alter_table("outreach", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outreach_employee_id"), ["employee_id"], unique=False)
        batch_op.create_index(
            "ix_outreach_leader_status_due", ["leader_id", "status", "due_on"], unique=False
        )
        batch_op.create_index("ix_outreach_status_due", ["status", "due_on"], unique=False)

    op.create_table(
        "praise_employee",
        sa.Column("praise_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_praise_employee_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["praise_id"],
            ["praise.id"],
            name=op.f("fk_praise_employee_praise_id_praise"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("praise_id", "person_id", name=op.f("pk_praise_employee")),
    )
    with op.batch_alter_table("praise_employee", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_praise_employee_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "nomination_praise",
        sa.Column("nomination_id", sa.Integer(), nullable=False),
        sa.Column("praise_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["nomination_id"],
            ["nomination.id"],
            name=op.f("fk_nomination_praise_nomination_id_nomination"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["praise_id"], ["praise.id"], name=op.f("fk_nomination_praise_praise_id_praise")
        ),
        sa.PrimaryKeyConstraint("nomination_id", "praise_id", name=op.f("pk_nomination_praise")),
    )
    with op.batch_alter_table("nomination_praise", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_nomination_praise_praise_id"), ["praise_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("nomination_praise", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_nomination_praise_praise_id"))

    op.drop_table("nomination_praise")
    with op.batch_alter_table("praise_employee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_praise_employee_person_id"))

    op.drop_table("praise_employee")
    with op.batch_alter_table("outreach", schema=None) as batch_op:
        batch_op.drop_index("ix_outreach_status_due")
        batch_op.drop_index("ix_outreach_leader_status_due")
        batch_op.drop_index(batch_op.f("ix_outreach_employee_id"))

    op.drop_table("outreach")
    with op.batch_alter_table("nomination", schema=None) as batch_op:
        batch_op.drop_index("ix_nomination_wall")
        batch_op.drop_index("ix_nomination_nominee_status")
        batch_op.drop_index(batch_op.f("ix_nomination_nominator_id"))
        batch_op.drop_index("ix_nomination_cycle_status")
        batch_op.drop_index(batch_op.f("ix_nomination_category_id"))

    op.drop_table("nomination")
    with op.batch_alter_table("praise", schema=None) as batch_op:
        batch_op.drop_index("ix_praise_received")
        batch_op.drop_index(batch_op.f("ix_praise_logged_by_id"))
        batch_op.drop_index(batch_op.f("ix_praise_customer_ref"))

    op.drop_table("praise")
    with op.batch_alter_table("award_cycle", schema=None) as batch_op:
        batch_op.drop_index("ix_award_cycle_window")
        batch_op.drop_index("ix_award_cycle_period")

    op.drop_table("award_cycle")
    op.drop_table("recognition_category")
