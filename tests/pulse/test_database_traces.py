"""Traces a database keeps beside the columns (PostgreSQL's `xmin`) do not tie answers to people."""

import pytest
from sqlalchemy import func, select, text

from eximpact.extensions import db
from eximpact.pulse.models import PulseResponse
from eximpact.pulse.services import answers, rounds
from tests.factories import PersonFactory, TeamFactory
from tests.pulse.factories import make_round, open_round

pytestmark = pytest.mark.postgres_only


def test_after_closing_no_answer_shares_a_transaction_id_with_an_invitation(app):
    """PostgreSQL's hidden `xmin` would tie an answer to the invitation flagged with it."""
    team = TeamFactory()
    hr = PersonFactory(roles=["hr"])
    people = [PersonFactory(team=team) for _ in range(6)]
    round_ = open_round(hr, make_round(hr, teams=[team], comments=True))
    for person in people:  # each answer in its own (sub)transaction, as in the app
        with db.session.begin_nested():
            answers.answer(person, round_, {"mission": 5, "feedback": 5, "tools": 5}, "Hi")

    def xmins(table: str) -> set:
        sql = f"SELECT xmin::text FROM {table} WHERE round_id = :id"  # noqa: S608
        return set(db.session.execute(text(sql), {"id": round_.id}).scalars())

    rounds.close_round(hr, round_)
    db.session.flush()
    invitation_xmins = xmins("pulse_invitation")
    assert not xmins("pulse_response") & invitation_xmins
    assert not xmins("pulse_comment") & invitation_xmins
    assert db.session.scalar(select(func.count()).select_from(PulseResponse)) == 6
