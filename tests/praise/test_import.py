"""CSV import of praise: validated as a whole, every bad row listed, re-import changes nothing."""

import io

import pytest
from sqlalchemy import func, select

from eximpact.extensions import db
from eximpact.praise.models import Outreach, Praise
from eximpact.praise.services.importer import import_praise
from tests.factories import PersonFactory

HEADER = (
    "source,received_at,text,employee_emails,customer_ref,"
    "nps,engagement_level,emotion,external_id\n"
)
GOOD = (
    HEADER
    + """email,2026-10-02,"Ada fixed it, thank you!",ada@example.com,CASE-1,10,4,delighted,
survey,2026-10-03,Bob and Ada were great,bob@example.com;ada@example.com,,9,,,ext-7
"""
)


@pytest.fixture
def people(app):
    lead = PersonFactory(email="lead@example.com")
    return (
        PersonFactory(email="ada@example.com", manager=lead),
        PersonFactory(email="bob@example.com", manager=lead),
    )


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_good_rows_are_imported_with_their_outreach(people):
    ada, bob = people
    result = import_praise(None, GOOD)
    assert result.ok, result.errors
    assert (result.created, result.unchanged) == (2, 0)
    second = db.session.scalar(select(Praise).where(Praise.external_id == "ext-7"))
    assert set(second.employees) == {ada, bob} and second.intake == "csv"
    assert count(Outreach) == 3


def test_importing_the_same_file_again_changes_nothing(people):
    import_praise(None, GOOD)
    again = import_praise(None, GOOD)
    assert again.ok
    assert (again.created, again.unchanged) == (0, 2)
    assert (count(Praise), count(Outreach)) == (2, 3)


def test_a_row_without_external_id_is_matched_by_its_content(people):
    import_praise(None, GOOD)
    edited = GOOD.replace("Ada fixed it, thank you!", "Ada fixed it. Thank you!")
    result = import_praise(None, edited)
    assert (result.created, result.unchanged) == (1, 1)


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("fax,2026-10-02,Nice,ada@example.com,,,,,", "source: Use one of"),
        ("email,02/10/2026,Nice,ada@example.com,,,,,", "received_at: '02/10/2026' is not a date"),
        (
            "email,2999-01-01,Nice,ada@example.com,,,,,",
            "received_at: The date cannot be in the future",
        ),
        ("email,2026-10-02,,ada@example.com,,,,,", "text: Enter the customer's words"),
        ("email,2026-10-02,Nice,,,,,,", "employee_emails: Name at least one employee"),
        ("email,2026-10-02,Nice,ghost@example.com,,,,,", "nobody has the e-mail ghost@example.com"),
        ("email,2026-10-02,Nice,ada@example.com,,eleven,,,", "nps: 'eleven' is not a whole number"),
        ("email,2026-10-02,Nice,ada@example.com,,12,,,", "nps: NPS is a score from 0 to 10"),
        ("email,2026-10-02,Nice,ada@example.com,,,3,pampered,", "emotion: At level 3"),
        ("email,2026-10-02,Nice,ada@example.com,,,,,,extra", "more cells than the header"),
    ],
)
def test_each_kind_of_bad_row_is_reported_with_its_line(people, row, problem):
    result = import_praise(None, f"{HEADER}{row}\n")
    assert not result.ok
    assert [e.line for e in result.errors] == [2]
    assert problem in result.errors[0].message, result.errors


def test_one_bad_row_means_nothing_is_imported_and_every_bad_row_is_listed(people):
    bad = (
        GOOD
        + "fax,2026-10-04,Hmm,ada@example.com,,,,,\nemail,2026-10-05,Ok,nobody@example.com,,,,,\n"
    )
    result = import_praise(None, bad)
    assert [e.line for e in result.errors] == [4, 5]
    assert count(Praise) == 0


def test_the_same_praise_twice_in_one_file_is_reported(people):
    row = GOOD.splitlines()[1]
    result = import_praise(None, GOOD + row + "\n")
    assert [(e.line, e.message) for e in result.errors] == [
        (4, "The same praise is already on line 2.")
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("source,text\nemail,x\n", "Missing column(s): employee_emails, received_at."),
        ("", "The file is empty"),
    ],
)
def test_a_file_with_a_bad_header_is_refused_as_a_whole(people, text, message):
    result = import_praise(None, text)
    assert result.errors[0].line == 1 and message in result.errors[0].message


def test_hr_uploads_a_file_and_sees_every_bad_row_under_their_file_name(client, auth, people):
    auth.login(PersonFactory(roles=["hr"]))
    bad = GOOD + "fax,2026-10-04,Hmm,ada@example.com,,,,,\n"
    response = client.post(
        "/praise/import",
        data={"praise_file": (io.BytesIO(bad.encode()), "October praise.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Nothing was imported" in page and "<td>October praise.csv</td><td>4</td>" in page
    assert count(Praise) == 0


def test_hr_imports_a_good_file(client, auth, people):
    auth.login(PersonFactory(roles=["hr"]))
    response = client.post(
        "/praise/import",
        data={"praise_file": (io.BytesIO(GOOD.encode("utf-8-sig")), "praise.csv")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "Import done: 2 added, 0 already there." in response.get_data(as_text=True)
    assert count(Praise) == 2


def test_an_import_racing_another_is_refused_whole_not_a_500(client, auth, people, monkeypatch):
    """Rows stored by someone else between our check and our commit: a 409, nothing saved."""
    from sqlalchemy.exc import IntegrityError

    from eximpact import imports

    real_commit = imports.db.session.commit

    def commit_that_loses_the_race():
        monkeypatch.setattr(imports.db.session, "commit", real_commit)
        raise IntegrityError("INSERT", {}, Exception("duplicate external_id"))

    auth.login(PersonFactory(roles=["hr"]))
    monkeypatch.setattr(imports.db.session, "commit", commit_that_loses_the_race)
    response = client.post(
        "/praise/import",
        data={"praise_file": (io.BytesIO(GOOD.encode()), "praise.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 409
    assert "Another import stored some of these rows" in response.get_data(as_text=True)
    assert count(Praise) == 0


def test_the_command_line_import_reports_bad_rows(runner, tmp_path, people):
    db.session.commit()  # the command rolls back its own failed work, not our people
    path = tmp_path / "praise.csv"
    path.write_text(GOOD + "fax,2026-10-04,Hmm,ada@example.com,,,,,\n")
    result = runner.invoke(args=["praise", "import", str(path)])
    assert result.exit_code != 0
    assert "praise.csv:4: source" in result.output
    assert count(Praise) == 0
    path.write_text(GOOD)
    assert "2 added, 0 already there" in runner.invoke(args=["praise", "import", str(path)]).output


def test_a_semicolon_windows_1250_file_with_several_people_per_row_imports(client, auth, people):
    """Excel in Poland: `;` between columns, Windows-1250, the praised people split by `|`."""
    auth.login(PersonFactory(roles=["hr"]))
    text = (
        "source;received_at;text;employee_emails\n"
        "email;2026-10-02;Dziękuję, Łukasz i Żaneta rozwiązali problem!;"
        "ada@example.com|bob@example.com\n"
        "call;2026-10-03;Świetna obsługa;ada@example.com,bob@example.com\n"
    )
    response = client.post(
        "/praise/import",
        data={"praise_file": (io.BytesIO(text.encode("cp1250")), "Pochwały.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    stored = db.session.scalars(select(Praise).order_by(Praise.received_at)).all()
    assert [p.text for p in stored] == [
        "Dziękuję, Łukasz i Żaneta rozwiązali problem!",
        "Świetna obsługa",
    ]
    assert all(len(p.employees) == 2 for p in stored)


def test_the_command_line_reads_the_chosen_encoding(runner, tmp_path, people):
    db.session.commit()  # the command commits its own work on top of our people
    path = tmp_path / "praise.csv"
    path.write_bytes(
        "source;received_at;text;employee_emails\n"
        "email;2026-10-02;Šarūnas buvo puikus;ada@example.com\n".encode("cp1257")
    )
    result = runner.invoke(args=["praise", "import", str(path), "--encoding", "cp1257"])
    assert "1 added, 0 already there" in result.output, result.output
    assert db.session.scalars(select(Praise)).one().text == "Šarūnas buvo puikus"
