"""The one clock: "today" is the organisation's day, and tests can stop time."""

from datetime import UTC, date, datetime, timedelta

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


class TestOneClockForEveryRule:
    """Praise, recognition, time and campaigns ask the same clock what day it is.

    Late in the evening in UTC it is already tomorrow at UTC+14: the organisation's
    tomorrow-in-UTC is its today, for the no-future-day rule and for praise alike.
    """

    @pytest.fixture
    def app(self, make_app):
        return make_app(TIMEZONE="Pacific/Kiritimati")

    @pytest.fixture
    def evening(self, app):
        at = datetime.combine(clock.now().date(), datetime.min.time())  # the real UTC date
        at = at.replace(hour=23, tzinfo=UTC)  # ... beside the factories' dates
        with clock.frozen(at):
            yield at.date() + timedelta(days=1)

    def test_time_can_be_logged_on_the_organisations_today(self, api, evening):
        from tests.ambassadors.factories import CxProjectFactory, ambassador

        sam, project = ambassador(), CxProjectFactory()
        response = api(sam).post(
            "/api/v1/time-entries",
            json={"project_id": project.id, "date": evening.isoformat(), "hours": 1},
        )
        assert response.status_code == 201, response.get_json()
        tomorrow = (evening + timedelta(days=1)).isoformat()
        response = api(sam).post(
            "/api/v1/time-entries", json={"project_id": project.id, "date": tomorrow, "hours": 1}
        )
        assert response.status_code == 422

    def test_praise_is_received_on_the_same_today_by_default(self, api, evening):
        from tests.factories import PersonFactory

        colleague = PersonFactory()
        response = api(PersonFactory()).post(
            "/api/v1/praise",
            json={"source": "email", "text": "Lovely", "employee_ids": [colleague.id]},
        )
        assert response.status_code == 201, response.get_json()
        assert response.get_json()["received_at"] == evening.isoformat()


def test_the_old_utcnow_name_is_the_one_clock():
    from eximpact.extensions import utcnow

    assert utcnow is clock.now
