"""`flask reminders send`: unsubmitted past weeks and approvals waiting too long, each once."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from eximpact.ambassadors.models import monday_of
from eximpact.ambassadors.services import approvals
from eximpact.ambassadors.services.reminders import send_reminders
from eximpact.extensions import db
from eximpact.notifications.models import OutboxMessage
from tests.ambassadors.factories import TODAY, EnrolmentFactory, TimeEntryFactory, ambassador
from tests.factories import PersonFactory
from tests.test_outbox import Inbox, free_port

THIS_WEEK = monday_of(TODAY)
LAST_WEEK = THIS_WEEK - timedelta(days=7)
NOW = datetime.combine(TODAY, time(8))


def queued(kind=None) -> list[tuple[str, str]]:
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if kind:
        query = query.where(OutboxMessage.kind == kind)
    return [(m.to_email, m.kind) for m in db.session.scalars(query)]


def fill_weeks(person, project, weeks_ago=(1, 2, 3, 4), status="submitted"):
    for n in weeks_ago:
        TimeEntryFactory(
            person=person, project=project, work_date=THIS_WEEK - timedelta(weeks=n), status=status
        )


@pytest.fixture
def reminded(programme):
    """Sam has submitted every past week; Ola has left last week in draft."""
    fill_weeks(programme.sam, programme.project)
    fill_weeks(programme.ola, programme.project, weeks_ago=(2, 3, 4))
    TimeEntryFactory(person=programme.ola, project=programme.project, work_date=LAST_WEEK)
    return programme


def test_an_ambassador_with_a_past_week_in_draft_is_reminded_once(reminded):
    sent = send_reminders(today=TODAY, now=NOW)
    assert sent.ambassadors == 1
    assert queued("week_not_submitted") == [(reminded.ola.email, "week_not_submitted")]
    [message] = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == "week_not_submitted")
    ).all()
    assert LAST_WEEK.isoformat() in message.body
    assert send_reminders(today=TODAY, now=NOW).ambassadors == 0  # idempotent
    assert len(queued("week_not_submitted")) == 1


def test_a_week_with_nothing_logged_counts_as_not_submitted(programme):
    fill_weeks(programme.sam, programme.project, weeks_ago=(2, 3, 4))
    fill_weeks(programme.ola, programme.project)
    send_reminders(today=TODAY, now=NOW)
    assert queued("week_not_submitted") == [(programme.sam.email, "week_not_submitted")]


def test_only_weeks_inside_the_enrolment_and_already_over_count(app):
    newcomer = PersonFactory(roles=["ambassador"])
    EnrolmentFactory(person=newcomer, start_date=THIS_WEEK)  # this week is not over yet
    ambassador(start=TODAY - timedelta(days=200), end=TODAY - timedelta(days=60))  # long gone
    ambassador().active = False  # deactivated people get no mail
    send_reminders(today=TODAY, now=NOW)
    assert queued() == []


def test_a_new_unsubmitted_week_brings_a_new_reminder(reminded):
    send_reminders(today=TODAY, now=NOW)
    next_week = TODAY + timedelta(days=7)
    TimeEntryFactory(person=reminded.sam, project=reminded.project, work_date=THIS_WEEK)
    send_reminders(today=next_week, now=NOW + timedelta(days=7))
    assert queued("week_not_submitted") == [
        (reminded.ola.email, "week_not_submitted"),
        (reminded.sam.email, "week_not_submitted"),
        (reminded.ola.email, "week_not_submitted"),  # this week passed without anything from Ola
    ]


def test_a_manager_hears_of_entries_waiting_more_than_three_days_once_a_day(programme):
    TimeEntryFactory(
        person=programme.sam,
        project=programme.project,
        work_date=TODAY - timedelta(days=6),
        status="submitted",
        submitted_at=NOW - timedelta(days=4),
    )
    TimeEntryFactory(
        person=programme.ola,
        project=programme.project,
        work_date=TODAY - timedelta(days=2),
        status="submitted",
        submitted_at=NOW - timedelta(days=1),
    )
    assert send_reminders(today=TODAY, now=NOW).approvers == 1
    [message] = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == "approvals_waiting")
    ).all()
    assert message.to_email == programme.manager.email
    assert message.subject == "1 CX time entry waiting for your approval"
    assert "/ambassadors/approvals" in message.body
    assert send_reminders(today=TODAY, now=NOW + timedelta(hours=3)).approvers == 0
    tomorrow = send_reminders(today=TODAY + timedelta(days=1), now=NOW + timedelta(days=1))
    assert tomorrow.approvers == 1


def test_the_waiting_time_comes_from_the_configuration(make_app):
    make_app(APPROVAL_REMINDER_DAYS=1)
    manager = PersonFactory(roles=["manager"])
    TimeEntryFactory(
        person=ambassador(manager=manager),
        work_date=TODAY - timedelta(days=3),
        status="submitted",
        submitted_at=NOW - timedelta(days=2),
    )
    assert send_reminders(today=TODAY, now=NOW).approvers == 1


def test_entries_of_people_without_a_manager_wait_for_hr(app):
    hr_people = [PersonFactory(roles=["hr"]), PersonFactory(roles=["hr"])]
    TimeEntryFactory(
        person=ambassador(),
        work_date=TODAY - timedelta(days=8),
        status="submitted",
        submitted_at=NOW - timedelta(days=7),
        hours=Decimal(1),
    )
    send_reminders(today=TODAY, now=NOW)
    assert sorted(queued("approvals_waiting")) == sorted(
        (person.email, "approvals_waiting") for person in hr_people
    )


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def test_the_commands_queue_and_deliver_through_a_real_smtp_server(make_app, smtp_server):
    controller, inbox = smtp_server
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port)
    manager = PersonFactory(roles=["manager"], email="boss@example.com")
    sam = ambassador(manager=manager, email="sam@example.com")
    TimeEntryFactory(
        person=sam,
        work_date=THIS_WEEK - timedelta(days=5),
        status="submitted",
        submitted_at=NOW - timedelta(days=10),
    )
    db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["reminders", "send"])
    assert result.exit_code == 0, result.output
    assert "Queued 1 reminder(s) to ambassadors and 1 to approvers." in result.output
    assert "Sent 2, failed 0" in runner.invoke(args=["outbox", "send"]).output
    received = {message.rcpt_tos[0]: message.content for message in inbox.messages}
    assert set(received) == {"sam@example.com", "boss@example.com"}
    assert b"a week to submit" in received["sam@example.com"]
    assert b"waiting for your approval" in received["boss@example.com"]
    again = runner.invoke(args=["reminders", "send"])
    assert "Queued 0 reminder(s) to ambassadors and 0 to approvers." in again.output


def test_a_rejection_mail_reaches_the_ambassador_over_smtp(make_app, smtp_server):
    controller, inbox = smtp_server
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port)
    manager = PersonFactory(roles=["manager"])
    entry = TimeEntryFactory(
        person=ambassador(manager=manager, email="rae@example.com"), status="submitted"
    )
    approvals.decide(manager, [entry], approve=False, reason="Which project was it?")
    db.session.commit()
    assert "Sent 1" in app.test_cli_runner().invoke(args=["outbox", "send"]).output
    [message] = inbox.messages
    assert message.rcpt_tos == ["rae@example.com"]
    assert b"Which project was it?" in message.content
