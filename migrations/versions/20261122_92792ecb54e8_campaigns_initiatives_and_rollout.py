"""Campaigns with KPIs and stakeholders; initiatives under the five pillars; rollout to teams.

Revision ID: 92792ecb54e8
Revises: cb43fbce271b
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "92792ecb54e8"
down_revision = "cb43fbce271b"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "campaign",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("goal", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("budget", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("end_date >= start_date", name=op.f("ck_campaign_period")),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["person.id"], name=op.f("fk_campaign_owner_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign")),
    )
    with op.batch_alter_table("campaign", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_campaign_end_date"), ["end_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_campaign_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_campaign_start_date"), ["start_date"], unique=False)

    op.create_table(
        "initiative",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("pillar", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("budget", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("actual_cost", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("two_way", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("quick_win", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("sender", sa.String(length=200), nullable=False),
        sa.Column("audience", sa.String(length=300), nullable=False),
        sa.Column("trigger", sa.String(length=300), nullable=False),
        sa.Column("channel", sa.String(length=200), nullable=False),
        sa.Column("tools", sa.String(length=300), nullable=False),
        sa.Column("frequency", sa.String(length=16), nullable=False),
        sa.Column("approval_state", sa.String(length=16), nullable=False),
        sa.Column("approver_id", sa.Integer(), nullable=True),
        sa.Column("approval_requested_by_id", sa.Integer(), nullable=True),
        sa.Column("approval_comment", sa.String(length=500), nullable=False),
        sa.Column("reach", sa.Integer(), nullable=True),
        sa.Column("attendance", sa.Integer(), nullable=True),
        sa.Column("feedback_score", sa.Numeric(precision=4, scale=1), nullable=True),
        sa.Column("template_key", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "approval_state IN ('not_required', 'pending', 'approved', 'rejected')",
            name=op.f("ck_initiative_known_approval_state"),
        ),
        sa.CheckConstraint(
            "frequency IN ('once', 'weekly', 'biweekly', 'monthly', 'quarterly', 'yearly')",
            name=op.f("ck_initiative_known_frequency"),
        ),
        sa.CheckConstraint(
            "pillar IN ('inform', 'inspire', 'instruct', 'engage', 'reward')",
            name=op.f("ck_initiative_known_pillar"),
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'planned', 'in_progress', 'done', 'cancelled')",
            name=op.f("ck_initiative_known_status"),
        ),
        sa.CheckConstraint("end_date >= start_date", name=op.f("ck_initiative_period")),
        sa.CheckConstraint("progress BETWEEN 0 AND 100", name=op.f("ck_initiative_progress_range")),
        sa.ForeignKeyConstraint(
            ["approval_requested_by_id"],
            ["person.id"],
            name=op.f("fk_initiative_approval_requested_by_id_person"),
        ),
        sa.ForeignKeyConstraint(
            ["approver_id"], ["person.id"], name=op.f("fk_initiative_approver_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_initiative_campaign_id_campaign")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["person.id"], name=op.f("fk_initiative_owner_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_initiative")),
    )
    with op.batch_alter_table("initiative", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_initiative_approver_id"), ["approver_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_initiative_campaign_id"), ["campaign_id"], unique=False
        )
        batch_op.create_index(
            "ix_initiative_campaign_pillar", ["campaign_id", "pillar"], unique=False
        )
        batch_op.create_index(
            "ix_initiative_campaign_status", ["campaign_id", "status"], unique=False
        )
        batch_op.create_index("ix_initiative_dates", ["start_date", "end_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_initiative_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_initiative_status"), ["status"], unique=False)

    op.create_table(
        "kpi",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("unit", sa.String(length=30), nullable=False),
        sa.Column("baseline", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("target", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("actual", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_kpi_campaign_id_campaign"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kpi")),
    )
    with op.batch_alter_table("kpi", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kpi_campaign_id"), ["campaign_id"], unique=False)

    op.create_table(
        "stakeholder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("stakeholder_group", sa.String(length=20), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=160), nullable=True),
        sa.CheckConstraint(
            "stakeholder_group IN ('management', 'hr', 'finance', 'marketing', 'other')",
            name=op.f("ck_stakeholder_known_group"),
        ),
        sa.CheckConstraint(
            "person_id IS NOT NULL OR name IS NOT NULL", name=op.f("ck_stakeholder_who")
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_stakeholder_campaign_id_campaign"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_stakeholder_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stakeholder")),
    )
    with op.batch_alter_table("stakeholder", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stakeholder_campaign_id"), ["campaign_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_stakeholder_person_id"), ["person_id"], unique=False)

    op.create_table(
        "rollout",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('not_started', 'in_progress', 'done')", name=op.f("ck_rollout_known_status")
        ),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiative.id"],
            name=op.f("fk_rollout_initiative_id_initiative"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_rollout_team_id_team")),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["person.id"], name=op.f("fk_rollout_updated_by_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rollout")),
        sa.UniqueConstraint(
            "initiative_id", "team_id", name=op.f("uq_rollout_initiative_id_team_id")
        ),
    )
    with op.batch_alter_table("rollout", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rollout_initiative_id"), ["initiative_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_rollout_team_id"), ["team_id"], unique=False)


def downgrade():
    with op.batch_alter_table("rollout", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rollout_team_id"))
        batch_op.drop_index(batch_op.f("ix_rollout_initiative_id"))

    op.drop_table("rollout")
    with op.batch_alter_table("stakeholder", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stakeholder_person_id"))
        batch_op.drop_index(batch_op.f("ix_stakeholder_campaign_id"))

    op.drop_table("stakeholder")
    with op.batch_alter_table("kpi", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kpi_campaign_id"))

    op.drop_table("kpi")
    with op.batch_alter_table("initiative", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_initiative_status"))
        batch_op.drop_index(batch_op.f("ix_initiative_owner_id"))
        batch_op.drop_index("ix_initiative_dates")
        batch_op.drop_index("ix_initiative_campaign_status")
        batch_op.drop_index("ix_initiative_campaign_pillar")
        batch_op.drop_index(batch_op.f("ix_initiative_campaign_id"))
        batch_op.drop_index(batch_op.f("ix_initiative_approver_id"))

    op.drop_table("initiative")
    with op.batch_alter_table("campaign", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_campaign_start_date"))
        batch_op.drop_index(batch_op.f("ix_campaign_owner_id"))
        batch_op.drop_index(batch_op.f("ix_campaign_end_date"))

    op.drop_table("campaign")
