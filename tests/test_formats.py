"""One style for numbers a person reads: percentages, money, times and counts."""

from datetime import datetime
from decimal import Decimal

from eximpact.templating import count_of, format_datetime, format_money, format_percent


def test_a_share_is_shown_as_a_whole_percentage_without_a_space(app):
    """Every percentage reads like "42%": shares are fractions, rounded to whole per cent."""
    assert format_percent(0.4249) == "42%"
    assert format_percent(Decimal("1")) == "100%"
    assert format_percent(0.5, digits=1) == "50.0%"
    assert format_percent(None) == "—"


def test_money_carries_the_default_currency(app):
    """Without EXIMPACT_CURRENCY, amounts are euros with two decimals and thousands separators."""
    assert format_money(Decimal("1250")) == "€1,250.00"
    assert format_money(None) == "—"


def test_money_carries_the_configured_currency(make_app):
    """EXIMPACT_CURRENCY=PLN shows złoty on every amount."""
    with make_app(CURRENCY="PLN").app_context():
        assert format_money(Decimal("99.5")) == "PLN99.50"


def test_times_are_shown_in_the_organisations_time_zone(make_app):
    """A stored UTC time is shown in EXIMPACT_TIMEZONE, with the zone's name."""
    with make_app(TIMEZONE="Europe/Vilnius").app_context():
        assert format_datetime(datetime(2026, 12, 4, 10, 30)) == "04 Dec 2026, 12:30 EET"
    with make_app(TIMEZONE="UTC").app_context():
        assert format_datetime(datetime(2026, 12, 4, 10, 30)) == "04 Dec 2026, 10:30 UTC"


def test_a_count_takes_the_right_form_of_its_noun():
    """ "1 entry" but "2 entries"; irregular plurals are given."""
    assert count_of(1, "entry", "entries") == "1 entry"
    assert count_of(2, "entry", "entries") == "2 entries"
    assert count_of(0, "week") == "0 weeks"
    assert count_of(1, "person", "people") == "1 person"
    assert count_of(1200, "row") == "1,200 rows"


def test_pages_use_the_shared_formats(app, client, auth):
    """A page with a percentage shows it in the one style (the outreach report)."""
    from tests.factories import PersonFactory

    auth.login(PersonFactory(roles=["hr"]))
    html = client.get("/praise/outreach/report").get_data(as_text=True)
    assert " %" not in html.split("<main")[1]
