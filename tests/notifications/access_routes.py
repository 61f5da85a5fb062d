"""Access rules of the inbox pages and API: every signed-in person has an inbox, of their own;
and of the chat channels page, the admin's alone.

The employee persona has one unread notification; everyone else marking it read gets
through (their own inbox is simply unchanged), which tests/notifications checks. A Slack
channel is set, so the admin's test message is queued and Teams shows the unset case.
"""

from eximpact.extensions import db
from eximpact.notifications.inbox import notify
from eximpact.notifications.models import ChatChannel
from tests.access import ADMINS, SIGNED_IN, r


def populate(world) -> None:
    item = notify(world.personas["employee"], "praise_received", "A customer praised you", "/")
    db.session.add(
        ChatChannel(service="slack", webhook_url="https://hooks.slack.com/services/T0/B0/xyz")
    )
    db.session.flush()
    world.ids.update(notification=item.id)


ROUTES = {
    "notifications.index": r(
        SIGNED_IN,
        ("GET", "/notifications/", None),
        ("GET", "/notifications/?unread=1", None),
    ),
    "notifications.mark_one": r(SIGNED_IN, ("POST", "/notifications/{notification}/read", None)),
    "notifications.mark_all": r(SIGNED_IN, ("POST", "/notifications/read", None)),
    "notifications.email_choices": r(SIGNED_IN, ("POST", "/notifications/email-choices", None)),
    "notifications.chat_channels": r(ADMINS, ("GET", "/notifications/chat", None)),
    "notifications.save_chat_channel": r(
        ADMINS,
        ("POST", "/notifications/chat/slack", None),
        ("POST", "/notifications/chat/teams", None),
    ),
    "notifications.test_chat_channel": r(
        ADMINS,
        ("POST", "/notifications/chat/slack/test", None),
        ("POST", "/notifications/chat/teams/test", None),
    ),
    "notifications.remove_chat_channel": r(
        ADMINS,
        ("POST", "/notifications/chat/teams/remove", None),
        ("POST", "/notifications/chat/slack/remove", None),
    ),
    "api.list_notifications": r(
        SIGNED_IN,
        ("GET", "/api/v1/notifications", None),
        ("GET", "/api/v1/notifications?unread=true", None),
    ),
    "api.read_notifications": r(
        SIGNED_IN,
        ("POST", "/api/v1/notifications/read", {"ids": [1]}),
        ("POST", "/api/v1/notifications/read", {"all": True}),
    ),
}
