"""CSV import of survey results: checked as a whole, Excel files accepted, stored once."""

import io
from decimal import Decimal

from sqlalchemy import func, select

from eximpact.extensions import db
from eximpact.surveys.models import ExternalMetric
from eximpact.surveys.services.importer import TEMPLATE, import_results
from tests.factories import PersonFactory, TeamFactory


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


def test_a_windows_1251_tab_file_from_the_page_is_read_with_the_chosen_encoding(client, auth):
    """Russian Excel: tab-separated, Windows-1251, the team named in Cyrillic."""
    team = TeamFactory(name="Поддержка")
    auth.login(PersonFactory(roles=["hr"]))
    raw = "team\tperiod\tmetric\tvalue\tn\nПоддержка\t2026-Q3\tcsat\t81,5\t200\n".encode("cp1251")
    response = client.post(
        "/surveys/import",
        data={"results_file": (io.BytesIO(raw), "Опрос.csv"), "encoding": "cp1251"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    row = db.session.scalars(select(ExternalMetric)).one()
    assert (row.team_id, row.value) == (team.id, Decimal("81.5"))


def test_the_page_asks_for_the_encoding_it_cannot_tell_and_stores_nothing(client, auth):
    TeamFactory(name="Café Núñez")
    auth.login(PersonFactory(roles=["hr"]))
    raw = "team;period;metric;value;n\nCafé Núñez;2026-Q3;nps;40;50\n".encode("latin-1")
    response = client.post(
        "/surveys/import",
        data={"results_file": (io.BytesIO(raw), "encuesta.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert "encuesta.csv: We could not tell how this file is encoded" in response.get_data(
        as_text=True
    )
    assert _count() == 0


def test_the_command_line_reads_excel_files_like_the_page(runner, tmp_path, app):
    team = TeamFactory(name="Wsparcie Łódź")
    db.session.commit()
    path = tmp_path / "wyniki.csv"
    text = "team;period;metric;value;n\nWsparcie Łódź;2026;nps;45,5;30\n"
    path.write_bytes(text.encode("cp1250"))
    result = runner.invoke(args=["surveys", "import", str(path)])
    assert "1 added" in result.output, result.output
    assert db.session.scalars(select(ExternalMetric)).one().team_id == team.id
