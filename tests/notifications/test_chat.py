"""Chat channels: approved recognition and thanks posted to Slack and Teams through the outbox.

Every delivery goes to a real HTTP server on 127.0.0.1 (the app allows loopback webhooks
only when `CHAT_ALLOW_LOOPBACK` is on, as here), which answers as it is told to.
"""

import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import delete, select

from eximpact import clock
from eximpact.audit.models import AuditEvent
from eximpact.extensions import db
from eximpact.notifications import chat
from eximpact.notifications.models import ChatChannel, OutboxMessage
from eximpact.notifications.services import send_pending
from eximpact.recognition.models import Thanks
from eximpact.recognition.services import nominating
from tests.conftest import Auth
from tests.factories import PersonFactory, TeamFactory
from tests.recognition.factories import AwardCycleFactory, CategoryFactory, NominationFactory

BASE_URL = "https://eximpact.example.com"
SLACK_URL = "https://hooks.slack.com/services/T000/B000/s3cr3tT0ken"
TEAMS_URL = "https://contoso.webhook.office.com/webhookb2/abc/IncomingWebhook/s3cr3t/xyz"


class Hook(BaseHTTPRequestHandler):
    """Keeps each POST (path and JSON) and answers with the server's next scripted reply."""

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append((self.path, self.headers["Content-Type"], json.loads(body)))
        status, delay, headers = self.server.replies.pop(0) if self.server.replies else (200, 0, {})
        time.sleep(delay)
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")
        except OSError:  # the sender gave up waiting (the slow-server test)
            pass

    def log_message(self, format, *args):
        pass


@pytest.fixture
def hook_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    server.daemon_threads = True
    server.block_on_close = False
    server.received, server.replies = [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def chat_app(make_app):
    return make_app(CHAT_ALLOW_LOOPBACK=True, CHAT_TIMEOUT=0.5, BASE_URL=BASE_URL)


@pytest.fixture
def client(chat_app):
    """Pages of the app that allows loopback webhooks (`auth` signs in through it too)."""
    return chat_app.test_client()


@pytest.fixture
def people(chat_app):
    care = TeamFactory(name="Care")
    manager = PersonFactory(name="Maya Manager", team=care, roles=["manager"])
    return {
        "admin": PersonFactory(name="Ada Admin", roles=["admin"]),
        "manager": manager,
        "alice": PersonFactory(name="Alice Agent", team=care, manager=manager),
        "bob": PersonFactory(name="Bob Builder", team=care, manager=manager),
        "hr": PersonFactory(name="Hana HR", roles=["hr"]),
    }


@pytest.fixture
def channels(people, hook_server):
    """Both channels point at the local server: /slack and /teams."""
    chat.save_channel(people["admin"], "slack", f"{hook_server.url}/slack")
    chat.save_channel(people["admin"], "teams", f"{hook_server.url}/teams")
    db.session.commit()


@pytest.fixture
def nomination(people):
    """Alice nominated Bob, with a reason that has Slack's and HTML's special characters."""
    return NominationFactory(
        cycle=AwardCycleFactory(name="December"),
        category=CategoryFactory(name="Customer hero", reward="500 points"),
        nominator=people["alice"],
        nominee=people["bob"],
        reason="Bob fixed <the> router & stayed late for the customer.",
    )


def posted(server) -> dict:
    """The JSON each channel received, by path (/slack, /teams)."""
    return {path: body for path, _, body in server.received}


def send(now=None) -> tuple[int, int]:
    """Run the outbox on the chat messages: the e-mails the same changes queue (to the
    nominator, the nominee …) are other tests' subject, and no SMTP server listens here."""
    db.session.execute(delete(OutboxMessage).where(OutboxMessage.channel == "email"))
    db.session.commit()
    return send_pending(now=now)


def chat_messages() -> list[OutboxMessage]:
    return list(
        db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.channel != "email").order_by(OutboxMessage.id)
        )
    )


def test_an_approved_nomination_is_posted_to_slack_as_block_kit(
    channels, people, nomination, hook_server
):
    nominating.approve(people["manager"], nomination)
    db.session.commit()
    assert [m.channel for m in chat_messages()] == ["slack", "teams"]
    assert send() == (2, 0)
    slack = posted(hook_server)["/slack"]
    assert slack["text"] == "Alice Agent recognised Bob Builder"
    (block,) = slack["blocks"]
    assert block["type"] == "section" and block["text"]["type"] == "mrkdwn"
    assert block["text"]["text"] == (
        "Alice Agent recognised Bob Builder\n"
        "Category: Customer hero\n"
        ">Bob fixed &lt;the&gt; router &amp; stayed late for the customer.\n"
        f"<{BASE_URL}/recognition/nominations/{nomination.id}|See it on the wall>"
    )
    assert all(m.sent_at is not None for m in chat_messages())


def card_of(message: dict) -> dict:
    """The Adaptive Card inside the Teams message envelope."""
    assert message["type"] == "message"
    (attachment,) = message["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert attachment["content"]["type"] == "AdaptiveCard"
    return attachment["content"]


def card_lines(card: dict) -> list[str]:
    """What Teams shows of each block: its TextRuns, literally (no Markdown, no HTML)."""
    assert {block["type"] for block in card["body"]} == {"RichTextBlock"}
    return ["".join(run["text"] for run in block["inlines"]) for block in card["body"]]


def test_an_approved_nomination_is_posted_to_teams_as_an_adaptive_card(
    channels, people, nomination, hook_server
):
    nominating.approve(people["manager"], nomination)
    db.session.commit()
    send()
    (content_type,) = {kind for path, kind, _ in hook_server.received if path == "/teams"}
    assert content_type.startswith("application/json")
    card = card_of(posted(hook_server)["/teams"])
    assert card_lines(card) == [
        "Alice Agent recognised Bob Builder",
        "Category: Customer hero",
        "Bob fixed <the> router & stayed late for the customer.",  # a TextRun is never markup
    ]
    assert card["actions"] == [
        {
            "type": "Action.OpenUrl",
            "title": "See it on the wall",
            "url": f"{BASE_URL}/recognition/nominations/{nomination.id}",
        }
    ]


def test_approving_on_the_page_only_queues_so_a_slow_service_never_slows_it(
    client, auth, channels, people, nomination, hook_server
):
    hook_server.replies.extend([(200, 3, {}), (200, 3, {})])  # slower than any page may be
    auth.login(people["manager"])
    started = time.monotonic()
    response = client.post(f"/recognition/nominations/{nomination.id}/approve")
    assert response.status_code == 302
    assert time.monotonic() - started < 2
    assert hook_server.received == []
    assert [(m.channel, m.kind, m.sent_at) for m in chat_messages()] == [
        ("slack", "chat_recognition", None),
        ("teams", "chat_recognition", None),
    ]


def test_an_award_is_posted_with_its_reward(channels, people, nomination, hook_server):
    nominating.approve(people["manager"], nomination)
    nominating.award(people["hr"], nomination)
    db.session.commit()
    assert [m.channel for m in chat_messages()] == ["slack", "teams", "slack", "teams"]
    send()
    texts = [body["text"] for path, _, body in hook_server.received if path == "/slack"]
    assert texts == [
        "Alice Agent recognised Bob Builder",
        "Bob Builder was awarded 500 points, nominated by Alice Agent",
    ]


def test_a_quick_thanks_from_the_page_is_posted_to_both_channels(
    client, auth, channels, people, hook_server
):
    value = CategoryFactory(name="One team", company_value=True)
    auth.login(people["alice"])
    response = client.post(
        "/recognition/thanks",
        data={"recipient_id": people["bob"].id, "category_id": value.id, "message": "Thanks, <3"},
    )
    assert response.status_code == 302
    assert hook_server.received == []  # the page only queued: the outbox sends
    assert send() == (2, 0)
    thanks = db.session.scalars(select(Thanks)).one()
    slack, card = posted(hook_server)["/slack"], posted(hook_server)["/teams"]
    assert slack["text"] == "Alice Agent thanked Bob Builder"
    assert slack["blocks"][0]["text"]["text"] == (
        "Alice Agent thanked Bob Builder\n"
        "Value: One team\n"
        ">Thanks, &lt;3\n"
        f"<{BASE_URL}/recognition/#thanks-{thanks.id}|See it on the wall>"
    )
    assert card_lines(card_of(card)) == [
        "Alice Agent thanked Bob Builder",
        "Value: One team",
        "Thanks, <3",
    ]
    wall = client.get("/recognition/").get_data(as_text=True)
    assert f'id="thanks-{thanks.id}"' in wall  # where the link lands


def test_nothing_is_queued_for_chat_when_no_channel_is_set(client, auth, people, nomination):
    nominating.approve(people["manager"], nomination)
    value = CategoryFactory(name="One team", company_value=True)
    auth.login(people["alice"])
    client.post(
        "/recognition/thanks",
        data={"recipient_id": people["bob"].id, "category_id": value.id, "message": "Thanks!"},
    )
    assert chat_messages() == []


def test_a_server_error_is_retried_later_and_then_sent(channels, people, nomination, hook_server):
    chat.remove_channel(people["admin"], "teams")
    hook_server.replies.append((500, 0, {}))
    nominating.approve(people["manager"], nomination)
    db.session.commit()
    assert send() == (0, 1)
    (message,) = chat_messages()
    assert message.sent_at is None and message.failed_at is None
    assert message.last_error == "Slack answered HTTP 500: ok"
    assert message.next_attempt_at > clock.now()
    assert send() == (0, 0)  # not due yet
    assert send(now=clock.now() + timedelta(minutes=5)) == (1, 0)
    db.session.refresh(message)
    assert message.sent_at is not None and message.attempts == 2 and message.last_error is None
    assert len(hook_server.received) == 2


def test_a_slow_chat_service_is_retried_later_not_waited_for(
    channels, people, nomination, hook_server
):
    chat.remove_channel(people["admin"], "teams")
    hook_server.replies.append((200, 1.5, {}))  # longer than CHAT_TIMEOUT (0.5 s)
    nominating.approve(people["manager"], nomination)
    db.session.commit()
    started = time.monotonic()
    assert send() == (0, 1)
    assert time.monotonic() - started < 1.5
    (message,) = chat_messages()
    assert message.sent_at is None and message.failed_at is None
    assert message.last_error == "Slack did not answer within the timeout."
    assert message.next_attempt_at > clock.now()
    assert send(now=clock.now() + timedelta(minutes=5)) == (1, 0)


def test_too_many_requests_waits_as_long_as_the_service_asks(
    channels, people, nomination, hook_server
):
    chat.remove_channel(people["admin"], "teams")
    hook_server.replies.append((429, 0, {"Retry-After": "600"}))
    nominating.approve(people["manager"], nomination)
    db.session.commit()
    now = clock.now()
    assert send(now=now) == (0, 1)
    (message,) = chat_messages()
    assert message.failed_at is None and message.next_attempt_at == now + timedelta(minutes=10)


def test_a_refused_message_is_marked_failed_and_never_retried(
    channels, people, nomination, hook_server
):
    chat.remove_channel(people["admin"], "teams")
    hook_server.replies.append((400, 0, {}))
    nominating.approve(people["manager"], nomination)
    db.session.commit()
    assert send() == (0, 1)
    (message,) = chat_messages()
    assert message.failed_at is not None and message.sent_at is None
    assert message.last_error == "Slack answered HTTP 400: ok"
    assert send(now=clock.now() + timedelta(days=1)) == (0, 0)
    assert len(hook_server.received) == 1


def test_a_redirect_is_not_followed_but_refused(channels, people, nomination, hook_server):
    chat.remove_channel(people["admin"], "teams")
    hook_server.replies.append((302, 0, {"Location": "http://127.0.0.1:1/elsewhere"}))
    nominating.approve(people["manager"], nomination)
    db.session.commit()
    assert send() == (0, 1)
    (message,) = chat_messages()
    assert message.failed_at is not None and "HTTP 302" in message.last_error


def test_a_message_to_a_removed_channel_is_dropped_as_failed(channels, people, nomination):
    nominating.approve(people["manager"], nomination)
    chat.remove_channel(people["admin"], "slack")
    db.session.commit()
    assert send() == (1, 1)
    failed = [m for m in chat_messages() if m.failed_at is not None]
    assert [(m.channel, m.last_error) for m in failed] == [
        ("slack", "The Slack channel was removed before this message was sent.")
    ]


# -- the admin page -------------------------------------------------------------------------


def save(client, service: str, url: str):
    return client.post(f"/notifications/chat/{service}", data={f"{service}-webhook_url": url})


def test_the_admin_sets_a_channel_and_the_url_is_never_shown_again(client, auth, people):
    auth.login(people["admin"])
    assert save(client, "slack", SLACK_URL).status_code == 302
    assert save(client, "teams", TEAMS_URL).status_code == 302
    page = client.get("/notifications/chat").get_data(as_text=True)
    assert "s3cr3t" not in page
    assert "https://hooks.slack.com/…0ken" in page
    assert "https://contoso.webhook.office.com/…/xyz" in page
    assert "by Ada Admin." in page
    stored = {c.service: c.webhook_url for c in db.session.scalars(select(ChatChannel))}
    assert stored == {"slack": SLACK_URL, "teams": TEAMS_URL}
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.entity_type == "chat_channel"))
    assert [(e.action, e.detail) for e in events] == [
        ("set", {"service": "slack", "host": "hooks.slack.com"}),
        ("set", {"service": "teams", "host": "contoso.webhook.office.com"}),
    ]


def test_changing_a_channel_replaces_its_url_and_is_audited(client, auth, people):
    auth.login(people["admin"])
    save(client, "slack", SLACK_URL)
    assert save(client, "slack", SLACK_URL.replace("s3cr3tT0ken", "n3wT0k3n")).status_code == 302
    assert db.session.get(ChatChannel, "slack").webhook_url.endswith("/n3wT0k3n")
    events = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.entity_type == "chat_channel")
    )
    assert list(events) == ["set", "changed"]
    assert "n3wT0k3n" not in client.get("/notifications/chat").get_data(as_text=True)


@pytest.mark.parametrize(
    ("service", "url", "problem"),
    [
        ("slack", "http://hooks.slack.com/services/T0/B0/x", "must start with https://"),
        ("slack", "https://hooks.slack.com.evil.example/services/x", "is on hooks.slack.com"),
        ("slack", "https://user:pw@hooks.slack.com/services/x", "exactly as the webhook"),
        ("teams", "https://webhook.office.com.evil.example/x", "*.webhook.office.com"),
        ("teams", "https://hooks.slack.com/services/x", "*.webhook.office.com"),
        ("teams", "ftp://contoso.webhook.office.com/x", "must start with https://"),
        ("slack", "", "Paste the Slack incoming-webhook URL."),
    ],
)
def test_a_url_off_the_services_hosts_is_refused_with_the_input_kept(
    client, auth, people, service, url, problem
):
    auth.login(people["admin"])
    response = save(client, service, url)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert problem in page
    assert f'value="{url}"' in page.replace("&amp;", "&") or not url
    assert db.session.scalars(select(ChatChannel)).all() == []


def test_a_loopback_url_is_refused_unless_the_app_allows_it(make_app):
    strict = make_app(CHAT_ALLOW_LOOPBACK=False)
    admin = PersonFactory(roles=["admin"])
    client = strict.test_client()
    Auth(client).login(admin)
    response = save(client, "slack", "http://127.0.0.1:8080/slack")
    assert response.status_code == 422
    assert "must start with https://" in response.get_data(as_text=True)


def test_a_logic_apps_workflow_url_is_a_teams_webhook(people):
    url = (
        "https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke"
    )
    assert chat.url_problem("teams", url) is None


def test_the_admin_sends_a_test_message_through_the_outbox(
    client, auth, people, channels, hook_server
):
    auth.login(people["admin"])
    response = client.post("/notifications/chat/teams/test")
    assert response.status_code == 302
    assert hook_server.received == []  # queued, not sent by the page
    assert send() == (1, 0)
    ((path, _, card),) = hook_server.received
    assert path == "/teams"
    assert card_lines(card_of(card))[0] == "A test message from EX Impact, sent by Ada Admin"
    page = client.get("/notifications/chat").get_data(as_text=True)
    assert "The latest message was delivered" in page


def test_removing_a_channel_stops_posting_and_is_audited(
    client, auth, people, channels, nomination
):
    auth.login(people["admin"])
    assert client.post("/notifications/chat/slack/remove").status_code == 302
    nominating.approve(people["manager"], nomination)
    assert [m.channel for m in chat_messages()] == ["teams"]
    removed = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.entity_type == "chat_channel", AuditEvent.action == "removed"
        )
    ).one()
    assert removed.actor_id == people["admin"].id and removed.detail == {"service": "slack"}


def test_a_failed_message_is_explained_on_the_admin_page(
    client, auth, people, channels, nomination, hook_server
):
    chat.remove_channel(people["admin"], "teams")
    hook_server.replies.append((404, 0, {}))
    nominating.approve(people["manager"], nomination)
    db.session.commit()
    send()
    auth.login(people["admin"])
    page = client.get("/notifications/chat").get_data(as_text=True)
    assert "The latest message failed for good: Slack answered HTTP 404: ok" in page


def test_only_the_admin_may_see_the_chat_channels(client, auth, people):
    for who in ("hr", "manager", "alice"):
        auth.login(people[who])
        assert client.get("/notifications/chat").status_code == 403
        assert save(client, "slack", SLACK_URL).status_code == 403
        auth.logout()
    assert db.session.scalars(select(ChatChannel)).all() == []
