"""External survey results (`external_metric`) and where a campaign KPI's live actual comes from (`kpi.source`).

A survey result is one metric of one team for one period from one source; that
natural key is unique, and so is the sender's `external_id` (issue 12).

Revision ID: 3bf37d6d1daf
Revises: c68b50595f61
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "3bf37d6d1daf"
down_revision = "c68b50595f61"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "external_metric",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("period_key", sa.String(length=7), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("grain", sa.String(length=7), nullable=False),
        sa.Column("metric", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Numeric(precision=16, scale=4), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "grain IN ('month', 'quarter', 'year')", name=op.f("ck_external_metric_known_grain")
        ),
        sa.CheckConstraint("n >= 1 AND n <= 10000000", name=op.f("ck_external_metric_responses")),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_external_metric_team_id_team")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_external_metric")),
        sa.UniqueConstraint("external_id", name=op.f("uq_external_metric_external_id")),
        sa.UniqueConstraint(
            "team_id",
            "metric",
            "period_key",
            "source",
            name=op.f("uq_external_metric_team_id_metric_period_key_source"),
        ),
    )
    with op.batch_alter_table("external_metric", schema=None) as batch_op:
        batch_op.create_index(
            "ix_external_metric_metric_period", ["metric", "period_start", "team_id"], unique=False
        )
        batch_op.create_index(
            "ix_external_metric_period_team", ["period_start", "team_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_external_metric_team_id"), ["team_id"], unique=False)

    with op.batch_alter_table("kpi", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", sa.String(length=60), nullable=True))


def downgrade():
    with op.batch_alter_table("kpi", schema=None) as batch_op:
        batch_op.drop_column("source")

    with op.batch_alter_table("external_metric", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_external_metric_team_id"))
        batch_op.drop_index("ix_external_metric_period_team")
        batch_op.drop_index("ix_external_metric_metric_period")

    op.drop_table("external_metric")
