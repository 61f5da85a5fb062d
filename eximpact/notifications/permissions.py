"""Who may set the chat channels: the admin (the webhook URLs are secrets of the organisation)."""

from eximpact.access import role_rule
from eximpact.org.models import ADMIN

role_rule("chat.manage", ADMIN)
