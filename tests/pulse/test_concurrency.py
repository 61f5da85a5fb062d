"""Two answers on one invitation at the same moment: exactly one is stored (PostgreSQL)."""

import pytest
from sqlalchemy import func, select

from eximpact.extensions import db
from eximpact.pulse import loaders
from eximpact.pulse.models import PulseInvitation, PulseResponse
from eximpact.pulse.services import answers
from tests.committed import at_the_same_moment, first_call_waits_for_the_other, token_for
from tests.factories import PersonFactory, TeamFactory
from tests.pulse.factories import make_round, open_round

pytestmark = pytest.mark.postgres_only


def test_two_simultaneous_answers_on_one_invitation_store_one(committed_app, monkeypatch):
    with committed_app.app_context():
        team = TeamFactory()
        hr, person = PersonFactory(roles=["hr"]), PersonFactory(team=team)
        round_ = open_round(hr, make_round(hr, teams=[team]))
        db.session.commit()
        round_id, person_id = round_.id, person.id
        db.session.remove()
    token = token_for(committed_app, person_id)
    first_call_waits_for_the_other(monkeypatch, answers, "check_can_answer")
    body = {"answers": {"mission": 5, "feedback": 5, "tools": 5}}

    def send():
        client = committed_app.test_client()
        return client.post(
            f"/api/v1/pulse/rounds/{round_id}/responses",
            json=body,
            headers={"Authorization": f"Bearer {token}"},
        ).status_code

    statuses = at_the_same_moment(send, send)
    assert sorted(statuses) == [201, 409]
    with committed_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PulseResponse)) == 1
        assert db.session.scalar(select(PulseInvitation.responded)) is True


def test_two_hr_people_opening_a_round_at_once_open_it_once(committed_app, monkeypatch):
    with committed_app.app_context():
        team = TeamFactory()
        hr, other_hr = PersonFactory(roles=["hr"]), PersonFactory(roles=["hr"])
        PersonFactory(team=team)
        round_ = make_round(hr, teams=[team])
        db.session.commit()
        round_id, hr_ids = round_.id, (hr.id, other_hr.id)
        db.session.remove()
    tokens = [token_for(committed_app, person_id) for person_id in hr_ids]
    first_call_waits_for_the_other(monkeypatch, loaders, "get_round_or_404")  # both saw a draft

    def opener(token):
        def send():
            return (
                committed_app.test_client()
                .post(
                    f"/api/v1/pulse/rounds/{round_id}/open",
                    headers={"Authorization": f"Bearer {token}"},
                )
                .status_code
            )

        return send

    assert sorted(at_the_same_moment(*(opener(t) for t in tokens))) == [200, 409]
    with committed_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PulseInvitation)) == 1
