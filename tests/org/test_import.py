"""CSV import of teams and people.

All or nothing, every bad row named, and importing again changes nothing.
"""

import io

import pytest
from sqlalchemy import func, select

from eximpact.extensions import db
from eximpact.org.importer import import_org
from eximpact.org.models import Person, Team
from tests.factories import PersonFactory, TeamFactory

TEAMS = """name,parent,manager_email
Customer Care,,lead@example.com
Care North,Customer Care,north@example.com
"""
PEOPLE = """name,email,team,manager_email,roles,active
Lena Lead,lead@example.com,Customer Care,,manager,yes
Noor North,north@example.com,Care North,lead@example.com,manager,yes
Ari Agent,ari@example.com,Care North,north@example.com,ambassador,yes
"""


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_teams_and_people_can_refer_to_each_other_in_one_import(app):
    result = import_org(None, TEAMS, PEOPLE)
    assert result.ok, result.errors
    north = db.session.scalar(select(Team).where(Team.name == "Care North"))
    assert north.parent.name == "Customer Care"
    assert north.manager.email == "north@example.com"
    ari = db.session.scalar(select(Person).where(Person.email == "ari@example.com"))
    assert (ari.team, ari.manager.email, ari.roles) == (
        north,
        "north@example.com",
        {"employee", "ambassador"},
    )
    assert result.created == {"teams": 2, "people": 3}


def test_importing_the_same_files_again_changes_nothing(app):
    import_org(None, TEAMS, PEOPLE)
    again = import_org(None, TEAMS, PEOPLE)
    assert again.ok
    assert again.created == {"teams": 0, "people": 0}
    assert again.updated == {"teams": 0, "people": 0}
    assert again.unchanged == {"teams": 2, "people": 3}


def test_a_changed_row_updates_only_that_person(app):
    import_org(None, TEAMS, PEOPLE)
    result = import_org(None, None, PEOPLE.replace("Ari Agent", "Ari Agentson"))
    assert result.updated["people"] == 1 and result.unchanged["people"] == 2


@pytest.mark.parametrize(
    ("people_csv", "line", "problem"),
    [
        ("name,email\nBad Mail,not-an-email\n", 2, "email"),
        ("name,email\n,nobody@example.com\n", 2, "name: Enter a name"),
        ("name,email,team\nX Y,x@example.com,Atlantis\n", 2, "no team called 'atlantis'"),
        (
            "name,email,manager_email\nX Y,x@example.com,ghost@example.com\n",
            2,
            "nobody has the e-mail",
        ),
        ("name,email,manager_email\nX Y,x@example.com,x@example.com\n", 2, "their own manager"),
        ("name,email,roles\nX Y,x@example.com,boss\n", 2, "unknown role(s) boss"),
        ("name,email,active\nX Y,x@example.com,maybe\n", 2, "is not yes or no"),
        ("name,email\nA B,a@example.com\nC D,A@example.com\n", 3, "already on line 2"),
        ("name,email\nA B,a@example.com,extra\n", 2, "more cells than the header"),
        ("name,mail\nA B,a@example.com\n", 1, "Missing column(s): email"),
        ("name,email,shoe_size\nA B,a@example.com,42\n", 1, "Unknown column(s): shoe_size"),
        (
            "name,email,manager_email\n"
            "A B,a@example.com,b@example.com\nB C,b@example.com,a@example.com\n",
            2,
            "loop of people",
        ),
    ],
)
def test_each_kind_of_bad_row_is_reported_with_its_line(app, people_csv, line, problem):
    result = import_org(None, None, people_csv)
    assert not result.ok
    assert any(e.line == line and problem in e.message for e in result.errors), result.errors


def test_one_bad_row_means_nothing_is_imported_and_every_bad_row_is_listed(app):
    people = PEOPLE + "Bad One,broken,,,,\nBad Two,two@example.com,Nowhere,,,\n"
    before = (count(Person), count(Team))
    result = import_org(None, TEAMS, people)
    assert [(e.line, e.file) for e in result.errors] == [(5, "people.csv"), (6, "people.csv")]
    assert (count(Person), count(Team)) == before


def test_team_loops_are_refused(app):
    result = import_org(None, "name,parent\nA,B\nB,A\n", None)
    assert not result.ok
    assert all("loop of teams" in e.message for e in result.errors)


def test_only_an_admin_may_import_admins(app):
    hr = PersonFactory(roles=["hr"])
    result = import_org(hr, None, "name,email,roles\nNew Admin,na@example.com,admin\n")
    assert any("only an admin" in e.message.lower() for e in result.errors)


def test_a_missing_column_leaves_that_attribute_alone(app):
    team = TeamFactory(name="Keepers")
    PersonFactory(email="keep@example.com", team=team, roles=["manager"])
    result = import_org(None, None, "name,email\nKeep Er,keep@example.com\n")
    assert result.ok
    kept = db.session.scalar(select(Person).where(Person.email == "keep@example.com"))
    assert kept.team == team and "manager" in kept.roles and kept.name == "Keep Er"


def test_the_upload_page_lists_every_bad_row_and_imports_nothing(client, auth):
    hr = PersonFactory(roles=["hr"])
    auth.login(hr)
    bad = "name,email,team\nGood Person,good@example.com,\nBad Person,bad,\n"
    response = client.post(
        "/org/import",
        data={"people_file": (io.BytesIO(bad.encode()), "people.csv")},
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert "Nothing was imported" in page
    assert "<td>3</td>" in page
    assert db.session.scalar(select(Person).where(Person.email == "good@example.com")) is None


def test_the_upload_page_imports_good_files_and_reports_counts(client, auth):
    admin = PersonFactory(roles=["admin"])
    auth.login(admin)
    response = client.post(
        "/org/import",
        data={
            "teams_file": (io.BytesIO(TEAMS.encode("utf-8-sig")), "teams.csv"),
            "people_file": (io.BytesIO(PEOPLE.encode()), "people.csv"),
        },
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert b"teams: 2 added" in response.data and b"people: 3 added" in response.data


def test_hr_may_import_people_but_not_teams(client, auth):
    auth.login(PersonFactory(roles=["hr"]))
    response = client.post(
        "/org/import",
        data={"teams_file": (io.BytesIO(TEAMS.encode()), "teams.csv")},
        content_type="multipart/form-data",
    )
    assert b"Only an admin can import teams" in response.data
    assert count(Team) == 0


def test_the_command_line_import_reports_bad_rows(runner, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("name,email\nBad Person,bad\n")
    result = runner.invoke(args=["org", "import", "--people", str(path)])
    assert result.exit_code != 0
    assert "people.csv:2" in result.output


def test_the_command_line_reads_a_chosen_code_page_and_invites_on_request(runner, tmp_path):
    path = tmp_path / "сотрудники.csv"
    path.write_bytes("name;email\nОльга Петрова;olga@example.com\n".encode("cp1251"))
    result = runner.invoke(
        args=["org", "import", "--people", str(path), "--encoding", "cp1251", "--invite"]
    )
    assert result.exit_code == 0, result.output
    assert "people: 1 added" in result.output and "1 invitation is queued" in result.output
    olga = db.session.scalar(select(Person).where(Person.email == "olga@example.com"))
    assert olga.name == "Ольга Петрова"


def test_the_command_line_asks_for_the_encoding_when_it_cannot_tell(runner, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes("name,email\nJosé Núñez,jose@example.com\n".encode("latin-1"))
    result = runner.invoke(args=["org", "import", "--people", str(path)])
    assert result.exit_code != 0
    assert "could not tell how this file is encoded" in result.output
    assert "--encoding" in result.output
