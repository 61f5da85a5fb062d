"""Who sees which nominations: public ones for all, the rest for nominator and reviewers."""

import pytest

from tests.factories import PersonFactory
from tests.recognition.factories import AwardCycleFactory, NominationFactory


@pytest.fixture
def nominations(team):
    """Alice nominated Bob (submitted) and Carol (declined); Carol nominated Alice (approved)."""
    return {
        "submitted": NominationFactory(
            cycle=team.cycle, nominator=team.alice, nominee=team.bob, status="submitted"
        ),
        "declined": NominationFactory(
            cycle=team.cycle, nominator=team.alice, nominee=team.carol, status="declined"
        ),
        "approved": NominationFactory(
            cycle=team.cycle, nominator=team.carol, nominee=team.alice, status="approved"
        ),
    }


def visible(api, person, query="") -> set[str]:
    items = api(person).get(f"/api/v1/nominations{query}").get_json()["items"]
    return {item["status"] for item in items}


def test_the_nominator_sees_their_own_whatever_the_state(api, team, nominations):
    assert visible(api, team.alice) == {"submitted", "declined", "approved"}


def test_the_nominee_learns_of_a_nomination_only_once_it_is_approved(api, team, nominations):
    assert visible(api, team.bob) == {"approved"}
    response = api(team.bob).get(f"/api/v1/nominations/{nominations['submitted'].id}")
    assert response.status_code == 403


def test_the_manager_sees_what_they_review(api, team, nominations):
    assert visible(api, team.manager) == {"submitted", "declined", "approved"}
    outsider = NominationFactory(cycle=team.cycle, nominee=PersonFactory(), nominator=team.bob)
    ids = {item["id"] for item in api(team.manager).get("/api/v1/nominations").get_json()["items"]}
    assert outsider.id not in ids


def test_hr_sees_every_nomination(api, team, nominations):
    NominationFactory(cycle=team.cycle)
    items = api(PersonFactory(roles=["hr"])).get("/api/v1/nominations").get_json()["items"]
    assert len(items) == 4


def test_everyone_else_sees_only_public_nominations(api, team, nominations):
    assert visible(api, PersonFactory()) == {"approved"}
    assert visible(api, PersonFactory(roles=["admin"])) == {"approved"}


def test_the_list_filters_by_status_nominee_and_cycle(api, team, nominations):
    other_cycle = AwardCycleFactory()
    NominationFactory(cycle=other_cycle, nominator=team.alice, nominee=team.manager)
    client = api(team.alice)

    def ids(query):
        return {i["id"] for i in client.get(f"/api/v1/nominations?{query}").get_json()["items"]}

    assert ids("status=declined") == {nominations["declined"].id}
    assert ids(f"nominee_id={team.bob.id}") == {nominations["submitted"].id}
    assert len(ids(f"cycle_id={team.cycle.id}")) == 3
    assert client.get("/api/v1/nominations?status=maybe").status_code == 422


def test_reviewable_lists_only_what_the_caller_may_act_on(api, team, nominations):
    items = api(team.manager).get("/api/v1/nominations?reviewable=true").get_json()["items"]
    assert {i["id"] for i in items} == {nominations["submitted"].id, nominations["approved"].id}
    assert all("flags" in i for i in items)
    assert api(team.alice).get("/api/v1/nominations?reviewable=true").get_json()["items"] == []


def test_the_review_page_lists_what_waits_for_the_manager(client, auth, team, nominations):
    auth.login(team.manager)
    page = client.get("/recognition/nominations").get_data(as_text=True)
    assert page.count("yours to review") == 2
    for state in ("submitted", "approved"):
        assert f"/recognition/nominations/{nominations[state].id}" in page
    assert f"/recognition/nominations/{nominations['declined'].id}" not in page


@pytest.mark.parametrize(
    "url", ["/recognition/nominations?view=all", "/api/v1/nominations?reviewable=true"]
)
def test_nomination_lists_need_the_same_queries_for_3_or_30(
    client, auth, api, count_queries, team, url
):
    from eximpact.extensions import db
    from tests.praise.factories import PraiseFactory

    hr = PersonFactory(roles=["hr"])
    auth.login(hr)
    headers = api(hr).headers

    def queries(size):
        for _ in range(size):
            nominee = PersonFactory(manager=team.manager)
            praise = PraiseFactory(employees=[nominee], customer_ref="SAME")
            NominationFactory(cycle=team.cycle, nominee=nominee, praise=[praise])
        db.session.commit()
        client.get(url, headers=headers)
        with count_queries() as counter:
            assert client.get(url, headers=headers).status_code == 200
        return counter.count

    assert queries(3) == queries(27)
