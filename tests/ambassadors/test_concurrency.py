"""Two approvers acting on the same entry at the same moment: exactly one decision is kept.

This needs real concurrent transactions, so it runs on PostgreSQL only, in a database
of its own where each thread commits for real.
"""

import threading
import time
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, func, select, text

from eximpact.ambassadors.models import TimeEntry
from eximpact.ambassadors.services import approvals
from eximpact.audit.models import AuditEvent
from eximpact.extensions import db
from eximpact.org.models import Person
from eximpact.validation import Conflict
from tests.ambassadors.factories import TODAY, CxProjectFactory, TimeEntryFactory, ambassador
from tests.factories import PersonFactory

pytestmark = pytest.mark.postgres_only


def _submitted_entry(app) -> tuple[int, int, int]:
    """(entry, manager, hr) ids: a submitted entry that both approvers may decide."""
    with app.app_context():
        manager = PersonFactory(roles=["manager"])
        hr = PersonFactory(roles=["hr"])
        entry = TimeEntryFactory(
            person=ambassador(manager=manager),
            project=CxProjectFactory(),
            work_date=TODAY - timedelta(days=1),
            status="submitted",
        )
        db.session.commit()
        ids = entry.id, manager.id, hr.id
        db.session.remove()
        return ids


def _wait_until_someone_waits_for_a_lock(app, timeout: float = 5.0) -> None:
    """Hold our transaction open until the other approver is blocked on the row (or time out)."""
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    deadline = time.monotonic() + timeout
    with engine.connect() as connection:
        while time.monotonic() < deadline:
            waiting = connection.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE wait_event_type = 'Lock' AND datname = current_database()"
                )
            ).scalar()
            if waiting:
                break
            time.sleep(0.02)
    engine.dispose()


def _race(app, entry_id: int, deciders: list[tuple[int, bool]]) -> list[int]:
    """Let each (approver, approve?) decide the entry at once; returns how many each decided."""
    start = threading.Barrier(len(deciders))
    results: list[int | BaseException] = [0] * len(deciders)

    def act(slot: int, approver_id: int, approve: bool) -> None:
        with app.app_context():
            try:
                actor = db.session.get(Person, approver_id)
                entry = db.session.get(TimeEntry, entry_id)
                start.wait()
                decided = approvals.decide(actor, [entry], approve, None if approve else "No")
                if decided:
                    _wait_until_someone_waits_for_a_lock(app)
                db.session.commit()
                results[slot] = len(decided)
            except BaseException as error:  # reported below, in the test's thread
                db.session.rollback()
                results[slot] = error
            finally:
                db.session.remove()

    threads = [
        threading.Thread(target=act, args=(slot, approver, approve))
        for slot, (approver, approve) in enumerate(deciders)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results


def _decisions(app, entry_id: int) -> tuple[str, int | None, int]:
    with app.app_context():
        entry = db.session.get(TimeEntry, entry_id)
        decided = db.session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(
                AuditEvent.entity_type == "time_entry",
                AuditEvent.entity_id == entry_id,
                AuditEvent.action.in_(("approved", "rejected")),
            )
        )
        state = entry.status, entry.decided_by_id, decided
        db.session.remove()
        return state


def test_two_approvers_approving_at_once_make_exactly_one_decision(committed_app):
    entry_id, manager_id, hr_id = _submitted_entry(committed_app)
    results = _race(committed_app, entry_id, [(manager_id, True), (hr_id, True)])
    assert sorted(results) == [0, 1]
    status, decided_by, audited = _decisions(committed_app, entry_id)
    winner = [manager_id, hr_id][results.index(1)]
    assert (status, decided_by, audited) == ("approved", winner, 1)


def test_approve_and_reject_at_once_keep_one_of_them(committed_app):
    entry_id, manager_id, hr_id = _submitted_entry(committed_app)
    results = _race(committed_app, entry_id, [(manager_id, True), (hr_id, False)])
    assert sorted(results) == [0, 1]
    status, decided_by, audited = _decisions(committed_app, entry_id)
    expected = ("approved", manager_id) if results[0] else ("rejected", hr_id)
    assert (status, decided_by, audited) == (*expected, 1)


def test_the_loser_of_a_race_is_told_it_was_decided_meanwhile(committed_app):
    """What the API answers the second approver: 409, not a second decision."""
    entry_id, manager_id, hr_id = _submitted_entry(committed_app)
    _race(committed_app, entry_id, [(manager_id, True)])
    with committed_app.app_context():
        entry = db.session.get(TimeEntry, entry_id)
        entry.status = "submitted"  # what the second approver's page still believed
        db.session.expunge(entry)
        with pytest.raises(Conflict):
            approvals.decide_one(db.session.get(Person, hr_id), entry, True)
        db.session.rollback()
        db.session.remove()


def _enrolled_ambassador(app) -> tuple[int, int]:
    with app.app_context():
        person = ambassador()
        project = CxProjectFactory()
        db.session.commit()
        ids = person.id, project.id
        db.session.remove()
        return ids


def test_two_requests_of_one_person_at_once_cannot_pass_the_day_limit_together(committed_app):
    """Each logs 13 h on the same day: alone each is fine, together they would make 26."""
    from eximpact.ambassadors.services.entries import apply_changes
    from eximpact.ambassadors.services.rules import Change
    from eximpact.validation import ValidationFailed

    person_id, project_id = _enrolled_ambassador(committed_app)
    day = TODAY - timedelta(days=1)
    start = threading.Barrier(2)
    outcomes = []

    def log_13_hours() -> None:
        with committed_app.app_context():
            try:
                person = db.session.get(Person, person_id)
                start.wait()
                apply_changes(
                    person, person, [Change("", None, project_id, day, Decimal(13))], TODAY
                )
                _wait_until_someone_waits_for_a_lock(committed_app)
                db.session.commit()
                outcomes.append("saved")
            except ValidationFailed:
                db.session.rollback()
                outcomes.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=log_13_hours) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["refused", "saved"]
    with committed_app.app_context():
        total = db.session.scalar(
            select(func.sum(TimeEntry.hours)).where(
                TimeEntry.person_id == person_id, TimeEntry.work_date == day
            )
        )
        db.session.remove()
    assert total == Decimal(13)
