"""The people import page reads Excel's files as people have them, and invites who it adds.

Excel in Poland, Lithuania and Russia saves `;`-separated files in Windows-1250, -1257
or -1251; the page detects the separator and, when it can, the code page, and asks
for the encoding (422, the form again) when it cannot tell.
"""

import io

import pytest
from sqlalchemy import func, select

from eximpact.extensions import db
from eximpact.notifications.models import OutboxMessage
from eximpact.org.models import Person
from tests.factories import PersonFactory

POLISH = (
    "name;email;roles\nŁukasz Żółć;lukasz@example.com;manager\nJózef Zięba;jozef@example.com;\n"
)


@pytest.fixture
def hr(auth):
    person = PersonFactory(roles=["hr"])
    auth.login(person)
    return person


def upload(client, raw: bytes, file_name: str = "people.csv", encoding: str = ""):
    return client.post(
        "/org/import",
        data={"people_file": (io.BytesIO(raw), file_name), "encoding": encoding},
        content_type="multipart/form-data",
    )


def person(email: str) -> Person | None:
    return db.session.scalar(select(Person).where(Person.email == email))


def invitations_to(email: str) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(OutboxMessage)
        .where(OutboxMessage.to_email == email, OutboxMessage.kind == "password_link")
    )


def test_a_semicolon_windows_1250_file_with_polish_names_imports_and_invites(client, hr):
    response = upload(client, POLISH.encode("cp1250"), "Pracownicy.csv")
    assert response.status_code == 302
    lukasz = person("lukasz@example.com")
    assert lukasz.name == "Łukasz Żółć" and "manager" in lukasz.roles
    assert person("jozef@example.com").name == "Józef Zięba"
    assert invitations_to("lukasz@example.com") == 1
    assert invitations_to("jozef@example.com") == 1
    page = client.get(response.location).get_data(as_text=True)
    assert "people: 2 added" in page and "2 invitations are queued" in page


def test_importing_the_same_people_again_invites_nobody_twice(client, hr):
    client.get(upload(client, POLISH.encode("cp1250")).location)  # shows its message
    response = upload(client, POLISH.encode("cp1250"))
    assert response.status_code == 302
    assert invitations_to("lukasz@example.com") == 1
    page = client.get(response.location).get_data(as_text=True)
    assert "people: 0 added, 0 updated, 2 unchanged." in page and "are queued" not in page


@pytest.mark.parametrize(
    ("name", "code_page"),
    [("Šarūnas Žemaitis", "cp1257"), ("Ольга Петрова", "cp1251")],
)
def test_lithuanian_and_russian_excel_files_import_with_the_chosen_encoding(
    client, hr, name, code_page
):
    raw = f"name;email\n{name};new@example.com\n".encode(code_page)
    assert upload(client, raw, encoding=code_page).status_code == 302
    assert person("new@example.com").name == name


def test_an_encoding_that_cannot_be_told_is_asked_for_and_nothing_is_stored(client, hr):
    raw = "name,email\nJosé Núñez,jose@example.com\n".encode("latin-1")
    response = upload(client, raw, "Plantilla.csv")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Plantilla.csv: We could not tell how this file is encoded" in page
    assert 'class="form-select is-invalid" id="encoding"' in page
    assert '<option selected value="">Detect</option>' in page
    assert person("jose@example.com") is None


def test_a_utf8_file_with_a_bom_separated_by_tabs_imports(client, hr):
    raw = "name\temail\troles\nŁukasz Żółć\tlukasz@example.com\thr|ambassador\n"
    assert upload(client, raw.encode("utf-8-sig")).status_code == 302
    assert person("lukasz@example.com").roles == {"employee", "hr", "ambassador"}


def test_roles_separated_by_a_bar_in_a_semicolon_file(client, hr):
    raw = "name;email;roles\nŁukasz Żółć;lukasz@example.com;manager|ambassador\n"
    assert upload(client, raw.encode("cp1250")).status_code == 302
    assert person("lukasz@example.com").roles == {"employee", "manager", "ambassador"}


def test_one_bad_row_stores_and_invites_nobody_and_names_the_persons_file(client, hr):
    raw = POLISH + "Zła Osoba;to-nie-e-mail;\n"
    response = upload(client, raw.encode("cp1250"), "Pracownicy 2026.csv")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "<td>Pracownicy 2026.csv</td><td>4</td>" in page
    assert person("lukasz@example.com") is None
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


def test_the_page_says_how_to_separate_several_values_and_which_encodings_it_reads(client, hr):
    page = client.get("/org/import").get_data(as_text=True)
    assert "separate them with <code>|</code>" in page
    assert "Windows-1250 (Polish)" in page and "Windows-1251 (Russian)" in page
