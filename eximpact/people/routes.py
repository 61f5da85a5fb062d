"""The person page: thin over `people.services` and `recognition.services.received`."""

from flask import Blueprint, render_template
from flask_login import current_user

from eximpact import clock
from eximpact.pagination import paginate
from eximpact.people import services
from eximpact.people.loaders import get_person_or_404
from eximpact.recognition.services import received

bp = Blueprint("people", __name__, url_prefix="/people")

PER_PAGE = 12


@bp.get("/<int:person_id>")
def person(person_id: int):
    """A person's page, for every signed-in employee."""
    person = get_person_or_404(person_id, current_user)
    results = paginate(received.received_query(person.id), per_page=PER_PAGE, rows=True)
    results.items = received.load(results.items)
    return render_template(
        "people/person.html",
        profile=services.profile(current_user, person, clock.today()),
        results=results,
    )
