"""Pages for scorecards, under /scorecards (blueprint `scorecards`): the scorecard,
its exports, a team's card and the EX–CX link."""

from flask import Blueprint

bp = Blueprint("scorecards", __name__, url_prefix="/scorecards")

from eximpact.scorecards import permissions  # noqa: E402,F401  (registers the rules)
from eximpact.scorecards.routes import pages  # noqa: E402,F401
