"""The demo's recognition: an open cycle with nominations in every state, past winners."""

from datetime import date

from sqlalchemy import func, select

from eximpact.demo import load_demo
from eximpact.extensions import db
from eximpact.org.models import Person
from eximpact.recognition.models import AwardCycle, Category, Comment, Nomination, Reaction
from eximpact.recognition.services import nomination_queries

TODAY = date(2026, 11, 22)


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_an_open_cycle_has_nominations_in_every_state_and_flags(app):
    load_demo(TODAY)
    [open_cycle] = [c for c in db.session.scalars(select(AwardCycle)) if c.is_open_on(TODAY)]
    assert open_cycle.name == "Customer heroes — Q4 2026"
    nominations = db.session.scalars(
        select(Nomination).where(Nomination.cycle_id == open_cycle.id)
    ).all()
    assert {n.status for n in nominations} == {"submitted", "approved", "declined", "awarded"}
    flags = nomination_queries.nomination_flags(nominations)
    codes = {flag.code for found in flags.values() for flag in found}
    assert codes == {"reciprocal", "repeat_customer"}


def test_last_quarter_has_winners(app):
    load_demo(TODAY)
    past = db.session.scalar(select(AwardCycle).where(AwardCycle.name.contains("Q3 2026")))
    winners = db.session.scalars(
        select(Nomination).where(Nomination.cycle_id == past.id, Nomination.status == "awarded")
    ).all()
    assert len(winners) >= 2
    assert all(w.awarded_at.date() <= past.period_end for w in winners)


def test_the_demo_employee_can_still_nominate_in_the_open_cycle(app):
    load_demo(TODAY)
    employee = db.session.scalar(select(Person).where(Person.email == "employee@example.com"))
    made = db.session.scalar(
        select(func.count())
        .select_from(Nomination)
        .join(AwardCycle)
        .where(Nomination.nominator_id == employee.id, AwardCycle.closes_on >= TODAY)
    )
    assert made == 0


def test_loading_the_recognition_demo_twice_adds_nothing(app):
    load_demo(TODAY)
    before = (count(Category), count(AwardCycle), count(Nomination))
    load_demo(TODAY)
    assert (count(Category), count(AwardCycle), count(Nomination)) == before


def test_the_demo_wall_is_answered_once(app):
    """The newest recognition and thanks carry reactions and a comment; loading again adds none."""
    load_demo(TODAY)
    before = (count(Reaction), count(Comment))
    assert before[0] >= 4 and before[1] >= 2
    load_demo(TODAY)
    assert (count(Reaction), count(Comment)) == before
