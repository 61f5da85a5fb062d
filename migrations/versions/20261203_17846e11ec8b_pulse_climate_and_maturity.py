"""Engagement pulse and climate check rounds, anonymous answers, maturity assessments.

`pulse_response` and `pulse_comment` have no person column and no time column and
are keyed by random UUIDs: anonymity is in the schema. Invitations keep only a
hashed token, the team at opening and whether the person answered.

Revision ID: 17846e11ec8b
Revises: f2ee28c2205a
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "17846e11ec8b"
down_revision = "f2ee28c2205a"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "maturity_assessment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rater_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["rater_id"], ["person.id"], name=op.f("fk_maturity_assessment_rater_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_maturity_assessment")),
    )
    with op.batch_alter_table("maturity_assessment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_maturity_assessment_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(
            "ix_maturity_assessment_rater_created", ["rater_id", "created_at"], unique=False
        )

    op.create_table(
        "pulse_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=160), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("min_group", sa.SmallInteger(), nullable=False),
        sa.Column("enps", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("comments", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('engagement', 'climate')", name=op.f("ck_pulse_round_known_kind")
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'open', 'closed')", name=op.f("ck_pulse_round_known_status")
        ),
        sa.CheckConstraint(
            "closes_on >= opens_on", name=op.f("ck_pulse_round_closes_after_opening")
        ),
        sa.CheckConstraint("min_group >= 3", name=op.f("ck_pulse_round_min_group_floor")),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["person.id"], name=op.f("fk_pulse_round_created_by_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pulse_round")),
    )
    with op.batch_alter_table("pulse_round", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pulse_round_created_by_id"), ["created_by_id"], unique=False
        )
        batch_op.create_index("ix_pulse_round_kind_closes", ["kind", "closes_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_pulse_round_status"), ["status"], unique=False)

    op.create_table(
        "maturity_answer",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("question_key", sa.String(length=40), nullable=False),
        sa.Column("pillar", sa.String(length=16), nullable=False),
        sa.Column("level", sa.SmallInteger(), nullable=False),
        sa.CheckConstraint("level BETWEEN 1 AND 5", name=op.f("ck_maturity_answer_level_range")),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["maturity_assessment.id"],
            name=op.f("fk_maturity_answer_assessment_id_maturity_assessment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("assessment_id", "question_key", name=op.f("pk_maturity_answer")),
    )
    op.create_table(
        "pulse_comment",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["pulse_round.id"],
            name=op.f("fk_pulse_comment_round_id_pulse_round"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_pulse_comment_team_id_team")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pulse_comment")),
        sqlite_with_rowid=False,  # no hidden counter of insertion order
    )
    with op.batch_alter_table("pulse_comment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pulse_comment_round_id"), ["round_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pulse_comment_team_id"), ["team_id"], unique=False)

    op.create_table(
        "pulse_invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("responded", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("reminded_for", sa.SmallInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_pulse_invitation_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["pulse_round.id"],
            name=op.f("fk_pulse_invitation_round_id_pulse_round"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_pulse_invitation_team_id_team")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pulse_invitation")),
        sa.UniqueConstraint("round_id", "person_id", name="one_invitation_per_person"),
        sa.UniqueConstraint("token_hash", name=op.f("uq_pulse_invitation_token_hash")),
    )
    with op.batch_alter_table("pulse_invitation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pulse_invitation_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            "ix_pulse_invitation_round_responded", ["round_id", "responded"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_pulse_invitation_team_id"), ["team_id"], unique=False)

    op.create_table(
        "pulse_response",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["pulse_round.id"],
            name=op.f("fk_pulse_response_round_id_pulse_round"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_pulse_response_team_id_team")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pulse_response")),
        sqlite_with_rowid=False,  # no hidden counter of insertion order
    )
    with op.batch_alter_table("pulse_response", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pulse_response_round_id"), ["round_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pulse_response_team_id"), ["team_id"], unique=False)

    op.create_table(
        "pulse_round_team",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["pulse_round.id"],
            name=op.f("fk_pulse_round_team_round_id_pulse_round"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_pulse_round_team_team_id_team")
        ),
        sa.PrimaryKeyConstraint("round_id", "team_id", name=op.f("pk_pulse_round_team")),
    )
    with op.batch_alter_table("pulse_round_team", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pulse_round_team_team_id"), ["team_id"], unique=False)


def downgrade():
    with op.batch_alter_table("pulse_round_team", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pulse_round_team_team_id"))

    op.drop_table("pulse_round_team")
    with op.batch_alter_table("pulse_response", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pulse_response_team_id"))
        batch_op.drop_index(batch_op.f("ix_pulse_response_round_id"))

    op.drop_table("pulse_response")
    with op.batch_alter_table("pulse_invitation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pulse_invitation_team_id"))
        batch_op.drop_index("ix_pulse_invitation_round_responded")
        batch_op.drop_index(batch_op.f("ix_pulse_invitation_person_id"))

    op.drop_table("pulse_invitation")
    with op.batch_alter_table("pulse_comment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pulse_comment_team_id"))
        batch_op.drop_index(batch_op.f("ix_pulse_comment_round_id"))

    op.drop_table("pulse_comment")
    op.drop_table("maturity_answer")
    with op.batch_alter_table("pulse_round", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pulse_round_status"))
        batch_op.drop_index("ix_pulse_round_kind_closes")
        batch_op.drop_index(batch_op.f("ix_pulse_round_created_by_id"))

    op.drop_table("pulse_round")
    with op.batch_alter_table("maturity_assessment", schema=None) as batch_op:
        batch_op.drop_index("ix_maturity_assessment_rater_created")
        batch_op.drop_index(batch_op.f("ix_maturity_assessment_created_at"))

    op.drop_table("maturity_assessment")
