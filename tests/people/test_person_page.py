"""A page per person: who they are, the recognition and praise they received, awards, thanks,
and their ambassador hours for the people who may see them; the same through the API."""

from datetime import timedelta
from decimal import Decimal

import pytest

from eximpact import clock
from eximpact.extensions import db
from eximpact.recognition.services.thanking import give_thanks
from tests.ambassadors.factories import CxProjectFactory, TimeEntryFactory
from tests.factories import PersonFactory, TeamFactory
from tests.people.conftest import recognised, thanked
from tests.praise.factories import PraiseFactory, log_praise
from tests.recognition.factories import CategoryFactory

SCRIPT = "<script>alert('x')</script>"


def page_of(client, auth, viewer, person) -> str:
    auth.logout()
    auth.login(viewer)
    response = client.get(f"/people/{person.id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_page_names_the_person_their_team_and_links_their_manager(client, auth, org):
    page = page_of(client, auth, org.colleague, org.nina)
    assert "Nina Nowak" in page and "Care" in page
    assert f'href="/people/{org.manager.id}">Maya Manager</a>' in page


def test_a_missing_person_is_a_404_on_the_page_and_in_the_api(client, auth, api, org):
    auth.login(org.colleague)
    assert client.get("/people/999999").status_code == 404
    assert api(org.colleague).get("/api/v1/people/999999").status_code == 404
    assert api(org.colleague).get("/api/v1/people/999999/recognition").status_code == 404


def test_recognition_received_shows_wall_cards_with_the_customers_words_and_thanks(
    client, auth, org
):
    words = PraiseFactory(employees=[org.nina], text="Nina saved our wedding day.")
    recognised(org.nina, org.colleague, praise=[words], reason="She stayed late for them.")
    give_thanks(
        org.manager, recipient_id=org.nina.id, category_id=org.value.id, message="Great handover."
    )
    recognised(org.colleague, org.nina, reason="Not about Nina at all.")
    page = page_of(client, auth, PersonFactory(), org.nina)
    assert "She stayed late for them." in page and "Nina saved our wedding day." in page
    assert "Great handover." in page and "Thanked by" in page
    assert "Not about Nina at all." not in page


def test_submitted_and_declined_nominations_are_not_on_the_page(client, auth, org):
    recognised(org.nina, org.colleague, status="submitted", reason="Still waiting for review.")
    recognised(org.nina, org.manager, status="declined", reason="Declined, and private.")
    page = page_of(client, auth, org.hr, org.nina)
    assert "Still waiting for review." not in page and "Declined, and private." not in page


def test_awards_and_thanks_given_are_listed(client, auth, org):
    recognised(org.nina, org.colleague, status="awarded", category=CategoryFactory(name="Hero"))
    give_thanks(
        org.nina, recipient_id=org.colleague.id, category_id=org.value.id, message="You rock."
    )
    page = page_of(client, auth, org.colleague, org.nina)
    assert "Hero</a>: A day off" in page
    assert "You rock." in page and f'href="/people/{org.colleague.id}">Carl Colleague</a>' in page


def test_the_customer_reference_is_shown_only_to_those_who_may_see_it(client, auth, org):
    log_praise(org.nina, actor=org.colleague, customer_ref="CASE-4711")
    assert "CASE-4711" in page_of(client, auth, org.hr, org.nina)
    assert "CASE-4711" in page_of(client, auth, org.colleague, org.nina)  # logged it
    assert "CASE-4711" in page_of(client, auth, org.manager, org.nina)  # follows it up
    stranger = PersonFactory(team=TeamFactory())
    page = page_of(client, auth, stranger, org.nina)
    assert "CASE-4711" not in page and "They went out of their way" in page


def test_the_customer_reference_follows_the_same_rule_in_the_api(api, org):
    log_praise(org.nina, actor=org.colleague, customer_ref="CASE-4711")
    refs = {
        who: api(person).get(f"/api/v1/people/{org.nina.id}").get_json()["praise"][0]
        for who, person in (("hr", org.hr), ("stranger", PersonFactory()))
    }
    assert refs["hr"]["customer_ref"] == "CASE-4711"
    assert refs["stranger"]["customer_ref"] is None


def _approved_hours(person, hours="3", days_ago=3):
    TimeEntryFactory(
        person=person,
        project=CxProjectFactory(),
        work_date=clock.today() - timedelta(days=days_ago),
        hours=Decimal(hours),
        status="approved",
    )
    TimeEntryFactory(person=person, project=CxProjectFactory(), status="draft", hours=Decimal(5))
    db.session.flush()


@pytest.mark.parametrize("viewer", ["nina", "manager", "hr"])
def test_approved_hours_by_month_are_shown_to_the_person_their_manager_and_hr(
    client, auth, org, viewer
):
    _approved_hours(org.nina)
    page = page_of(client, auth, getattr(org, viewer), org.nina)
    assert "CX ambassador hours" in page
    month = (clock.today() - timedelta(days=3)).strftime("%B %Y")
    assert f'<td>{month}</td><td class="text-end">3</td>' in page  # drafts are not counted


@pytest.mark.parametrize("viewer", ["colleague", "stranger"])
def test_hours_are_hidden_from_colleagues_and_everyone_else(client, auth, org, viewer):
    _approved_hours(org.nina)
    who = PersonFactory(roles=["manager"]) if viewer == "stranger" else org.colleague
    assert "CX ambassador hours" not in page_of(client, auth, who, org.nina)


def test_hours_in_the_api_are_null_for_those_who_may_not_see_them(api, org):
    _approved_hours(org.nina, hours="2.5")
    mine = api(org.nina).get(f"/api/v1/people/{org.nina.id}").get_json()
    assert [h["hours"] for h in mine["hours_by_month"]] == [2.5]
    theirs = api(org.colleague).get(f"/api/v1/people/{org.nina.id}").get_json()
    assert theirs["hours_by_month"] is None


def test_the_api_gives_the_person_with_team_manager_and_awards(api, org):
    n = recognised(org.nina, org.colleague, status="awarded")
    body = api(org.colleague).get(f"/api/v1/people/{org.nina.id}").get_json()
    assert (body["id"], body["name"], body["active"]) == (org.nina.id, "Nina Nowak", True)
    assert body["team"]["name"] == "Care"
    assert body["manager"] == {"id": org.manager.id, "name": "Maya Manager"}
    assert [a["nomination_id"] for a in body["awards"]] == [n.id]
    assert body["awards"][0]["reward"] == "A day off"


def test_the_recognition_api_merges_nominations_and_thanks_newest_first(api, org):
    words = PraiseFactory(employees=[org.nina], text="Wonderful.", customer_ref="SECRET-1")
    older = recognised(org.nina, org.colleague, minutes_ago=60, praise=[words])
    thanks = give_thanks(
        org.manager, recipient_id=org.nina.id, category_id=org.value.id, message="Thank you!"
    )
    response = api(org.colleague).get(f"/api/v1/people/{org.nina.id}/recognition")
    assert response.status_code == 200
    body = response.get_json()
    assert body["total"] == 2
    first, second = body["items"]
    assert (first["kind"], first["id"], first["from_id"]) == ("thanks", thanks.id, org.manager.id)
    assert (first["reason"], first["category"]["name"], first["praise"]) == (
        "Thank you!",
        "One team",
        [],
    )
    assert (second["kind"], second["id"], second["from_id"]) == (
        "nomination",
        older.id,
        org.colleague.id,
    )
    assert second["praise"][0]["text"] == "Wonderful."
    assert second["praise"][0]["customer_ref"] is None
    assert set(first) == {"kind", "id", "from_id", "category", "reason", "praise", "at"}


def test_reasons_messages_and_praise_stay_text_on_the_page(client, auth, org):
    words = PraiseFactory(employees=[org.nina], text=f"Praise {SCRIPT}")
    recognised(org.nina, org.colleague, praise=[words], reason=f"Reason {SCRIPT} words")
    give_thanks(
        org.manager, recipient_id=org.nina.id, category_id=org.value.id, message=f"T {SCRIPT}"
    )
    page = page_of(client, auth, org.colleague, org.nina)
    assert SCRIPT not in page and "&lt;script&gt;" in page


def _history(person, size: int) -> None:
    for n in range(size):
        giver = PersonFactory(team=TeamFactory())
        praise = [PraiseFactory(employees=[person]) for _ in range(2)]
        recognised(person, giver, minutes_ago=n, praise=praise, category=CategoryFactory())
        recognised(person, giver, minutes_ago=n, status="awarded", category=CategoryFactory())
        log_praise(person, actor=giver)
        value = CategoryFactory(company_value=True)
        thanked(giver, person, value, f"Thanks {n}", days_ago=n)
        thanked(person, giver, value, f"Back {n}", days_ago=n)
        TimeEntryFactory(
            person=person,
            project=CxProjectFactory(),
            work_date=clock.today() - timedelta(days=30 * (n % 10) + 1),
            status="approved",
        )
    db.session.commit()


@pytest.mark.parametrize(
    "url", ["/people/{id}", "/api/v1/people/{id}", "/api/v1/people/{id}/recognition"]
)
def test_the_person_page_needs_the_same_queries_for_a_short_or_long_history(
    client, auth, api, count_queries, org, url
):
    auth.login(org.manager)  # sees the hours too
    headers = api(org.manager).headers

    def queries(size):
        _history(org.nina, size)
        target = url.format(id=org.nina.id)
        client.get(target, headers=headers)  # warm-up: signing in, the token's last use
        with count_queries() as counter:
            assert client.get(target, headers=headers).status_code == 200
        return counter.count

    assert queries(2) == queries(14)
