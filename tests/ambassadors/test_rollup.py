"""The hours rollup (hours per person × project × month × state) always equals the entries
it sums, whatever way they were written, and reports read from it are exact for any period."""

from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from eximpact.ambassadors.models import HoursMonth, TimeEntry
from eximpact.ambassadors.services import approvals, rollup
from eximpact.ambassadors.services.entries import apply_changes
from eximpact.ambassadors.services.reports import HoursFilter, hours_by
from eximpact.ambassadors.services.rules import Change
from eximpact.extensions import db
from tests.ambassadors.factories import TODAY, TimeEntryFactory


def summed_entries() -> dict:
    """What the rollup must hold: the entries grouped the same way, in Python."""
    totals: dict = {}
    for entry in db.session.scalars(select(TimeEntry)):
        key = (entry.person_id, entry.project_id, entry.work_date.replace(day=1), entry.status)
        hours, count = totals.get(key, (Decimal(0), 0))
        totals[key] = (hours + entry.hours, count + 1)
    return totals


def rollup_rows() -> dict:
    return {
        (row.person_id, row.project_id, row.month, row.status): (row.hours, row.entries)
        for row in db.session.scalars(select(HoursMonth))
    }


def assert_rollup_matches() -> None:
    db.session.flush()
    db.session.expire_all()
    assert rollup_rows() == summed_entries()


def monday_weeks_ago(weeks: int) -> date:
    monday = TODAY - timedelta(days=TODAY.weekday())
    return monday - timedelta(weeks=weeks)


def test_logging_changing_and_deleting_time_moves_the_rollup_with_it(programme):
    sam, project, other = programme.sam, programme.project, programme.other_project
    week = monday_weeks_ago(6)
    made = apply_changes(
        sam,
        sam,
        [
            Change("0.", None, project.id, week, Decimal("2"), ""),
            Change("1.", None, project.id, week + timedelta(days=1), Decimal("1.5"), ""),
            Change("2.", None, other.id, week + timedelta(days=2), Decimal("1"), ""),
        ],
        TODAY,
    )
    assert_rollup_matches()
    first, second, third = made
    apply_changes(
        sam,
        sam,
        [
            Change("0.", first, other.id, first.work_date, Decimal("3"), "moved"),
            Change("1.", second, project.id, monday_weeks_ago(1), Decimal("1.5"), ""),
            Change("2.", third),  # deleted
        ],
        TODAY,
    )
    assert_rollup_matches()


def test_submitting_deciding_and_reopening_move_hours_between_states(programme):
    sam = programme.sam
    entries = [programme.entry(days_ago=days, hours=Decimal("2")) for days in (8, 9, 40)]
    db.session.flush()
    assert_rollup_matches()
    approvals.submit(sam, entries)
    assert_rollup_matches()
    approvals.decide(programme.manager, entries[:2], approve=True)
    approvals.decide(programme.manager, entries[2:], approve=False, reason="Split by project.")
    assert_rollup_matches()
    approvals.reopen(programme.manager, entries[0], "A typo")
    assert_rollup_matches()
    states = {key[3] for key in rollup_rows()}
    assert states == {"approved", "rejected", "draft"}


def test_an_emptied_month_leaves_no_row_behind(programme):
    entry = programme.entry(days_ago=3)
    db.session.flush()
    assert rollup_rows()
    db.session.delete(entry)
    assert_rollup_matches()
    assert rollup_rows() == {}


def test_rebuilding_gives_the_rollup_the_services_kept(programme):
    for days in (1, 2, 35, 70, 300):
        programme.entry(days_ago=days, status="approved", hours=Decimal("1.25"))
    programme.entry(person=programme.ola, days_ago=4, status="submitted")
    db.session.flush()
    kept = rollup_rows()
    rollup.rebuild()
    db.session.expire_all()
    assert rollup_rows() == kept


def test_a_report_over_a_period_cut_mid_month_sums_exactly_its_days(programme):
    """Whole months come from the rollup and the edge days from the entries: no day is
    counted twice or left out."""
    start, end = date(TODAY.year - 1, 1, 15), date(TODAY.year - 1, 4, 10)
    day, n = start - timedelta(days=20), 0
    while day <= end + timedelta(days=20):
        if day.weekday() < 5:
            TimeEntryFactory(
                person=programme.sam,
                project=programme.project,
                work_date=day,
                hours=Decimal("0.25") * (1 + n % 7),
                status=("approved", "submitted")[n % 2],
            )
            n += 1
        day += timedelta(days=1)
    db.session.flush()
    expected = db.session.scalar(
        select(func.sum(TimeEntry.hours)).where(TimeEntry.work_date.between(start, end))
    )
    report = hours_by(programme.hr, HoursFilter(start, end), "month")
    assert report.total == expected
    assert [row.label for row in report.rows] == [
        "Jan " + str(start.year),
        "Feb " + str(start.year),
        "Mar " + str(start.year),
        "Apr " + str(start.year),
    ]


@given(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.integers(min_value=0, max_value=800),
)
def test_a_period_splits_into_whole_months_and_edge_days_covering_each_day_once(start, length):
    end = min(start + timedelta(days=min(length, (date.max - start).days)), date.max)
    first, last = max(start, rollup.EARLIEST), min(end, rollup.LATEST)
    if first > last:
        return
    span = rollup.split(first, last)
    days = []
    if span.months is not None:
        month = span.months[0]
        while month <= span.months[1]:
            following = rollup._next_month(month)
            days.append((month, following - timedelta(days=1)))
            month = following
    for edge_start, edge_end in span.days:
        assert edge_start.replace(day=1) == edge_end.replace(day=1), "an edge inside one month"
        days.append((edge_start, edge_end))
    days.sort()
    assert days[0][0] == first and days[-1][1] == last
    for (_, previous_end), (next_start, _) in pairwise(days):
        assert next_start == previous_end + timedelta(days=1)
