"""One loader per resource: the person or team an admin page asked for.

Who may open the people and team pages is the route's role check (`people.manage`,
`teams.manage`); there is no per-record rule beyond it, so these answer the 404.
"""

from flask import abort

from eximpact.extensions import db
from eximpact.org.models import Person, Team


def get_person_or_404(person_id: int, for_person) -> Person:
    return db.session.get(Person, person_id) or abort(404, "There is no such person.")


def get_team_or_404(team_id: int, for_person) -> Team:
    return db.session.get(Team, team_id) or abort(404, "There is no such team.")
