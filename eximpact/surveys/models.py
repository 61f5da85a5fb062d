"""An external survey result: one metric of one team for one period from one source.

What makes a result *the same result* (its natural key) is the team, the metric, the
period and the source: the database holds at most one row for each (a unique
constraint), so a CSV re-imported without external ids cannot
duplicate anything. `external_id`, when the sender gives one, is unique as well: the
API answers a repeated one with the stored item (API.md).
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eximpact import clock
from eximpact.extensions import db
from eximpact.org.models import Team
from eximpact.periods import GRAINS, Period

MAX_N = 10_000_000
SOURCE_MAX, EXTERNAL_ID_MAX, METRIC_MAX = 100, 200, 40


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class ExternalMetric(db.Model):
    """A survey figure (NPS 42 from 118 responses) of a team for a month, quarter or year."""

    __tablename__ = "external_metric"
    __table_args__ = (
        UniqueConstraint("team_id", "metric", "period_key", "source"),
        CheckConstraint(_in("grain", GRAINS), name="known_grain"),
        CheckConstraint(f"n >= 1 AND n <= {MAX_N}", name="responses"),
        # "metric × period × team": the scorecard, the team card and the EX–CX link.
        Index("ix_external_metric_metric_period", "metric", "period_start", "team_id"),
        Index("ix_external_metric_period_team", "period_start", "team_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"), index=True)
    period_key: Mapped[str] = mapped_column(String(7))  # normalised: 2026, 2026-Q3, 2026-09
    period_start: Mapped[date]
    grain: Mapped[str] = mapped_column(String(7))
    metric: Mapped[str] = mapped_column(String(METRIC_MAX))
    value: Mapped[Decimal] = mapped_column(Numeric(16, 4))
    n: Mapped[int]
    source: Mapped[str] = mapped_column(String(SOURCE_MAX), default="")
    external_id: Mapped[str | None] = mapped_column(String(EXTERNAL_ID_MAX), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now, onupdate=clock.now)

    team: Mapped[Team] = relationship()

    def __repr__(self) -> str:
        return f"<ExternalMetric {self.id} {self.metric} {self.period_key} team {self.team_id}>"

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.grain)
