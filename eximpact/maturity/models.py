"""Maturity assessments, under the rater's name, with one picked level per question."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eximpact.extensions import db, utcnow
from eximpact.org.models import Person


class MaturityAssessment(db.Model):
    """One rater's self-assessment of the programme at one moment."""

    __tablename__ = "maturity_assessment"
    __table_args__ = (Index("ix_maturity_assessment_rater_created", "rater_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rater_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    rater: Mapped[Person] = relationship()
    answers: Mapped[list["MaturityAnswer"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="MaturityAnswer.question_key"
    )

    def __repr__(self) -> str:
        return f"<MaturityAssessment {self.id} by {self.rater_id}>"


class MaturityAnswer(db.Model):
    """The behaviour (1 Damaging … 5 Maximizing) a rater picked for one question."""

    __tablename__ = "maturity_answer"
    __table_args__ = (CheckConstraint("level BETWEEN 1 AND 5", name="level_range"),)

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("maturity_assessment.id", ondelete="CASCADE"), primary_key=True
    )
    question_key: Mapped[str] = mapped_column(String(40), primary_key=True)
    pillar: Mapped[str] = mapped_column(String(16))
    level: Mapped[int] = mapped_column(SmallInteger)

    def __repr__(self) -> str:
        return f"<MaturityAnswer {self.question_key}={self.level}>"
