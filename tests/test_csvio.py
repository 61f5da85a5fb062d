"""Reading CSV files as Excel saves them in Poland, Lithuania and Russia (and anywhere else)."""

import pytest

from eximpact.csvio import (
    CsvFileError,
    EncodingUnsure,
    decode_upload,
    detect_delimiter,
    read_rows,
    split_values,
)

POLISH = "name;email\nŁukasz Żółć;lukasz@example.com\nJózef Zięba;jozef@example.com\n"
LITHUANIAN = "name;email\nŠarūnas Žemaitis;sarunas@example.com\nGintarė Vaičiulė;g@example.com\n"
RUSSIAN = "name;email\nОльга Петрова;olga@example.com\nЁжик «Ёлкин»;y@example.com\n"
SPANISH = "name,email\nJosé Núñez,jose@example.com\n"


@pytest.mark.parametrize(
    ("header", "separator"),
    [
        ("name,email,team", ","),
        ("name;email;team", ";"),
        ("name\temail\tteam", "\t"),
        ('"name;x",email,team', ","),  # a separator inside quotes does not count
        ("name", ","),
    ],
)
def test_the_separator_is_the_one_the_header_line_uses(header, separator):
    assert detect_delimiter(header + "\nrow,with;all\tthree\n") == separator


@pytest.mark.parametrize(
    "raw",
    [POLISH.encode("utf-8"), POLISH.encode("utf-8-sig")],
    ids=["utf-8", "utf-8 with BOM"],
)
def test_utf8_is_read_with_or_without_a_bom(raw):
    assert decode_upload(raw, "people.csv") == POLISH


@pytest.mark.parametrize(
    ("text", "code_page"),
    [(POLISH, "cp1250"), (LITHUANIAN, "cp1257"), (RUSSIAN, "cp1251")],
)
def test_a_code_page_that_alone_gives_words_of_its_language_is_detected(text, code_page):
    assert decode_upload(text.encode(code_page), "people.csv") == text


@pytest.mark.parametrize(
    ("text", "code_page"),
    [(POLISH, "cp1250"), (LITHUANIAN, "cp1257"), (RUSSIAN, "cp1251")],
)
def test_the_chosen_encoding_reads_the_file(text, code_page):
    assert decode_upload(text.encode(code_page), "people.csv", code_page) == text


def test_a_file_no_code_page_reads_cleanly_needs_a_choice():
    with pytest.raises(EncodingUnsure) as raised:
        decode_upload(SPANISH.encode("latin-1"), "people.csv")
    assert raised.value.error.line == 1
    assert "Choose its encoding" in raised.value.error.message


def test_a_file_two_code_pages_read_alike_plausibly_needs_a_choice():
    """'ć' in Windows-1250 is the byte of Lithuanian 'ę' in Windows-1257: no way to tell."""
    with pytest.raises(EncodingUnsure):
        decode_upload("name;email\nAnna Kać;anna@example.com\n".encode("cp1250"), "people.csv")


def test_utf8_wins_over_a_wrong_choice():
    assert decode_upload(RUSSIAN.encode("utf-8"), "people.csv", "cp1250") == RUSSIAN


def test_a_choice_the_bytes_do_not_fit_is_refused_clearly():
    with pytest.raises(CsvFileError) as raised:
        decode_upload("Świętość".encode("cp1250"), "people.csv", "cp1257")
    assert "not Windows-1257" in raised.value.error.message


def test_choosing_utf8_refuses_a_file_in_another_encoding():
    with pytest.raises(CsvFileError) as raised:
        decode_upload(POLISH.encode("cp1250"), "people.csv", "utf-8")
    assert "not UTF-8" in raised.value.error.message


@pytest.mark.parametrize("cell", ["manager|hr", "manager,hr", "manager;hr", " manager | hr |"])
def test_several_values_in_a_cell_are_split_on_a_bar_or_the_other_separator(cell):
    assert split_values(cell) == ["manager", "hr"]


def test_rows_of_a_tab_separated_file_are_read_by_column():
    text = "name\temail\troles\nŁukasz Żółć\tlukasz@example.com\tmanager|hr\n"
    rows = list(read_rows(text, "people.csv", {"name", "email"}, {"roles"}))
    assert rows == [
        (2, {"name": "Łukasz Żółć", "email": "lukasz@example.com", "roles": "manager|hr"})
    ]


def test_a_semicolon_file_keeps_commas_inside_cells():
    text = "name;email;roles\nŻółć, Łukasz;lukasz@example.com;manager,hr\n"
    [(_line, row)] = read_rows(text, "people.csv", {"name", "email"}, {"roles"})
    assert row["name"] == "Żółć, Łukasz" and split_values(row["roles"]) == ["manager", "hr"]
