"""Pages for peer recognition, under /recognition (blueprint `recognition`).

`wall` (the wall and leaderboards), `answers` (reactions and comments on the wall),
`nominations` (nominating and reviewing), `thanks` (quick thanks) and `programme`
(HR's award cycles and categories) register their views on `bp`.
"""

from flask import Blueprint

bp = Blueprint("recognition", __name__, url_prefix="/recognition")

# The views register themselves on `bp` when imported.
from eximpact.recognition import permissions  # noqa: E402,F401  (registers the rules)
from eximpact.recognition.routes import (  # noqa: E402,F401
    answers,
    nominations,
    programme,
    thanks,
    wall,
)
