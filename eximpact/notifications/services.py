"""Queueing e-mail, and sending the outbox: e-mail through SMTP, chat messages by HTTP."""

import smtplib
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app, render_template
from sqlalchemy import select

from eximpact import clock
from eximpact.extensions import db
from eximpact.notifications import chat
from eximpact.notifications.models import EMAIL, OutboxMessage

MAX_BACKOFF = timedelta(hours=6)


SUBJECT_MAX = 200  # the outbox column's room


def fit_subject(subject: str) -> str:
    """A subject line that fits its column: a long initiative title is cut with an ellipsis
    (PostgreSQL would refuse the whole message, and with it the request)."""
    return subject if len(subject) <= SUBJECT_MAX else subject[: SUBJECT_MAX - 1] + "…"


def queue_email(to_email: str, kind: str, subject: str, template: str, **context) -> OutboxMessage:
    """Render a plain-text e-mail into the outbox, inside the caller's transaction."""
    body = render_template(
        f"email/{template}.txt", base_url=current_app.config["BASE_URL"], **context
    )
    message = OutboxMessage(to_email=to_email, kind=kind, subject=fit_subject(subject), body=body)
    db.session.add(message)
    return message


def retry_delay(attempts: int) -> timedelta:
    """Exponential back-off after a failed send: 1, 2, 4 … minutes, at most six hours."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def _smtp_connection():
    config = current_app.config
    smtp_class = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    smtp = smtp_class(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT"])
    if config["MAIL_USE_TLS"]:
        smtp.starttls()
    if config["MAIL_USERNAME"]:
        smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
    return smtp


def _to_email_message(message: OutboxMessage) -> EmailMessage:
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    email["To"] = message.to_email
    email["Subject"] = message.subject
    email["Message-ID"] = make_msgid(idstring=f"outbox-{message.id}")
    email.set_content(message.body)
    return email


def _claim_next_due(now: datetime) -> OutboxMessage | None:
    """Lock the oldest due message; SKIP LOCKED lets several senders share the queue safely."""
    return db.session.scalars(
        select(OutboxMessage)
        .where(
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.failed_at.is_(None),
            OutboxMessage.next_attempt_at <= now,
        )
        .order_by(OutboxMessage.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    ).first()


def send_pending(now: datetime | None = None, limit: int = 500) -> tuple[int, int]:
    """Send the due messages; returns (sent, failed).

    Each message is claimed and committed on its own, so a crash mid-run never resends
    what already went out, and a failed one waits for its retry time instead of being lost.
    A chat message the service refuses for good (a 4xx other than 429, a removed channel)
    is marked failed instead, with the reason in `last_error`.
    """
    now = now or clock.now()
    sent = failed = 0
    smtp = None
    try:
        for _ in range(limit):
            message = _claim_next_due(now)
            if message is None:
                break
            message.attempts += 1
            try:
                if message.channel == EMAIL:
                    if smtp is None:
                        smtp = _smtp_connection()
                    smtp.send_message(_to_email_message(message))
                else:
                    chat.deliver(message)
            except (OSError, smtplib.SMTPException) as error:
                _retry(message, now, f"{type(error).__name__}: {error}")
                failed += 1
                if smtp is not None:
                    smtp = _close_quietly(smtp)
            except chat.RetryLater as error:
                _retry(message, now, str(error), error.retry_after)
                failed += 1
            except chat.GiveUp as error:
                message.last_error = str(error)[:500]
                message.failed_at = clock.now()
                failed += 1
            else:
                message.sent_at = clock.now()
                message.last_error = None
                sent += 1
            db.session.commit()
    finally:
        if smtp is not None:
            _close_quietly(smtp)
        db.session.commit()
    return sent, failed


def _retry(message: OutboxMessage, now: datetime, error: str, after: int | None = None) -> None:
    """Keep the error and wait the back-off (longer if the service asked for longer)."""
    message.last_error = error[:500]
    delay = retry_delay(message.attempts)
    if after is not None:
        delay = max(delay, min(timedelta(seconds=after), MAX_BACKOFF))
    message.next_attempt_at = now + delay


def _close_quietly(smtp) -> None:
    """Close a connection that may already be broken; returns None for the caller to keep."""
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        smtp.close()
