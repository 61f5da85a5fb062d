"""Notifications: one `notify()` for every event, the person's e-mail choices, the inbox."""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from eximpact import clock
from eximpact.ambassadors.services import approvals, enrolments
from eximpact.extensions import db
from eximpact.notifications.inbox import email_choices, notify, set_email_choices, unread_count
from eximpact.notifications.models import Notification, OutboxMessage
from eximpact.recognition.services import nominating
from tests.ambassadors.factories import TimeEntryFactory, ambassador, manager_with_team
from tests.factories import PersonFactory
from tests.praise.factories import log_praise
from tests.recognition.factories import AwardCycleFactory, CategoryFactory, NominationFactory


def inbox_of(person) -> list[tuple[str, str]]:
    rows = db.session.scalars(
        select(Notification).where(Notification.person_id == person.id).order_by(Notification.id)
    )
    return [(n.kind, n.text) for n in rows]


def kinds_of(person) -> list[str]:
    return [kind for kind, _text in inbox_of(person)]


def mail_to(person) -> list[str]:
    rows = db.session.scalars(select(OutboxMessage).where(OutboxMessage.to_email == person.email))
    return [m.kind for m in rows]


# -- notify() ---------------------------------------------------------------------------


def test_notify_writes_the_inbox_item_and_the_email_the_person_wants(app):
    """praise_received comes by e-mail by default: one inbox item, one e-mail in the outbox."""
    person = PersonFactory()
    praise = log_praise(PersonFactory())  # any praise, for the template
    notify(person, "praise_received", "Hi", "/praise/1", email_template="praise_received",
           praise=praise)  # fmt: skip
    assert inbox_of(person) == [("praise_received", "Hi")]
    assert mail_to(person) == ["praise_received"]


def test_a_person_who_turned_an_email_off_still_gets_the_inbox_item_but_no_email(app):
    person = PersonFactory()
    set_email_choices(
        person, [k for k, on in email_choices(person).items() if on and k != "praise_received"]
    )
    assert email_choices(person)["praise_received"] is False
    log_praise(person)
    assert kinds_of(person) == ["praise_received"]
    assert mail_to(person) == []


def test_nobody_is_notified_of_their_own_action_nor_when_inactive(app):
    person, gone = PersonFactory(), PersonFactory(active=False)
    assert notify(person, "comment", "x", "/", actor=person) is None
    assert notify(gone, "comment", "x", "/") is None
    assert inbox_of(person) == inbox_of(gone) == []


def test_an_unknown_kind_is_a_programming_error(app):
    with pytest.raises(ValueError):
        notify(PersonFactory(), "gossip", "x", "/")


def test_choosing_the_defaults_stores_nothing_and_choices_round_trip(app):
    person = PersonFactory()
    defaults = email_choices(person)
    set_email_choices(person, [k for k, on in defaults.items() if on])
    assert email_choices(person) == defaults
    set_email_choices(person, ["reaction"])
    assert {k for k, on in email_choices(person).items() if on} == {"reaction"}


# -- each wired event -------------------------------------------------------------------


def test_praise_notifies_each_praised_person_but_not_the_one_who_logged_it(app):
    logger, ana, ben = PersonFactory(), PersonFactory(), PersonFactory()
    log_praise(ana, ben, logger, actor=logger)
    assert kinds_of(ana) == kinds_of(ben) == ["praise_received"]
    assert "praise_received" not in kinds_of(logger)


def test_outreach_waits_for_the_praised_persons_manager(app):
    boss, team = manager_with_team()
    log_praise(PersonFactory(manager=boss, team=team))
    assert kinds_of(boss) == ["waiting_for_you"]
    assert mail_to(boss) == ["outreach_created"]


@pytest.fixture
def nomination(app):
    boss, team = manager_with_team()
    nominator = PersonFactory(team=team, manager=boss)
    nominee = PersonFactory(team=team, manager=boss)
    return NominationFactory(
        cycle=AwardCycleFactory(), category=CategoryFactory(name="Hero"),
        nominator=nominator, nominee=nominee,
    )  # fmt: skip


def test_submitting_a_nomination_waits_for_the_nominees_manager(app):
    boss, team = manager_with_team()
    nominator, nominee = PersonFactory(team=team), PersonFactory(team=team, manager=boss)
    nominating.nominate(
        nominator, nominee_id=nominee.id, category_id=CategoryFactory().id,
        reason="Stayed late to fix the customer's order.", cycle_id=AwardCycleFactory().id,
    )  # fmt: skip
    assert kinds_of(boss) == ["waiting_for_you"]
    assert kinds_of(nominator) == kinds_of(nominee) == []


def test_approval_tells_nominator_nominee_and_manager_but_not_the_reviewer(app, nomination):
    hr = PersonFactory(roles=["hr"])
    nominating.approve(hr, nomination)
    assert kinds_of(nomination.nominator) == ["nomination_decided"]
    assert kinds_of(nomination.nominee) == ["nominated"]
    assert kinds_of(nomination.nominee.manager) == ["team_recognised"]
    assert inbox_of(hr) == []
    assert mail_to(nomination.nominator) == ["nomination_decided"]


def test_a_decline_tells_only_the_nominator_with_the_outcome(app, nomination):
    manager = nomination.nominee.manager
    nominating.decline(manager, nomination, "Not this cycle, please add evidence.")
    assert inbox_of(nomination.nominator) == [
        ("nomination_decided", f"Your nomination of {nomination.nominee.name} (Hero) is declined.")
    ]
    assert inbox_of(nomination.nominee) == [] and inbox_of(manager) == []


def test_an_award_tells_nominator_and_nominee_again(app, nomination):
    manager = nomination.nominee.manager
    nominating.approve(manager, nomination)
    nominating.award(manager, nomination)
    assert kinds_of(nomination.nominator) == ["nomination_decided", "nomination_decided"]
    assert kinds_of(nomination.nominee) == ["nominated", "nominated"]
    assert inbox_of(manager) == []  # the manager decided both times


def test_submitted_time_waits_for_the_ambassadors_manager(app):
    boss, team = manager_with_team()
    sam = ambassador(manager=boss, team=team)
    entries = [TimeEntryFactory(person=sam), TimeEntryFactory(person=sam)]
    approvals.submit(sam, entries)
    assert inbox_of(boss) == [
        ("waiting_for_you", f"{sam.name} submitted 4 h of CX time for approval.")
    ]
    assert inbox_of(sam) == []


def test_an_enrolment_request_waits_for_the_persons_manager_unless_they_made_it(app):
    boss, team = manager_with_team()
    hr = PersonFactory(roles=["hr"])
    person, other = PersonFactory(manager=boss, team=team), PersonFactory(manager=boss, team=team)
    enrolments.enrol(hr, person, start_date=clock.today(), hours=Decimal(4))
    assert kinds_of(boss) == ["waiting_for_you"]
    enrolments.enrol(boss, other, start_date=clock.today(), hours=Decimal(4))
    assert kinds_of(boss) == ["waiting_for_you"]  # the manager asked: nothing new for them


# -- the inbox: API and pages -----------------------------------------------------------


@pytest.fixture
def two_inboxes(app):
    ana, ben = PersonFactory(), PersonFactory()
    for n in range(3):
        notify(ana, "comment", f"Ana {n}", "/")
    notify(ben, "comment", "Ben's", "/")
    db.session.commit()
    return ana, ben


def test_the_api_lists_only_your_own_notifications_newest_first(api, two_inboxes):
    ana, _ben = two_inboxes
    data = api(ana).get("/api/v1/notifications?unread=true").get_json()
    assert [item["text"] for item in data["items"]] == ["Ana 2", "Ana 1", "Ana 0"]
    assert data["total"] == 3 and data["items"][0]["read"] is False


def test_marking_someone_elses_ids_read_is_ignored_and_tells_nothing(api, two_inboxes):
    ana, ben = two_inboxes
    bens = db.session.scalar(select(Notification.id).where(Notification.person_id == ben.id))
    response = api(ana).post("/api/v1/notifications/read", json={"ids": [bens, 999999]})
    assert response.status_code == 200 and response.get_json() == {"marked": 0}
    assert unread_count(ben) == 1


def test_marking_read_by_ids_or_all(api, two_inboxes):
    ana, _ben = two_inboxes
    first = api(ana).get("/api/v1/notifications").get_json()["items"][0]["id"]
    assert api(ana).post("/api/v1/notifications/read", json={"ids": [first]}).get_json() == {
        "marked": 1
    }
    assert api(ana).get("/api/v1/notifications?unread=true").get_json()["total"] == 2
    assert api(ana).post("/api/v1/notifications/read", json={"all": True}).get_json() == {
        "marked": 2
    }
    assert unread_count(ana) == 0


@pytest.mark.parametrize(
    "body", [{}, {"ids": "1"}, {"ids": [0]}, {"all": "yes"}, {"ids": [1] * 2000}]
)
def test_a_bad_read_request_is_a_422_naming_the_field(api, two_inboxes, body):
    ana, _ben = two_inboxes
    response = api(ana).post("/api/v1/notifications/read", json=body)
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"]


def test_a_bad_unread_filter_is_a_422(api, two_inboxes):
    assert api(two_inboxes[0]).get("/api/v1/notifications?unread=maybe").status_code == 422


def test_the_inbox_page_lists_marks_one_and_marks_all_read(client, auth, two_inboxes):
    ana, ben = two_inboxes
    auth.login(ana)
    page = client.get("/notifications/").get_data(as_text=True)
    assert "Ana 2" in page and "Ben's" not in page
    assert 'data-testid="unread-count">3' in page
    mine = db.session.scalar(select(Notification.id).where(Notification.text == "Ana 0"))
    bens = db.session.scalar(select(Notification.id).where(Notification.person_id == ben.id))
    assert client.post(f"/notifications/{mine}/read").status_code == 302
    assert client.post(f"/notifications/{bens}/read").status_code == 302
    assert (unread_count(ana), unread_count(ben)) == (2, 1)
    client.post("/notifications/read")
    assert (unread_count(ana), unread_count(ben)) == (0, 1)
    assert "unread-count" not in client.get("/notifications/").get_data(as_text=True)


def test_the_settings_page_saves_email_choices(client, auth, app):
    person = PersonFactory()
    db.session.commit()
    auth.login(person)
    assert "E-mail notifications" in client.get("/settings").get_data(as_text=True)
    client.post("/notifications/email-choices", data={"kinds": ["reaction", "nonsense"]})
    db.session.expire_all()
    assert {k for k, on in email_choices(person).items() if on} == {"reaction"}


def test_the_unread_count_is_one_query_whatever_the_inbox_size(client, auth, count_queries):
    person = PersonFactory()
    auth.login(person)

    def queries(n):
        for i in range(n):
            notify(person, "comment", f"n{i}", "/")
        db.session.commit()
        with count_queries() as counter:
            assert client.get("/notifications/").status_code == 200
        counts = [s for s in counter.statements if "notification" in s.lower()]
        return counter.count, len([s for s in counts if "count(" in s.lower()])

    small, large = queries(2), queries(40)
    assert small == large


def test_old_notifications_page_after_the_first_page(client, auth, app):
    person = PersonFactory()
    for i in range(30):
        item = notify(person, "comment", f"number {i:02d}", "/")
        item.created_at = clock.now() - timedelta(minutes=i)
    db.session.commit()
    auth.login(person)
    page_two = client.get("/notifications/?page=2").get_data(as_text=True)
    assert "number 29" in page_two and "number 00" not in page_two
