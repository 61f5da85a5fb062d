"""Outreach: a leader follows up on praise, on time; the share done on time is reported."""

from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import select

from eximpact import clock
from eximpact.audit.models import AuditEvent
from eximpact.extensions import db
from eximpact.notifications.models import OutboxMessage
from eximpact.praise.services.outreach import (
    complete_outreach,
    on_time_share,
    on_time_share_by_team,
)
from eximpact.validation import Conflict
from tests.factories import PersonFactory, TeamFactory
from tests.praise.factories import log_praise

pytestmark = pytest.mark.usefixtures("frozen_clock")


def today():
    return clock.today()


def mail(kind: str) -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind)))


@pytest.fixture
def chain(app):
    """A director, their manager, and the manager's report."""
    director = PersonFactory(name="Dee Director")
    manager = PersonFactory(name="Mo Manager", manager=director)
    agent = PersonFactory(name="Ari Agent", manager=manager)
    return director, manager, agent


def test_each_praised_person_gets_a_follow_up_by_their_manager_due_in_seven_days(chain):
    _, manager, agent = chain
    praise = log_praise(agent, on=today())
    [item] = praise.outreach
    assert (item.leader, item.employee, item.status) == (manager, agent, "open")
    assert item.due_on == today() + timedelta(days=7)


def test_the_due_days_come_from_configuration(make_app):
    make_app(OUTREACH_DUE_DAYS=3)
    agent = PersonFactory(manager=PersonFactory())
    assert log_praise(agent).outreach[0].due_on == today() + timedelta(days=3)


def test_the_leader_can_be_the_managers_manager(make_app):
    make_app(OUTREACH_LEADER="managers_manager")
    director = PersonFactory()
    agent = PersonFactory(manager=PersonFactory(manager=director))
    lone = PersonFactory(manager=PersonFactory())  # their manager has no manager
    assert log_praise(agent).outreach[0].leader == director
    assert log_praise(lone).outreach[0].leader == lone.manager


def test_a_leader_who_left_hands_it_to_the_next_one_up(chain):
    director, manager, agent = chain
    manager.active = False
    assert log_praise(agent).outreach[0].leader == director


def test_nobody_to_lead_or_nobody_there_means_no_follow_up(chain):
    _, _, agent = chain
    loner = PersonFactory()
    agent.active = False
    assert log_praise(loner, agent).outreach == []


def test_the_leader_gets_one_email_per_praise(chain):
    _, manager, agent = chain
    colleague = PersonFactory(name="Cy Colleague", manager=manager)
    log_praise(agent, colleague, text="Both were great")
    [message] = mail("outreach_created")
    assert message.to_email == manager.email
    assert "Ari Agent, Cy Colleague" in message.subject
    assert "Both were great" in message.body


def test_my_outreach_lists_my_open_and_overdue_follow_ups_only(client, auth, chain):
    _, manager, agent = chain
    log_praise(agent, text="Recent praise", on=today())
    log_praise(
        agent,
        text="Old praise",
        received_at=today() - timedelta(days=20),
        on=today() - timedelta(days=20),
    )
    log_praise(PersonFactory(manager=PersonFactory()), text="Someone else's")
    auth.login(manager)
    page = client.get("/praise/outreach").get_data(as_text=True)
    assert "Recent praise" in page and "Old praise" in page
    assert "Someone else" not in page
    assert "overdue since" in page
    overdue = client.get("/praise/outreach?state=overdue").get_data(as_text=True)
    assert "Old praise" in overdue and "Recent praise" not in overdue


def test_completing_records_the_kind_and_note_shown_with_the_praise(client, auth, chain):
    _, manager, agent = chain
    praise = log_praise(agent)
    item = praise.outreach[0]
    auth.login(manager)
    response = client.post(
        f"/praise/outreach/{item.id}", data={"kind": "note", "note": "Wrote Ari a card."}
    )
    assert response.status_code == 302
    db.session.refresh(item)
    assert (item.status, item.kind, item.note, item.completed_by) == (
        "done",
        "note",
        "Wrote Ari a card.",
        manager,
    )
    page = client.get(f"/praise/{praise.id}").get_data(as_text=True)
    assert "Wrote Ari a card." in page and "Thank-you note" in page
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.entity_type == "outreach")).one()
    assert (event.from_state, event.to_state) == ("open", "done")


def test_a_follow_up_is_done_once(chain):
    _, manager, agent = chain
    item = log_praise(agent).outreach[0]
    complete_outreach(manager, item, "call", "")
    with pytest.raises(Conflict):
        complete_outreach(manager, item, "visit", "")


def test_only_the_assigned_leader_or_hr_completes_it(api, chain):
    director, manager, agent = chain
    item = log_praise(agent).outreach[0]
    body = {"kind": "visit", "note": "Came by."}
    assert api(director).post(f"/api/v1/outreach/{item.id}/complete", json=body).status_code == 403
    assert api(agent).post(f"/api/v1/outreach/{item.id}/complete", json=body).status_code == 403
    hr = PersonFactory(roles=["hr"])
    response = api(hr).post(f"/api/v1/outreach/{item.id}/complete", json=body)
    assert response.status_code == 200
    assert response.get_json()["status"] == "done" and response.get_json()["on_time"] is True
    again = api(manager).post(f"/api/v1/outreach/{item.id}/complete", json=body)
    assert again.status_code == 409


def test_completing_needs_a_known_kind(api, chain):
    _, manager, agent = chain
    item = log_praise(agent).outreach[0]
    response = api(manager).post(f"/api/v1/outreach/{item.id}/complete", json={"kind": "fax"})
    assert response.status_code == 422
    assert "kind" in response.get_json()["error"]["fields"]


def test_the_api_lists_by_status_and_only_your_own(api, chain):
    _, manager, agent = chain
    long_ago = today() - timedelta(days=30)
    recent = log_praise(agent, on=today()).outreach[0]
    late = log_praise(agent, received_at=long_ago, on=long_ago).outreach[0]
    done = log_praise(agent).outreach[0]
    complete_outreach(manager, done, "call", "")
    log_praise(PersonFactory(manager=PersonFactory()))
    client = api(manager)

    def ids(query=""):
        return [item["id"] for item in client.get(f"/api/v1/outreach{query}").get_json()["items"]]

    assert set(ids()) == {recent.id, late.id, done.id}
    assert ids("?status=open") == [recent.id]
    assert ids("?status=overdue") == [late.id]
    assert ids("?status=done") == [done.id]
    assert client.get("/api/v1/outreach?status=later").status_code == 422
    assert client.get(f"/api/v1/outreach?leader_id={agent.id}").status_code == 403
    hr = api(PersonFactory(roles=["hr"]))
    assert hr.get("/api/v1/outreach").get_json()["total"] == 4
    assert hr.get(f"/api/v1/outreach?leader_id={manager.id}").get_json()["total"] == 3


def _done_at(day):
    return datetime.combine(day, time(12))


def test_the_share_done_on_time_counts_only_decided_follow_ups(chain):
    _, manager, agent = chain
    start = today() - timedelta(days=40)
    on_time = log_praise(agent, received_at=start, on=start).outreach[0]  # due start+7
    late = log_praise(agent, received_at=start, on=start + timedelta(days=1)).outreach[0]
    overdue = log_praise(agent, received_at=start, on=start + timedelta(days=2)).outreach[0]
    log_praise(agent, on=today())  # not due yet: not counted
    complete_outreach(manager, on_time, "note", "", now=_done_at(on_time.due_on))
    complete_outreach(manager, late, "call", "", now=_done_at(late.due_on + timedelta(days=1)))
    share = on_time_share(start, today() + timedelta(days=30), on=today())
    assert (share.due, share.on_time, share.late, share.overdue) == (3, 1, 1, 1)
    assert share.share == pytest.approx(1 / 3)
    assert overdue.state_on(today()) == "overdue"
    mine = on_time_share(start, today(), on=today(), leader_id=manager.id)
    assert mine.due == 3
    assert on_time_share(start, today(), on=today(), leader_id=agent.id).share is None


def test_the_share_is_reported_per_team_of_the_praised(chain):
    _, manager, agent = chain
    care, sales = TeamFactory(name="Care"), TeamFactory(name="Sales")
    agent.team = care
    seller = PersonFactory(team=sales, manager=manager)
    past = today() - timedelta(days=20)
    done = log_praise(agent, received_at=past, on=past).outreach[0]
    complete_outreach(manager, done, "visit", "", now=_done_at(past))
    log_praise(seller, received_at=past, on=past)
    rows = {row.label: row for row in on_time_share_by_team(past, today(), on=today())}
    assert (rows["Care"].on_time, rows["Care"].share) == (1, 1.0)
    assert (rows["Sales"].overdue, rows["Sales"].share) == (1, 0.0)


def test_hr_sees_the_on_time_report(client, auth, chain):
    _, manager, agent = chain
    past = today() - timedelta(days=20)
    item = log_praise(agent, received_at=past, on=past).outreach[0]
    complete_outreach(manager, item, "note", "", now=_done_at(past))
    auth.login(PersonFactory(roles=["hr"]))
    page = client.get("/praise/outreach/report").get_data(as_text=True)
    assert "100% <span" in page and "<svg" in page


def test_overdue_reminders_go_once_per_follow_up_grouped_by_leader(runner, chain):
    _, manager, agent = chain
    past = today() - timedelta(days=10)
    log_praise(agent, text="First", received_at=past, on=past)
    log_praise(agent, text="Second", received_at=past, on=past)
    log_praise(agent, text="Not due yet", on=today())
    assert (
        "2 overdue follow-up(s) reminded"
        in runner.invoke(args=["outreach", "notify-overdue"]).output
    )
    [message] = mail("outreach_overdue")
    assert message.to_email == manager.email
    assert "First" in message.body and "Second" in message.body and "Not due" not in message.body
    assert "0 overdue" in runner.invoke(args=["outreach", "notify-overdue"]).output
    assert len(mail("outreach_overdue")) == 1


def test_my_outreach_needs_the_same_queries_for_3_or_30_follow_ups(client, auth, count_queries):
    manager = PersonFactory()
    auth.login(manager)

    def page_queries(n):
        for _ in range(n):
            log_praise(PersonFactory(manager=manager, team=TeamFactory()))
        db.session.commit()
        with count_queries() as counter:
            assert client.get("/praise/outreach").status_code == 200
        return counter.count

    assert page_queries(3) == page_queries(27)
