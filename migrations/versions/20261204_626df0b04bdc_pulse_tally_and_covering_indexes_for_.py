"""A closed pulse round's tally (`pulse_tally`), and covering indexes for the scorecards.

The tally counts a closed round's answers per team and score (the sum of an answer's
items); closing a round writes it, and the scorecards read a round's headline from it
instead of every answer. The backfill tallies every round closed before this migration.
Two covering indexes let the scorecards read a period's nominations (given, received)
and praise figures from the index alone.

Revision ID: 626df0b04bdc
Revises: 1b60baee9534
Create Date: 2026-12-04
"""

import json
from collections import Counter

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "626df0b04bdc"
down_revision = "1b60baee9534"
branch_labels = None
depends_on = None

# The items each kind sums (eximpact.pulse.items, as of this migration).
ITEMS = {
    "engagement": ("mission", "feedback", "tools"),
    "climate": ("greet", "talk", "surroundings", "gratitude", "results_visible", "celebrate"),
}


def _backfill() -> None:
    """Tally the answers of every closed round, as closing does."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT r.id, r.kind, a.team_id, a.answers FROM pulse_response a "
            "JOIN pulse_round r ON r.id = a.round_id WHERE r.status = 'closed'"
        )
    )
    counts = Counter()
    for round_id, kind, team_id, answers in rows:
        values = json.loads(answers) if isinstance(answers, str) else answers
        counts[(round_id, team_id, sum(values[key] for key in ITEMS[kind]))] += 1
    tally = sa.table(
        "pulse_tally",
        sa.column("round_id", sa.Integer),
        sa.column("team_id", sa.Integer),
        sa.column("score", sa.SmallInteger),
        sa.column("responses", sa.Integer),
    )
    if counts:
        op.bulk_insert(
            tally,
            [
                {"round_id": r, "team_id": t, "score": s, "responses": n}
                for (r, t, s), n in counts.items()
            ],
        )


def upgrade():
    op.create_table(
        "pulse_tally",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("score", sa.SmallInteger(), nullable=False),
        sa.Column("responses", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["pulse_round.id"],
            name=op.f("fk_pulse_tally_round_id_pulse_round"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_pulse_tally_team_id_team")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pulse_tally")),
    )
    with op.batch_alter_table("pulse_tally", schema=None) as batch_op:
        batch_op.create_index(
            "ix_pulse_tally_round", ["round_id", "team_id", "score", "responses"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_pulse_tally_team_id"), ["team_id"], unique=False)
    with op.batch_alter_table("nomination", schema=None) as batch_op:
        batch_op.create_index(
            "ix_nomination_created_cover",
            ["created_at", "status", "nominator_id", "nominee_id"],
            unique=False,
        )
    with op.batch_alter_table("praise", schema=None) as batch_op:
        batch_op.create_index(
            "ix_praise_received_cover",
            ["received_at", "id", "engagement_level", "nps"],
            unique=False,
        )
    _backfill()


def downgrade():
    with op.batch_alter_table("praise", schema=None) as batch_op:
        batch_op.drop_index("ix_praise_received_cover")
    with op.batch_alter_table("nomination", schema=None) as batch_op:
        batch_op.drop_index("ix_nomination_created_cover")
    with op.batch_alter_table("pulse_tally", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pulse_tally_team_id"))
        batch_op.drop_index("ix_pulse_tally_round")
    op.drop_table("pulse_tally")
