"""Access rules of the person page and its API: every signed-in employee sees anyone's page
(what each viewer sees on it is tests/people/test_person_page.py's)."""

from tests.access import SIGNED_IN, r


def populate(world) -> None:
    world.ids.update(person=world.personas["employee"].id)


ROUTES = {
    "people.person": r(SIGNED_IN, ("GET", "/people/{person}", None)),
    "api.show_person": r(SIGNED_IN, ("GET", "/api/v1/people/{person}", None)),
    "api.person_recognition": r(SIGNED_IN, ("GET", "/api/v1/people/{person}/recognition", None)),
}
