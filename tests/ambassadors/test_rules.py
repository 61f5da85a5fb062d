"""The time rules, each written once (services/rules.py): table tests and a property test."""

import contextlib
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings, target
from hypothesis import strategies as st
from sqlalchemy import select

from eximpact.ambassadors.models import Enrolment, TimeEntry
from eximpact.ambassadors.services.entries import apply_changes
from eximpact.ambassadors.services.rules import (
    Change,
    HoursFormatError,
    check_changes,
    date_problem,
    enrolment_problem,
    hours_problem,
    parse_hours,
    project_problem,
)
from eximpact.extensions import db
from eximpact.validation import ValidationFailed
from tests.ambassadors.factories import TODAY, CxProjectFactory

D = Decimal


@pytest.mark.parametrize(
    ("typed", "hours"),
    [
        ("1.5", D("1.5")),
        ("1,5", D("1.5")),
        ("1:30", D("1.5")),
        ("0:45", D("0.75")),
        ("1:20", D("1.33")),  # minutes are rounded to the cent of an hour
        ("8", D("8")),
        (" 2 ", D("2")),
        (2, D("2")),
        (2.25, D("2.25")),
        ("1.234", D("1.234")),  # parsed as typed; the decimals rule refuses it later
    ],
)
def test_hours_are_read_as_decimals_or_h_mm(typed, hours):
    assert parse_hours(typed) == hours


@pytest.mark.parametrize(
    "typed", ["", "abc", "1:75", "1:5", "1.5h", "NaN", "Infinity", True, None, [1]]
)
def test_hours_that_are_not_a_number_are_refused_with_a_message(typed):
    with pytest.raises(HoursFormatError, match=r"like 1\.5 or 1:30"):
        parse_hours(typed)


@pytest.mark.parametrize(
    ("hours", "problem"),
    [
        (D("0.01"), None),
        (D("1.5"), None),
        (D("24"), None),
        (D("0"), "more than 0"),
        (D("-1"), "more than 0"),
        (D("24.01"), "At most 24"),
        (D("25"), "At most 24"),
        (D("1.234"), "two decimals"),
        (D("1.230"), None),  # trailing zeros are still two decimals
    ],
)
def test_hours_are_positive_at_most_a_day_with_two_decimals(hours, problem):
    result = hours_problem(hours)
    assert result is None if problem is None else problem in result


@pytest.mark.parametrize(
    ("offset", "refused"), [(-30, False), (-1, False), (0, False), (1, True), (365, True)]
)
def test_no_time_is_logged_for_a_day_that_has_not_happened(offset, refused):
    assert (date_problem(TODAY + timedelta(days=offset), TODAY) is not None) is refused


class _Enrolment:
    def __init__(self, start, end=None, status="approved"):
        self.start_date, self.end_date, self.status = start, end, status

    def covers(self, day):
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


JAN, MAR, JUN = date(2026, 1, 1), date(2026, 3, 1), date(2026, 6, 30)


@pytest.mark.parametrize(
    ("day", "enrolments", "problem"),
    [
        (MAR, [_Enrolment(JAN)], None),
        (JAN, [_Enrolment(JAN)], None),  # the first day counts
        (JUN, [_Enrolment(JAN, JUN)], None),  # and so does the last
        (date(2025, 12, 31), [_Enrolment(JAN)], "starts on 01 Jan 2026"),
        (date(2026, 7, 1), [_Enrolment(JAN, JUN)], "ended on 30 Jun 2026"),
        (MAR, [_Enrolment(JAN, status="pending")], "waiting for approval"),
        (MAR, [], "not enrolled"),
        (MAR, [_Enrolment(JAN, date(2026, 1, 31)), _Enrolment(date(2026, 2, 15))], None),
        (
            date(2026, 2, 5),
            [_Enrolment(JAN, date(2026, 1, 31)), _Enrolment(date(2026, 2, 15))],
            "ended on 31 Jan 2026",
        ),
    ],
)
def test_time_counts_only_inside_an_approved_enrolment(day, enrolments, problem):
    result = enrolment_problem(day, enrolments)
    assert result is None if problem is None else problem in result


@pytest.mark.parametrize(
    ("status", "refused"),
    [("active", False), ("proposed", True), ("paused", True), ("done", True), ("cancelled", True)],
)
def test_only_active_projects_take_time(app, status, refused):
    project = CxProjectFactory(status=status)
    assert (project_problem(project) is not None) is refused
    assert "Choose a CX project" in project_problem(None)


def test_the_day_limit_counts_every_entry_of_the_person_that_day(programme):
    """24 h a day across all entries: stored ones in any state plus the new ones."""
    programme.entry(hours=D("10"), status="approved", days_ago=2)
    programme.entry(hours=D("10"), status="draft", days_ago=2, project=programme.other_project)
    day = TODAY - timedelta(days=2)
    ok = [Change("0.", None, programme.project.id, day, D("4"))]
    over = [
        Change("0.", None, programme.project.id, day, D("3")),
        Change("1.", None, programme.project.id, day, D("1.5")),
    ]
    assert not check_changes(programme.sam, ok, TODAY)
    problems = check_changes(programme.sam, over, TODAY).fields
    assert set(problems) == {"0.hours", "1.hours"}
    assert "24.5 hours" in problems["0.hours"][0]


def test_someone_elses_hours_do_not_count_towards_your_day(programme):
    programme.entry(person=programme.ola, hours=D("20"))
    change = Change("", None, programme.project.id, TODAY - timedelta(days=1), D("8"))
    assert not check_changes(programme.sam, [change], TODAY)


def test_changing_an_entry_replaces_its_hours_in_the_day_total(programme):
    entry = programme.entry(hours=D("20"))
    bigger = Change("", entry, entry.project_id, entry.work_date, D("24"))
    assert not check_changes(programme.sam, [bigger], TODAY)


def test_rewording_a_note_is_allowed_after_the_project_pauses(programme):
    entry = programme.entry(hours=D("2"))
    programme.project.status = "paused"
    reworded = Change("", entry, entry.project_id, entry.work_date, entry.hours, "new words")
    more = Change("", entry, entry.project_id, entry.work_date, D("3"), entry.note)
    assert not check_changes(programme.sam, [reworded], TODAY)
    assert (
        "only active projects"
        in check_changes(programme.sam, [more], TODAY).fields["project_id"][0]
    )


# -- the property: whatever is accepted obeys the rules ------------------------------------

# Mostly plausible input, so that many batches pass and pile up on a few days, with the
# edges mixed in: zero and negative hours, three decimals, over a day, h:mm, nonsense,
# days before the enrolment (it starts 10 days ago here) and after today.
valid_hours = st.decimals(min_value="0.25", max_value=16, places=2)
odd_hours = st.one_of(
    st.decimals(min_value=-2, max_value=30, places=3, allow_nan=False, allow_infinity=False),
    st.sampled_from(["1:30", "0:45", "12:00", "24:00", "abc", "1,5", 0, 25]),
)
items = st.lists(
    st.tuples(
        st.sampled_from([-11, -3, -3, -1, -1, -1, 0, 2]),  # day offset from today
        st.sampled_from([0, 0, 0, 1, 2]),  # which project (the third one is paused)
        st.one_of(valid_hours, valid_hours, valid_hours, odd_hours),
    ),
    min_size=1,
    max_size=3,
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(batches=st.lists(items, min_size=1, max_size=8))
def test_whatever_is_accepted_obeys_every_rule(programme, batches):
    """Batches thrown at the rules one after another: the stored time never breaks one."""
    sam = programme.sam
    savepoint = db.session.begin_nested()
    try:
        projects = [programme.project, programme.other_project, CxProjectFactory(status="paused")]
        # Sam's enrolment starts 10 days ago here, so both of its edges are explored.
        enrolment = db.session.scalar(select(Enrolment).where(Enrolment.person_id == sam.id))
        enrolment.start_date = TODAY - timedelta(days=10)
        for batch in batches:
            changes = []
            for index, (offset, which, raw) in enumerate(batch):
                try:
                    hours = parse_hours(raw)
                except HoursFormatError:
                    continue
                day = TODAY + timedelta(days=offset)
                changes.append(Change(f"{index}.", None, projects[which].id, day, hours))
            with contextlib.suppress(ValidationFailed):  # refused batches store nothing
                apply_changes(sam, sam, changes, TODAY)
        stored = db.session.scalars(select(TimeEntry).where(TimeEntry.person_id == sam.id)).all()
        per_day = defaultdict(Decimal)
        for entry in stored:
            per_day[entry.work_date] += entry.hours
            assert D(0) < entry.hours <= D(24)
            assert entry.hours == entry.hours.quantize(D("0.01"))
            assert enrolment.start_date <= entry.work_date <= TODAY
            assert entry.project.status == "active"
            assert entry.week_start == entry.work_date - timedelta(days=entry.work_date.weekday())
        assert all(total <= 24 for total in per_day.values())
        # Steer the search towards full days, where the 24-hour rule has to hold.
        target(float(max(per_day.values(), default=0)), label="fullest day")
    finally:
        savepoint.rollback()
