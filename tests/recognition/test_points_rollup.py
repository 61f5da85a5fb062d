"""The points rollup (points per person × month, quarter and year) always equals the
awards, approvals, praise and thanks it counts, whatever way they were written."""

from collections import defaultdict
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from eximpact import clock
from eximpact.demo import load_demo
from eximpact.extensions import db
from eximpact.periods import GRAINS, period_of
from eximpact.praise.models import Praise
from eximpact.praise.services.importer import import_praise
from eximpact.recognition.models import (
    AWARDED,
    PUBLIC_STATUSES,
    Nomination,
    RecognitionPoints,
    Thanks,
)
from eximpact.recognition.services import nominating, points
from eximpact.recognition.services.thanking import give_thanks
from eximpact.recognition.services.wall import leaderboard
from tests.factories import PersonFactory
from tests.praise.factories import PraiseFactory, log_praise
from tests.recognition.factories import CategoryFactory, NominationFactory

KINDS = ("awards", "approvals", "praise", "thanks")
WEIGHTS = {"awards": 5, "approvals": 3, "praise": 1, "thanks": 1}


def counted_events() -> dict:
    """What the rollup must hold: every event counted in its period, in Python."""
    counts: dict = defaultdict(lambda: dict.fromkeys(KINDS, 0))

    def count(person_id, day, kind):
        day = day.date() if isinstance(day, datetime) else day
        for grain in GRAINS:
            counts[(person_id, grain, period_of(day, grain).start)][kind] += 1

    for nomination in db.session.scalars(select(Nomination)):
        if nomination.status in PUBLIC_STATUSES and nomination.reviewed_at:
            count(nomination.nominee_id, nomination.reviewed_at, "approvals")
        if nomination.status == AWARDED and nomination.awarded_at:
            count(nomination.nominee_id, nomination.awarded_at, "awards")
    for praise in db.session.scalars(select(Praise)):
        for person in praise.employees:
            count(person.id, praise.received_at, "praise")
    for thanks in db.session.scalars(select(Thanks)):
        count(thanks.recipient_id, thanks.given_on, "thanks")
    return {
        key: (sum(WEIGHTS[kind] * n for kind, n in kinds.items()), *kinds.values())
        for key, kinds in counts.items()
    }


def rollup_rows() -> dict:
    return {
        (row.person_id, row.period, row.period_start): (
            row.points,
            row.awards,
            row.approvals,
            row.praise,
            row.thanks,
        )
        for row in db.session.scalars(select(RecognitionPoints))
    }


def assert_rollup_matches() -> dict:
    db.session.flush()
    db.session.expire_all()
    rows = rollup_rows()
    assert rows == counted_events()
    return rows


def test_reviewing_and_awarding_through_the_services_move_the_points(team):
    approved, awarded, declined = (
        NominationFactory(cycle=team.cycle, category=team.category, nominee=person)
        for person in (team.alice, team.bob, team.carol)
    )
    assert assert_rollup_matches() == {}  # submitted nominations earn nothing yet
    nominating.approve(team.manager, approved)
    nominating.approve(team.manager, awarded)
    nominating.award(team.manager, awarded)
    nominating.decline(team.manager, declined, "Please nominate this under One team.")
    rows = assert_rollup_matches()
    month = period_of(clock.now().date(), "month").start
    assert rows[(team.alice.id, "month", month)] == (3, 0, 1, 0, 0)
    assert rows[(team.bob.id, "month", month)] == (8, 1, 1, 0, 0)
    assert not any(person_id == team.carol.id for person_id, _, _ in rows)


def test_praise_counts_for_each_person_it_names_through_the_form_and_the_import(team):
    log_praise(team.alice, team.bob)
    csv = (
        "source,received_at,text,employee_emails,external_id\n"
        f"email,{clock.today() - timedelta(days=40)},Lovely help.,{team.carol.email},ext-1\n"
    )
    result = import_praise(team.manager, csv)
    assert result.ok and result.created == 1
    rows = assert_rollup_matches()
    assert {person_id for person_id, period, _ in rows if period == "year"} >= {
        team.alice.id,
        team.bob.id,
        team.carol.id,
    }


@pytest.mark.usefixtures("frozen_clock")
def test_thanks_given_count_for_the_recipient(team):
    value = CategoryFactory(name="One team", company_value=True)
    for giver in (team.alice, team.carol):
        give_thanks(giver, recipient_id=team.bob.id, category_id=value.id, message="Thank you!")
    rows = assert_rollup_matches()
    month = period_of(clock.today(), "month").start
    assert rows[(team.bob.id, "month", month)] == (2, 0, 0, 0, 2)


def test_changing_and_deleting_what_earned_points_moves_the_rollup_with_it(team):
    dave = PersonFactory(name="Dave Diver", team=team.alice.team)
    when = datetime(2026, 3, 31, 23, 30)  # the last day of a month, a quarter
    nomination = NominationFactory(
        cycle=team.cycle,
        category=team.category,
        nominee=team.alice,
        status="awarded",
        reviewed_at=when - timedelta(days=2),
        recognised_at=when,
        awarded_at=when,
    )
    praise = PraiseFactory(employees=[team.bob, team.carol], received_at=date(2025, 12, 31))
    value = CategoryFactory(name="Ownership", company_value=True)
    thanks = Thanks(
        giver=team.bob,
        recipient=team.carol,
        category=value,
        message="Thanks.",
        given_on=date(2026, 4, 1),
    )
    db.session.add(thanks)
    assert_rollup_matches()

    nomination.awarded_at = datetime(2026, 4, 1, 8)  # into the next quarter
    praise.received_at = date(2026, 1, 2)  # into the next year
    praise.employees = [team.carol, dave]  # Bob out, Dave in
    thanks.recipient = dave
    assert_rollup_matches()

    nomination.status = "approved"  # the award taken back
    nomination.awarded_at = None
    db.session.delete(thanks)
    assert_rollup_matches()

    db.session.delete(praise)
    db.session.delete(nomination)
    assert assert_rollup_matches() == {}  # emptied rows leave nothing behind


def test_rebuilding_gives_the_rollup_the_services_kept(team):
    for day, person in ((date(2025, 2, 14), team.alice), (date(2026, 5, 1), team.bob)):
        PraiseFactory(employees=[person, team.carol], received_at=day)
        NominationFactory(
            cycle=team.cycle,
            category=team.category,
            nominee=person,
            status="awarded",
            reviewed_at=datetime.combine(day, datetime.min.time()),
            recognised_at=datetime.combine(day, datetime.min.time()),
            awarded_at=datetime.combine(day + timedelta(days=60), datetime.min.time()),
        )
    kept = assert_rollup_matches()
    assert points.rebuild() == len(kept)
    assert assert_rollup_matches() == kept


def test_the_demo_keeps_the_rollup(app):
    load_demo(date(2026, 11, 22))
    rows = assert_rollup_matches()
    assert rows  # the demo's winners and praise earn points


def test_a_board_ranks_only_the_best_but_each_keeps_its_rank_among_all(team):
    """Of 5 people with 3, 3, 3, 1 and 1 points, a board of 2 shows the three sharing
    rank 1 cut at 2, and a board of 4 the first of rank 4."""
    dave, erin = PersonFactory(name="Dave Diver"), PersonFactory(name="Erin Engineer")
    now = clock.now()
    for person in (team.carol, team.alice, team.bob):
        NominationFactory(
            cycle=team.cycle,
            category=team.category,
            nominee=person,
            status="approved",
            reviewed_at=now,
            recognised_at=now,
        )
    for person in (erin, dave):
        PraiseFactory(employees=[person])
    day = now.date()
    assert [(r.rank, r.name) for r in leaderboard("month", day, size=2).rows] == [
        (1, "Alice Agent"),
        (1, "Bob Builder"),
    ]
    assert [(r.rank, r.name) for r in leaderboard("month", day, size=4).rows] == [
        (1, "Alice Agent"),
        (1, "Bob Builder"),
        (1, "Carol Carer"),
        (4, "Dave Diver"),
    ]
