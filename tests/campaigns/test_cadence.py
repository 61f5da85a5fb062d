"""Cadence maths: ISO week boundaries, year ends, every frequency, gaps."""

from datetime import date

import pytest

from eximpact.campaigns.models import PILLARS
from eximpact.campaigns.services.cadence import (
    Planned,
    add_months,
    cadence,
    campaign_weeks,
    covered_mondays,
    occurrences,
)

D = date


@pytest.mark.parametrize(
    ("start", "end", "first_monday", "last_monday", "count"),
    [
        # A calendar year: 2026 starts on a Thursday, so its first ISO week began in 2025.
        (D(2026, 1, 1), D(2026, 12, 31), D(2025, 12, 29), D(2026, 12, 28), 53),
        # Exactly one ISO week, Monday to Sunday.
        (D(2026, 3, 2), D(2026, 3, 8), D(2026, 3, 2), D(2026, 3, 2), 1),
        # A Sunday and the Monday after are two weeks.
        (D(2026, 3, 8), D(2026, 3, 9), D(2026, 3, 2), D(2026, 3, 9), 2),
        # Across a year end.
        (D(2026, 12, 20), D(2027, 1, 10), D(2026, 12, 14), D(2027, 1, 4), 4),
        # An inverted period has no weeks.
        (D(2026, 3, 9), D(2026, 3, 8), None, None, 0),
    ],
)
def test_campaign_weeks_follow_iso_week_boundaries(start, end, first_monday, last_monday, count):
    weeks = campaign_weeks(start, end)
    assert len(weeks) == count
    if count:
        assert (weeks[0], weeks[-1]) == (first_monday, last_monday)
        assert all(week.weekday() == 0 for week in weeks)


@pytest.mark.parametrize(
    ("frequency", "start", "end", "expected"),
    [
        (
            "weekly",
            D(2026, 1, 7),
            D(2026, 1, 28),
            [D(2026, 1, 7), D(2026, 1, 14), D(2026, 1, 21), D(2026, 1, 28)],
        ),
        ("biweekly", D(2026, 1, 7), D(2026, 2, 4), [D(2026, 1, 7), D(2026, 1, 21), D(2026, 2, 4)]),
        (
            "monthly",
            D(2026, 1, 31),
            D(2026, 4, 30),
            [D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 31), D(2026, 4, 30)],
        ),
        (
            "quarterly",
            D(2026, 2, 15),
            D(2026, 12, 31),
            [D(2026, 2, 15), D(2026, 5, 15), D(2026, 8, 15), D(2026, 11, 15)],
        ),
        (
            "yearly",
            D(2024, 2, 29),
            D(2027, 3, 1),
            [D(2024, 2, 29), D(2025, 2, 28), D(2026, 2, 28), D(2027, 2, 28)],
        ),
        (
            "monthly",
            D(2026, 12, 10),
            D(2027, 2, 10),
            [D(2026, 12, 10), D(2027, 1, 10), D(2027, 2, 10)],
        ),
    ],
)
def test_recurring_initiatives_occur_on_their_start_and_every_interval_after(
    frequency, start, end, expected
):
    days = [first for first, last in occurrences(Planned("inform", start, end, frequency))]
    assert days == expected


def test_a_once_initiative_occurs_over_its_whole_range():
    item = Planned("inform", D(2026, 3, 4), D(2026, 3, 20), "once")
    assert list(occurrences(item)) == [(D(2026, 3, 4), D(2026, 3, 20))]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 5, 15), 12, D(2027, 5, 15)),
    ],
)
def test_adding_months_keeps_the_day_where_the_month_allows(day, months, expected):
    assert add_months(day, months) == expected


def test_a_weekly_initiative_over_four_weeks_covers_exactly_those_four_weeks():
    weeks = campaign_weeks(D(2026, 1, 1), D(2026, 12, 31))
    item = Planned("engage", D(2026, 3, 4), D(2026, 3, 25), "weekly")  # four Wednesdays
    covered = covered_mondays(item, weeks[0], weeks[-1])
    assert sorted(covered) == [D(2026, 3, 2), D(2026, 3, 9), D(2026, 3, 16), D(2026, 3, 23)]


def test_a_once_initiative_covers_every_week_it_touches_even_partly():
    weeks = campaign_weeks(D(2026, 1, 1), D(2026, 12, 31))
    item = Planned("inform", D(2026, 3, 8), D(2026, 3, 16), "once")  # Sunday to Monday+1 week
    assert sorted(covered_mondays(item, weeks[0], weeks[-1])) == [
        D(2026, 3, 2),
        D(2026, 3, 9),
        D(2026, 3, 16),
    ]


def test_weeks_outside_the_campaign_do_not_count():
    result = cadence(
        D(2026, 3, 2),
        D(2026, 3, 29),
        [Planned("inform", D(2026, 2, 1), D(2026, 4, 30), "once")],
        PILLARS,
    )
    assert len(result.weeks) == 4 and len(result.covered) == 4 and result.share == 1.0


def test_a_range_crossing_the_year_end_is_counted_in_both_years():
    result = cadence(
        D(2026, 12, 1),
        D(2027, 1, 31),
        [Planned("reward", D(2026, 12, 28), D(2027, 1, 3), "once")],
        PILLARS,
    )
    assert sorted(result.covered) == [D(2026, 12, 28)]  # one ISO week: 2026-W53
    result = cadence(
        D(2026, 12, 1),
        D(2027, 1, 31),
        [Planned("reward", D(2026, 12, 27), D(2027, 1, 4), "once")],
        PILLARS,
    )
    assert sorted(result.covered) == [D(2026, 12, 21), D(2026, 12, 28), D(2027, 1, 4)]


def test_shares_overall_and_per_pillar():
    items = [
        Planned("inform", D(2026, 1, 5), D(2026, 1, 18), "once"),  # weeks 1-2
        Planned("inspire", D(2026, 1, 12), D(2026, 1, 25), "once"),  # weeks 2-3
    ]
    result = cadence(D(2026, 1, 5), D(2026, 2, 1), items, PILLARS)  # four weeks
    assert result.share == 0.75
    assert result.pillar_share("inform") == 0.5
    assert result.pillar_share("inspire") == 0.5
    assert result.pillar_share("reward") == 0.0


def test_gaps_are_the_uncovered_stretches_clipped_to_the_campaign():
    items = [Planned("inform", D(2026, 1, 12), D(2026, 1, 18), "once")]  # only week 2
    result = cadence(D(2026, 1, 7), D(2026, 2, 3), items, PILLARS)
    assert [(g.start, g.end, g.weeks) for g in result.gaps] == [
        (D(2026, 1, 7), D(2026, 1, 11), 1),
        (D(2026, 1, 19), D(2026, 2, 3), 3),
    ]


def test_no_initiatives_means_one_gap_over_the_whole_campaign_and_a_zero_share():
    result = cadence(D(2026, 1, 1), D(2026, 12, 31), [], PILLARS)
    assert result.share == 0.0
    assert [(g.start, g.end) for g in result.gaps] == [(D(2026, 1, 1), D(2026, 12, 31))]
