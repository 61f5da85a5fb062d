"""CSV import of survey results: checked as a whole, Excel files accepted, stored once."""

from decimal import Decimal

from sqlalchemy import func, select

from eximpact.extensions import db
from eximpact.surveys.models import ExternalMetric
from eximpact.surveys.services.importer import TEMPLATE, import_results
from tests.factories import TeamFactory


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(ExternalMetric))


def test_a_good_file_is_stored_with_teams_by_name_or_id(app):
    """Teams are named by name (any case) or id; every row is stored with its period normalised."""
    care, sales = TeamFactory(name="Customer Care"), TeamFactory(name="Sales")
    text = (
        "team,period,metric,value,n,source,external_id\n"
        f"customer care,2026-Q3,nps,42,118,Medallia,\n"
        f"{sales.id},2026-09,csat,87.5,240,Typeform,tf-1\n"
    )
    result = import_results(None, text)
    assert result.ok, result.errors
    assert (result.created, result.unchanged) == (2, 0)
    rows = db.session.scalars(select(ExternalMetric).order_by(ExternalMetric.team_id)).all()
    assert [(r.team_id, r.period_key, r.metric, r.value) for r in rows] == [
        (care.id, "2026-Q3", "nps", Decimal("42")),
        (sales.id, "2026-09", "csat", Decimal("87.5")),
    ]


def test_semicolons_a_bom_and_decimal_commas_are_read(app):
    """Excel's semicolon CSV with a BOM and a decimal comma (`45,5`) imports like any other."""
    team = TeamFactory(name="Support")
    raw = "\ufeffteam;period;metric;value;n;source\nSupport;2026;ces;4,5;30;Survey\n".encode()
    result = import_results(None, raw.decode("utf-8-sig"))
    assert result.ok, result.errors
    row = db.session.scalars(select(ExternalMetric)).one()
    assert (row.team_id, row.grain, row.value) == (team.id, "year", Decimal("4.5"))


def test_one_bad_row_stores_nothing_and_names_its_line(app):
    """A file with a bad row stores nothing; each bad row is named with its line number."""
    TeamFactory(name="Care")
    text = (
        "team,period,metric,value,n\n"
        "Care,2026-Q3,nps,42,118\n"
        "Care,2026-Q3,csat,150,10\n"
        "Nobody,2026-Q9,ces,4,x\n"
    )
    result = import_results(None, text)
    assert not result.ok and _count() == 0
    by_line = {}
    for error in result.errors:
        by_line.setdefault(error.line, []).append(error.message)
    assert set(by_line) == {3, 4}
    assert any(m.startswith("value:") for m in by_line[3])
    assert {m.split(":")[0] for m in by_line[4]} == {"team", "period", "n"}


def test_the_same_file_twice_is_stored_once_and_says_so(app):
    """Importing the same file again stores nothing new, and the summary says so."""
    TeamFactory(name="Customer Care")
    assert import_results(None, TEMPLATE).created == 2
    again = import_results(None, TEMPLATE)
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert "Nothing new" in again.summary and _count() == 2


def test_a_file_with_unknown_columns_is_refused_whole(app):
    """A header naming an unknown column is refused on line 1, before any row is read."""
    result = import_results(None, "team,period,metric,value,n,colour\n")
    assert [error.line for error in result.errors] == [1]
    assert "colour" in result.errors[0].message
