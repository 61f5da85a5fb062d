"""Reporting periods: what a key names, and how periods follow each other."""

from datetime import date

import pytest

from eximpact.periods import MONTH, QUARTER, YEAR, parse_period, period_of, periods_between
from eximpact.validation import ValidationFailed


@pytest.mark.parametrize(
    ("key", "start", "end", "grain"),
    [
        ("2026", date(2026, 1, 1), date(2026, 12, 31), YEAR),
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30), QUARTER),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), MONTH),
        (" 2026-12 ", date(2026, 12, 1), date(2026, 12, 31), MONTH),
    ],
)
def test_a_key_names_its_days(key, start, end, grain):
    period = parse_period(key)
    assert (period.start, period.end, period.grain) == (start, end, grain)
    assert period.key == key.strip()


@pytest.mark.parametrize(
    "key", ["", None, "26", "2026-13", "2026-Q5", "2026-q3", "1999", "2026-9", "٢٠٢٦"]
)
def test_anything_else_is_refused_naming_the_field(key):
    with pytest.raises(ValidationFailed) as refused:
        parse_period(key, field="from")
    assert "2026-Q3" in refused.value.fields["from"][0]


def test_periods_step_across_years():
    assert parse_period("2026-Q1").previous().key == "2025-Q4"
    assert parse_period("2026-12").next().key == "2027-01"
    assert parse_period("2026").shifted(-2).key == "2024"


def test_the_period_of_a_day_and_the_periods_between_two():
    assert period_of(date(2026, 8, 31), QUARTER).key == "2026-Q3"
    keys = [p.key for p in periods_between(parse_period("2025-11"), parse_period("2026-Q1"))]
    assert keys == ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]
    quarters = periods_between(parse_period("2025"), parse_period("2026"), QUARTER)
    assert len(quarters) == 8 and quarters[0].key == "2025-Q1"
