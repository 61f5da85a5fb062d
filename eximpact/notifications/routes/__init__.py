"""Pages under /notifications (blueprint `notifications`).

`inbox` (the inbox, marking read, e-mail choices) and `chat` (the admin's Slack and
Teams channels) register their views on `bp`.
"""

from flask import Blueprint

bp = Blueprint("notifications", __name__, url_prefix="/notifications")

# The views register themselves on `bp` when imported.
from eximpact.notifications import permissions  # noqa: E402,F401  (registers the rules)
from eximpact.notifications.routes import chat, inbox  # noqa: E402,F401
