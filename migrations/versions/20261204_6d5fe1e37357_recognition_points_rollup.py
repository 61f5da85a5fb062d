"""Leaderboard points per person × month, quarter and year (`recognition_points`).

The leaderboards read one row per person of the period instead of every award, approval,
praise and thanks (issue 10); the events already there are counted into it here, with the
points rule of today (an award 5, an approval 3, a praise 1, a quick thanks 1), so the
boards are right from the start.

Revision ID: 6d5fe1e37357
Revises: a32f7238d094
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "6d5fe1e37357"
down_revision = "a32f7238d094"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "recognition_points",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("awards", sa.Integer(), nullable=False),
        sa.Column("approvals", sa.Integer(), nullable=False),
        sa.Column("praise", sa.Integer(), nullable=False),
        sa.Column("thanks", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "period IN ('month', 'quarter', 'year')",
            name=op.f("ck_recognition_points_known_period"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_recognition_points_person_id_person")
        ),
        sa.PrimaryKeyConstraint(
            "person_id", "period", "period_start", name=op.f("pk_recognition_points")
        ),
    )
    with op.batch_alter_table("recognition_points", schema=None) as batch_op:
        batch_op.create_index(
            "ix_recognition_points_board",
            ["period", "period_start", "points", "person_id"],
            unique=False,
        )
    dialect = op.get_bind().dialect.name
    for period in ("month", "quarter", "year"):
        op.execute(backfill(dialect, period))


# Every event once, on its day: (person_id, day, awards, approvals, praise, thanks).
EVENTS = (
    "SELECT nominee_id AS person_id, {awarded} AS day, 1 AS awards, 0 AS approvals, "
    "0 AS praise, 0 AS thanks FROM nomination "
    "WHERE status = 'awarded' AND awarded_at IS NOT NULL "
    "UNION ALL SELECT nominee_id, {reviewed}, 0, 1, 0, 0 FROM nomination "
    "WHERE status IN ('approved', 'awarded') AND reviewed_at IS NOT NULL "
    "UNION ALL SELECT praise_employee.person_id, praise.received_at, 0, 0, 1, 0 "
    "FROM praise_employee JOIN praise ON praise.id = praise_employee.praise_id "
    "UNION ALL SELECT recipient_id, given_on, 0, 0, 0, 1 FROM thanks"
)
DAY = {"postgresql": "CAST({} AS DATE)", "sqlite": "date({})"}
START = {
    "postgresql": {
        period: f"CAST(date_trunc('{period}', day) AS DATE)"
        for period in ("month", "quarter", "year")
    },
    "sqlite": {
        "month": "date(day, 'start of month')",
        "quarter": "date(day, 'start of month', "
        "'-' || ((CAST(strftime('%m', day) AS INTEGER) - 1) % 3) || ' months')",
        "year": "date(day, 'start of year')",
    },
}


BACKFILL = (
    "INSERT INTO recognition_points "
    "(person_id, period, period_start, points, awards, approvals, praise, thanks) "
    "SELECT person_id, '{period}', {start}, "
    "SUM(5 * awards + 3 * approvals + praise + thanks), "
    "SUM(awards), SUM(approvals), SUM(praise), SUM(thanks) "
    "FROM ({events}) AS events GROUP BY person_id, {start}"
)


def backfill(dialect: str, period: str) -> str:
    """INSERT … SELECT of one period's rows from every event already stored (the SQL is
    built from the constants above only, never from input)."""
    day = DAY[dialect]
    events = EVENTS.format(awarded=day.format("awarded_at"), reviewed=day.format("reviewed_at"))
    return BACKFILL.format(period=period, start=START[dialect][period], events=events)


def downgrade():
    with op.batch_alter_table("recognition_points", schema=None) as batch_op:
        batch_op.drop_index("ix_recognition_points_board")
    op.drop_table("recognition_points")
