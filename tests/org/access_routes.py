"""Access rules of the people and team admin pages and their API."""

from tests.access import ADMINS, PEOPLE_ADMINS, SIGNED_IN, r
from tests.factories import PersonFactory, TeamFactory


def populate(world) -> None:
    world.ids["person"] = PersonFactory(team=world.team).id
    world.ids["other_team"] = TeamFactory().id


ROUTES = {
    "org.people": r(PEOPLE_ADMINS, ("GET", "/org/people", None)),
    "org.new_person": r(
        PEOPLE_ADMINS, ("GET", "/org/people/new", None), ("POST", "/org/people/new", None)
    ),
    "org.edit_person": r(
        PEOPLE_ADMINS,
        ("GET", "/org/people/{person}/edit", None),
        ("POST", "/org/people/{person}/edit", None),
    ),
    "org.deactivate_person": r(PEOPLE_ADMINS, ("POST", "/org/people/{person}/deactivate", None)),
    "org.reactivate_person": r(PEOPLE_ADMINS, ("POST", "/org/people/{person}/reactivate", None)),
    "org.import_csv": r(PEOPLE_ADMINS, ("GET", "/org/import", None), ("POST", "/org/import", None)),
    "org.import_template": r(PEOPLE_ADMINS, ("GET", "/org/import/people-template.csv", None)),
    "org.teams": r(ADMINS, ("GET", "/org/teams", None)),
    "org.new_team": r(ADMINS, ("GET", "/org/teams/new", None), ("POST", "/org/teams/new", None)),
    "org.edit_team": r(
        ADMINS,
        ("GET", "/org/teams/{other_team}/edit", None),
        ("POST", "/org/teams/{other_team}/edit", None),
    ),
    "org.deactivate_team": r(ADMINS, ("POST", "/org/teams/{other_team}/deactivate", None)),
    "org.reactivate_team": r(ADMINS, ("POST", "/org/teams/{other_team}/reactivate", None)),
    "api.people": r(SIGNED_IN, ("GET", "/api/v1/people", None)),
    "api.teams": r(SIGNED_IN, ("GET", "/api/v1/teams", None)),
}
ROUTES["org.lookup_people"] = r(SIGNED_IN, ("GET", "/org/people/lookup?q=pe", None))
ROUTES["org.invite_person"] = r(PEOPLE_ADMINS, ("POST", "/org/people/{person}/invite", None))
