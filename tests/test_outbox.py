"""The e-mail outbox: written with the change, sent through a real SMTP server, never lost."""

import socket
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from eximpact import clock
from eximpact.extensions import db
from eximpact.notifications.models import OutboxMessage
from eximpact.notifications.services import queue_email, retry_delay, send_pending
from tests.factories import TEST_PASSWORD


class Inbox:
    """An aiosmtpd handler that keeps what it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


@pytest.fixture
def mail_app(make_app, smtp_server):
    controller, _ = smtp_server
    return make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port)


def test_queued_mail_is_delivered_over_smtp_and_marked_sent(mail_app, smtp_server):
    _, inbox = smtp_server
    message = queue_email(
        "ada@example.com",
        "test",
        "Hello",
        "password_changed",
        person=type("P", (), {"name": "Ada", "email": "ada@example.com"}),
        changed_at=clock.now(),
    )
    db.session.commit()
    assert send_pending() == (1, 0)
    assert len(inbox.messages) == 1
    assert inbox.messages[0].rcpt_tos == ["ada@example.com"]
    assert b"Subject: Hello" in inbox.messages[0].content
    db.session.refresh(message)
    assert message.sent_at is not None and message.attempts == 1


def test_a_sent_message_is_not_sent_twice(mail_app, smtp_server):
    _, inbox = smtp_server
    queue_email(
        "a@example.com",
        "test",
        "Once",
        "password_changed",
        person=type("P", (), {"name": "A", "email": "a@example.com"}),
        changed_at=clock.now(),
    )
    db.session.commit()
    send_pending()
    assert send_pending() == (0, 0)
    assert len(inbox.messages) == 1


def test_a_failed_send_is_kept_and_retried_later(make_app, smtp_server):
    controller, inbox = smtp_server
    make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())  # nobody listens there
    message = queue_email(
        "b@example.com",
        "test",
        "Later",
        "password_changed",
        person=type("P", (), {"name": "B", "email": "b@example.com"}),
        changed_at=clock.now(),
    )
    db.session.commit()
    assert send_pending() == (0, 1)
    db.session.refresh(message)
    assert message.sent_at is None and message.attempts == 1 and message.last_error
    assert message.next_attempt_at > clock.now()
    # Not due yet: nothing happens; once due, it goes out.
    assert send_pending() == (0, 0)
    from flask import current_app

    current_app.config["MAIL_PORT"] = controller.port
    assert send_pending(now=clock.now() + timedelta(hours=1)) == (1, 0)
    assert len(inbox.messages) == 1


@pytest.mark.parametrize(("attempts", "minutes"), [(1, 1), (2, 2), (3, 4), (20, 360)])
def test_retries_back_off_up_to_six_hours(attempts, minutes):
    assert retry_delay(attempts) == timedelta(minutes=minutes)


def test_changing_your_password_queues_a_notice_in_the_same_transaction(client, auth, person):
    auth.login(person)
    client.post(
        "/settings/password",
        data={
            "current_password": TEST_PASSWORD,
            "new_password": "a brand new passphrase",
            "confirm_password": "a brand new passphrase",
        },
    )
    queued = db.session.scalars(select(OutboxMessage)).all()
    assert [(m.to_email, m.kind) for m in queued] == [(person.email, "password_changed")]


def test_the_outbox_command_sends_and_reports(mail_app, smtp_server):
    _, inbox = smtp_server
    queue_email(
        "c@example.com",
        "test",
        "CLI",
        "password_changed",
        person=type("P", (), {"name": "C", "email": "c@example.com"}),
        changed_at=clock.now(),
    )
    db.session.commit()
    result = mail_app.test_cli_runner().invoke(args=["outbox", "send"])
    assert "Sent 1, failed 0" in result.output
    assert len(inbox.messages) == 1


def test_a_subject_longer_than_its_column_is_cut_with_an_ellipsis_not_refused(app):
    """An initiative title of 200 characters makes "Approval needed: …" too long to store."""
    from eximpact.notifications.services import SUBJECT_MAX, fit_subject

    subject = fit_subject("Approval needed: " + "t" * SUBJECT_MAX)
    assert len(subject) == SUBJECT_MAX and subject.endswith("…")
    assert fit_subject("Short") == "Short"
