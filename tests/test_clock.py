"""The one clock: "today" is the organisation's day, and tests can stop time."""

from datetime import UTC, date, datetime

import pytest

from eximpact import clock


def test_today_is_the_organisations_day_not_the_servers(make_app):
    """Late on 31 December in UTC it is already New Year's Day in Vilnius."""
    late_evening = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    with clock.frozen(late_evening):
        with make_app(TIMEZONE="UTC").app_context():
            assert clock.today() == date(2026, 12, 31)
        with make_app(TIMEZONE="Europe/Vilnius").app_context():
            assert clock.today() == date(2027, 1, 1)
            assert clock.now() == datetime(2026, 12, 31, 23, 30)  # stored times stay UTC


def test_a_frozen_date_stands_still_and_is_restored():
    with clock.frozen(date(2027, 3, 4)):
        assert clock.now() == datetime(2027, 3, 4, 12, 0)
    assert clock.now().year >= 2026


def test_local_shows_a_stored_utc_time_in_the_organisations_zone(make_app):
    with make_app(TIMEZONE="Europe/Warsaw").app_context():
        assert clock.local(datetime(2026, 7, 1, 10, 0)).hour == 12


def test_a_misspelt_time_zone_stops_start_up(make_app):
    with pytest.raises(ValueError, match="EXIMPACT_TIMEZONE"):
        make_app(TIMEZONE="Europe/Atlantis")
