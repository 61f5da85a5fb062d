"""The team a scorecard is asked for: 404 when missing, 403 outside the viewer's scope."""

from flask import abort

from eximpact.access import require
from eximpact.extensions import db
from eximpact.org.models import Team


def get_team_scorecard_or_404(team_id: int, for_person) -> Team:
    team = db.session.get(Team, team_id) or abort(404, "There is no such team.")
    require("scorecards.team", team)
    return team
