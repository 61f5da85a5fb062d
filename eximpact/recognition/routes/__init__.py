"""Pages for peer recognition, under /recognition (blueprint `recognition`).

`wall` (the wall and leaderboards), `nominations` (nominating and reviewing) and
`programme` (HR's award cycles and categories) register their views on `bp`.
"""

from flask import Blueprint

bp = Blueprint("recognition", __name__, url_prefix="/recognition")

# The views register themselves on `bp` when imported.
from eximpact.recognition import permissions  # noqa: E402,F401  (registers the rules)
from eximpact.recognition.routes import (  # noqa: E402,F401
    nominations,
    programme,
    thanks,
    wall,
)
