"""Chat channels: the admin's Slack and Microsoft Teams incoming webhooks, and what is posted.

Approved and awarded nominations and quick thanks are posted to every configured channel
through the outbox: `queue_nomination` and `queue_thanks` write one message per channel
in the caller's transaction (Slack Block Kit, a Teams Adaptive Card), and `flask outbox send`
delivers them (`deliver`), so a slow chat service never slows a page.

A webhook URL is a secret: it is checked when saved (https, the service's own hosts;
`http://127.0.0.1:<port>` only when `CHAT_ALLOW_LOOPBACK`), shown masked, and never
written to the audit trail or to an error.
"""

import json
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import select

from eximpact import audit
from eximpact.extensions import db
from eximpact.notifications.models import SLACK, TEAMS, ChatChannel, OutboxMessage
from eximpact.validation import Conflict, ValidationFailed, too_long

SERVICES = {SLACK: "Slack", TEAMS: "Microsoft Teams"}
URL_MAX = 500  # the column's room
SUBJECT_MAX = 200  # the outbox subject's room (the admin page shows it)
# The audit trail names entities by number: one fixed number per service.
AUDIT_IDS = {SLACK: 1, TEAMS: 2}
# Outbox kinds of chat messages.
RECOGNITION = "chat_recognition"
THANKS = "chat_thanks"
TEST = "chat_test"


# -- the admin's channels -----------------------------------------------------------------


def channels() -> dict[str, ChatChannel]:
    """The configured channels by service: one query."""
    return {channel.service: channel for channel in db.session.scalars(select(ChatChannel))}


def _host_allowed(service: str, host: str) -> bool:
    if service == SLACK:
        return host == "hooks.slack.com"
    return host.endswith((".webhook.office.com", ".logic.azure.com"))


def url_problem(service: str, url: str) -> str | None:
    """Why `url` cannot be the service's incoming webhook, or None when it can."""
    name = SERVICES[service]
    if not url:
        return f"Paste the {name} incoming-webhook URL."
    if len(url) > URL_MAX:
        return too_long(URL_MAX)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "This is not a URL."
    host = (parts.hostname or "").lower()
    if any(c.isspace() for c in url) or parts.username or parts.password:
        return "Paste the URL exactly as the webhook settings show it."
    if current_app.config["CHAT_ALLOW_LOOPBACK"] and host == "127.0.0.1" and port:
        return None if parts.scheme in ("http", "https") else "Use an http or https URL."
    if parts.scheme != "https":
        return "The webhook URL must start with https://."
    hosts = "hooks.slack.com" if service == SLACK else "*.webhook.office.com or *.logic.azure.com"
    if not _host_allowed(service, host) or port not in (None, 443):
        return f"A {name} webhook URL is on {hosts}."
    if len(parts.path) <= 1:
        return f"Paste the whole {name} webhook URL, with its path."
    return None


def masked(url: str) -> str:
    """What a page shows of a saved URL: the host and the last four characters."""
    return f"{urlsplit(url).scheme}://{urlsplit(url).hostname}/…{url[-4:]}"


def save_channel(actor, service: str, url: str) -> ChatChannel:
    """Set or change the service's webhook URL; raises ValidationFailed at `webhook_url`."""
    url = (url or "").strip()
    if problem := url_problem(service, url):
        raise ValidationFailed.single("webhook_url", problem)
    channel = db.session.get(ChatChannel, service)
    action = "changed" if channel is not None else "set"
    if channel is None:
        channel = ChatChannel(service=service, webhook_url=url)
        db.session.add(channel)
    channel.webhook_url = url
    channel.updated_by_id = actor.id
    db.session.flush()
    # The URL is a secret: the trail keeps only its host.
    audit.record(
        "chat_channel",
        AUDIT_IDS[service],
        action,
        actor,
        service=service,
        host=urlsplit(url).hostname,
    )
    return channel


def remove_channel(actor, service: str) -> bool:
    """Remove the service's webhook; its unsent messages then fail when the outbox reaches them."""
    channel = db.session.get(ChatChannel, service)
    if channel is None:
        return False
    db.session.delete(channel)
    audit.record("chat_channel", AUDIT_IDS[service], "removed", actor, service=service)
    db.session.flush()
    return True


def last_messages() -> dict[str, OutboxMessage]:
    """The newest chat message of each service, for the admin page's status line."""
    latest = {}
    for service in SERVICES:
        message = db.session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.channel == service)
            .order_by(OutboxMessage.id.desc())
            .limit(1)
        ).first()
        if message is not None:
            latest[service] = message
    return latest


# -- the messages ----------------------------------------------------------------------------


def slack_escape(text: str) -> str:
    """Slack's mrkdwn escapes: only &, < and > (https://api.slack.com/reference/surfaces/formatting)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_body(headline: str, facts: dict[str, str], words: str, link: str) -> dict:
    """Block Kit: one section of mrkdwn, people's text escaped, their words quoted."""
    detail = " · ".join(f"{name}: {value}" for name, value in facts.items())
    text = "\n".join(
        [slack_escape(headline), *([slack_escape(detail)] if detail else [])]
        + [f">{slack_escape(line)}" for line in words.splitlines() if line.strip()]
        + [f"<{link}|See it on the wall>"]
    )
    return {
        "text": slack_escape(headline),
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}],
    }


def _runs(*runs: tuple[str, dict]) -> dict:
    return {
        "type": "RichTextBlock",
        "inlines": [{"type": "TextRun", "text": t, **s} for t, s in runs],
    }


def teams_body(headline: str, facts: dict[str, str], words: str, link: str) -> dict:
    """An Adaptive Card in the message envelope both Teams webhooks and Workflows accept.

    Text sits in TextRuns, which Teams shows literally: neither Markdown nor HTML in
    people's words is interpreted, so nothing needs escaping.
    """
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [
            _runs((headline, {"weight": "bolder", "size": "medium"})),
            *(
                _runs((f"{name}: ", {"weight": "bolder"}), (value, {}))
                for name, value in facts.items()
            ),
            _runs((words, {"italic": True})),
        ],
        "actions": [{"type": "Action.OpenUrl", "title": "See it on the wall", "url": link}],
    }
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": None,
                "content": card,
            }
        ],
    }


BODIES = {SLACK: slack_body, TEAMS: teams_body}


def _message(service: str, kind: str, headline: str, facts: dict, words: str, path: str):
    """Add one chat message to the outbox, in the caller's transaction."""
    link = current_app.config["BASE_URL"].rstrip("/") + path
    message = OutboxMessage(
        to_email="",
        kind=kind,
        subject=headline[:SUBJECT_MAX],
        body=json.dumps(BODIES[service](headline, facts, words, link), ensure_ascii=False),
        channel=service,
    )
    db.session.add(message)
    return message


def _queue(kind: str, headline: str, facts: dict[str, str], words: str, path: str) -> list:
    """One message per configured channel: none when no channel is set."""
    return [_message(service, kind, headline, facts, words, path) for service in channels()]


def queue_nomination(nomination, event: str) -> list[OutboxMessage]:
    """Post an approved or awarded nomination: who recognised whom, for what, and why."""
    nominee, nominator = nomination.nominee.name, nomination.nominator.name
    if event == "awarded":
        headline = f"{nominee} was awarded {nomination.reward}, nominated by {nominator}"
    else:
        headline = f"{nominator} recognised {nominee}"
    return _queue(
        RECOGNITION,
        headline,
        {"Category": nomination.category.name},
        nomination.reason,
        f"/recognition/nominations/{nomination.id}",
    )


def queue_thanks(thanks) -> list[OutboxMessage]:
    """Post a quick thanks: who thanked whom, under which company value, and for what."""
    return _queue(
        THANKS,
        f"{thanks.giver.name} thanked {thanks.recipient.name}",
        {"Value": thanks.category.name},
        thanks.message,
        f"/recognition/#thanks-{thanks.id}",
    )


def queue_test(actor, service: str) -> OutboxMessage:
    """A test message to one channel, sent by the outbox like any other; Conflict when the
    channel is not set."""
    if service not in channels():
        raise Conflict(f"Set the {SERVICES[service]} webhook URL before sending a test message.")
    return _message(
        service,
        TEST,
        f"A test message from EX Impact, sent by {actor.name}",
        {},
        "Recognition and thanks will appear in this channel.",
        "/recognition/",
    )


# -- delivery ------------------------------------------------------------------------------


class RetryLater(Exception):
    """The chat service is slow, down or busy: try again after the back-off."""

    def __init__(self, message: str, retry_after: int | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class GiveUp(Exception):
    """The message can never be delivered as it is: mark it failed, never retry."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A webhook answers where it was asked: a redirect elsewhere is refused, not followed."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _retry_after(headers) -> int | None:
    value = (headers or {}).get("Retry-After", "")
    return int(value) if str(value).isdigit() else None


def deliver(message: OutboxMessage) -> None:
    """POST one chat message to its channel's current URL; raises RetryLater or GiveUp."""
    name = SERVICES[message.channel]
    channel = db.session.get(ChatChannel, message.channel)
    if channel is None:
        raise GiveUp(f"The {name} channel was removed before this message was sent.")
    if url_problem(message.channel, channel.webhook_url):
        raise GiveUp(f"The {name} webhook URL is no longer allowed: set it again.")
    # url_problem just allowed only https to the service's hosts (or configured loopback).
    request = urllib.request.Request(  # noqa: S310
        channel.webhook_url,
        data=message.body.encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with _opener.open(request, timeout=current_app.config["CHAT_TIMEOUT"]) as response:
            response.read(1024)
    except urllib.error.HTTPError as error:
        detail = error.read(200).decode("utf-8", "replace").strip()
        error.close()
        text = f"{name} answered HTTP {error.code}" + (f": {detail}" if detail else ".")
        if error.code == 429 or error.code >= 500:
            raise RetryLater(text, _retry_after(error.headers)) from error
        raise GiveUp(text) from error
    except TimeoutError as error:
        raise RetryLater(f"{name} did not answer within the timeout.") from error
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError):
            raise RetryLater(f"{name} did not answer within the timeout.") from error
        raise RetryLater(f"{name} could not be reached: {type(reason).__name__}.") from error
