"""Every person's name in the app links to their page."""

from datetime import timedelta

import pytest

from tests.ambassadors.factories import TODAY, CxProjectFactory, TimeEntryFactory, ambassador
from tests.factories import PersonFactory
from tests.people.conftest import recognised, thanked
from tests.praise.factories import log_praise


def link(person) -> str:
    return f'<a href="/people/{person.id}">{person.name}</a>'


def test_the_person_link_macro_links_a_name_and_says_dash_for_nobody(app):
    from flask import render_template_string

    person = PersonFactory(name="Nina <Nowak>")
    with app.test_request_context():
        shown = render_template_string(
            '{% from "_macros.html" import person_link %}'
            "{{ person_link(p) }}|{{ person_link(none) }}",
            p=person,
        )
    assert shown == f'<a href="/people/{person.id}">Nina &lt;Nowak&gt;</a>|—'


@pytest.mark.parametrize("url", ["/recognition/", "/recognition/nominations/{nomination}"])
def test_recognition_pages_link_the_people_they_name(client, auth, org, url):
    nomination = recognised(org.nina, org.colleague)
    thanked(org.manager, org.nina, org.value, "Thanks!")
    auth.login(org.hr)
    page = client.get(url.format(nomination=nomination.id)).get_data(as_text=True)
    assert f'href="/people/{org.nina.id}"' in page and link(org.colleague) in page


def test_the_leaderboard_links_the_people_it_ranks(client, auth, org):
    recognised(org.nina, org.colleague)
    auth.login(org.hr)
    assert link(org.nina) in client.get("/recognition/leaderboard").get_data(as_text=True)


def test_praise_pages_link_the_praised_and_their_leader(client, auth, org):
    praise = log_praise(org.nina, actor=org.colleague)
    auth.login(org.hr)
    page = client.get(f"/praise/{praise.id}").get_data(as_text=True)
    assert link(org.nina) in page and link(org.manager) in page and link(org.colleague) in page
    assert link(org.nina) in client.get("/praise/").get_data(as_text=True)


def test_the_approvals_queue_and_the_people_list_link_people(client, auth, org):
    sam = ambassador(manager=org.manager, name="Sam Ambassador")
    TimeEntryFactory(
        person=sam,
        project=CxProjectFactory(),
        work_date=TODAY - timedelta(days=8),
        status="submitted",
    )
    auth.login(org.manager)
    assert link(sam) in client.get("/ambassadors/approvals").get_data(as_text=True)
    auth.logout()
    auth.login(org.hr)
    people = client.get("/org/people").get_data(as_text=True)
    assert link(org.nina) in people and link(org.manager) in people


def test_the_home_page_links_my_manager(client, auth, org):
    auth.login(org.nina)
    assert link(org.manager) in client.get("/").get_data(as_text=True)
