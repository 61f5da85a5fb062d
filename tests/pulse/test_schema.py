"""Anonymity is in the schema: answers and comments cannot be tied to a person or a moment."""

import pytest
from sqlalchemy import Date, DateTime, Time, inspect

from eximpact.extensions import db
from eximpact.pulse.models import PulseComment, PulseInvitation, PulseResponse

ANONYMOUS_TABLES = ("pulse_response", "pulse_comment")


@pytest.mark.parametrize("table", ANONYMOUS_TABLES)
def test_the_answer_and_comment_tables_reference_no_person(app, table):
    """No foreign key to `person`, and no column whose name suggests one."""
    inspector = inspect(db.engine)
    referred = {fk["referred_table"] for fk in inspector.get_foreign_keys(table)}
    assert "person" not in referred
    names = {column["name"] for column in inspector.get_columns(table)}
    assert not {n for n in names if "person" in n or "user" in n or "rater" in n or "by" in n}
    assert referred <= {"pulse_round", "team"}


@pytest.mark.parametrize("table", ANONYMOUS_TABLES)
def test_the_answer_and_comment_tables_have_no_date_or_time_column(app, table):
    for column in inspect(db.engine).get_columns(table):
        assert not isinstance(column["type"], (Date, DateTime, Time)), column["name"]
        assert not any(word in column["name"] for word in ("_at", "_on", "date", "time"))


def test_answers_and_comments_are_keyed_by_random_uuids_not_a_sequence():
    for model in (PulseResponse, PulseComment):
        (key,) = model.__table__.primary_key.columns
        assert key.name == "id" and key.autoincrement is not True
        first, second = key.default.arg(None), key.default.arg(None)
        assert len(first) == 32 and first != second


def test_the_invitation_holds_only_a_hashed_token_and_a_flag_about_answering():
    columns = set(PulseInvitation.__table__.columns.keys())
    assert columns == {
        "id",
        "round_id",
        "person_id",
        "team_id",
        "token_hash",
        "responded",
        "reminded_for",
    }


def test_sqlite_keeps_no_hidden_rowid_in_insertion_order(app):
    """On SQLite a hidden rowid would count answers in the order they came."""
    if db.engine.dialect.name != "sqlite":
        return  # PostgreSQL has no rowid; its heap order is not exposed by any page or API
    with db.engine.connect() as connection:
        for table in ANONYMOUS_TABLES:
            sql = connection.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE name = ?", (table,)
            ).scalar()
            assert "WITHOUT ROWID" in sql
