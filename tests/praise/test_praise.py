"""Logging customer praise: by form and API, one set of rules, shown escaped everywhere."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from eximpact import clock
from eximpact.audit.models import AuditEvent
from eximpact.extensions import db
from eximpact.praise.models import Outreach, Praise
from eximpact.praise.services.recording import PraiseInput, clean, praise_problems
from tests.factories import PersonFactory, TeamFactory
from tests.praise.factories import PraiseFactory, log_praise

pytestmark = pytest.mark.usefixtures("frozen_clock")

SCRIPT = "<script>alert('praise')</script>"


def today():
    return clock.today()


def problems_of(**changes):
    data = PraiseInput(source="email", text="Lovely", received_at=today(), employee_ids=[1])
    for key, value in changes.items():
        setattr(data, key, value)
    return praise_problems(clean(data), today()).fields


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"source": "fax"},
            "source",
            "Use one of: survey, nps, email, call, chat, social, review.",
        ),
        ({"text": "   "}, "text", "Enter the customer's words."),
        ({"received_at": None}, "received_at", "Enter the date the praise was received."),
        ({"nps": 11}, "nps", "NPS is a score from 0 to 10."),
        ({"nps": -1}, "nps", "NPS is a score from 0 to 10."),
        ({"engagement_level": 6}, "engagement_level", "Use a level from 1 to 5."),
        ({"employee_ids": []}, "employee_ids", "Name at least one employee who was praised."),
    ],
)
def test_each_field_rule_names_its_field(changes, field, message):
    assert problems_of(**changes)[field] == [message]


def test_praise_cannot_be_received_in_the_future():
    problems = problems_of(received_at=today() + timedelta(days=1))
    assert problems["received_at"] == ["The date cannot be in the future."]


def test_the_emotion_must_belong_to_the_chosen_level():
    problems = problems_of(engagement_level=4, emotion="pampered")
    assert problems["emotion"] == [
        "At level 4 (positively engaged) customers feel delighted, appreciated, individual."
    ]


def test_an_emotion_that_is_not_on_the_scale_is_refused():
    assert "Use one of the scale's emotions" in problems_of(emotion="happy")["emotion"][0]


def test_an_emotion_alone_sets_its_level():
    data = clean(PraiseInput(source="email", text="x", emotion="Pampered"))
    assert (data.engagement_level, data.emotion) == (5, "pampered")


def test_every_level_offers_the_emotions_of_product_md():
    from eximpact.praise.models import ENGAGEMENT_LEVELS

    assert ENGAGEMENT_LEVELS == {
        5: ("completely engaged", ("pampered", "special", "indulged")),
        4: ("positively engaged", ("delighted", "appreciated", "individual")),
        3: ("engaged", ("respected", "understood", "content")),
        2: ("dissatisfied", ("disinterested", "disconnected", "disappointed")),
        1: ("extremely dissatisfied", ("ignored", "stressed", "frustrated")),
    }


def test_any_employee_logs_praise_for_a_colleague_through_the_form(client, auth):
    me = PersonFactory()
    lead = PersonFactory()
    colleague = PersonFactory(manager=lead)
    other = PersonFactory(manager=lead)
    auth.login(me)
    response = client.post(
        "/praise/new",
        data={
            "employee_ids": [colleague.id, other.id],
            "source": "call",
            "received_at": today().isoformat(),
            "text": "They were so patient with me.",
            "nps": "9",
            "engagement_level": "4",
            "emotion": "appreciated",
            "customer_ref": "CASE-9",
        },
    )
    assert response.status_code == 302
    praise = db.session.scalars(select(Praise)).one()
    assert (praise.logged_by, praise.intake, praise.nps, praise.emotion) == (
        me,
        "form",
        9,
        "appreciated",
    )
    assert set(praise.employees) == {colleague, other}
    outreach = db.session.scalars(select(Outreach)).all()
    assert {(o.employee_id, o.leader_id) for o in outreach} == {
        (colleague.id, lead.id),
        (other.id, lead.id),
    }
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.entity_type == "praise")).one()
    assert (event.action, event.actor_id) == ("logged", me.id)


def test_the_form_shows_the_rule_broken_beside_its_field_and_keeps_the_input(client, auth):
    colleague = PersonFactory()
    auth.login(PersonFactory())
    response = client.post(
        "/praise/new",
        data={
            "employee_ids": [colleague.id],
            "source": "email",
            "received_at": today().isoformat(),
            "text": "Kept text",
            "engagement_level": "2",
            "emotion": "delighted",
        },
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "At level 2 (dissatisfied) customers feel" in page
    assert "Kept text" in page
    assert db.session.scalar(select(func.count()).select_from(Praise)) == 0


def test_the_api_accepts_employee_emails_and_answers_201(api):
    colleague = PersonFactory(email="colleague@example.com")
    response = api(PersonFactory()).post(
        "/api/v1/praise",
        json={
            "source": "chat",
            "received_at": "2026-01-15T22:30:00-05:00",
            "text": "Great chat!",
            "employee_emails": ["Colleague@Example.com"],
            "emotion": "content",
        },
    )
    assert response.status_code == 201
    data = response.get_json()
    assert data["employee_ids"] == [colleague.id]
    assert data["received_at"] == "2026-01-16"  # the UTC date of the moment sent
    assert (data["engagement_level"], data["emotion"]) == (3, "content")


def test_the_api_is_idempotent_on_external_id_too(api):
    colleague = PersonFactory()
    client = api(PersonFactory())
    payload = {
        "source": "nps",
        "text": "10/10",
        "employee_ids": [colleague.id],
        "external_id": "n1",
    }
    first = client.post("/api/v1/praise", json=payload)
    second = client.post("/api/v1/praise", json=payload)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.get_json()["id"] == second.get_json()["id"]


def test_the_api_lists_every_type_problem_at_once(api):
    response = api(PersonFactory()).post(
        "/api/v1/praise",
        json={"source": 3, "text": "", "nps": "ten", "employee_ids": ["a"], "received_at": "soon"},
    )
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {
        "source",
        "text",
        "nps",
        "employee_ids",
        "received_at",
    }


def test_the_api_lists_praise_newest_first_filtered_by_team(api):
    care = TeamFactory()
    insider = PersonFactory(team=care)
    old = PraiseFactory(employees=[insider], received_at=today() - timedelta(days=3))
    new = PraiseFactory(employees=[insider], received_at=today())
    PraiseFactory(employees=[PersonFactory()])
    items = api(PersonFactory()).get(f"/api/v1/praise?team_id={care.id}").get_json()["items"]
    assert [item["id"] for item in items] == [new.id, old.id]


def test_the_customer_reference_is_shown_only_to_those_who_need_it(api):
    lead = PersonFactory()
    logger = PersonFactory()
    praise = log_praise(PersonFactory(manager=lead), actor=logger, customer_ref="CASE-7")
    url = f"/api/v1/praise/{praise.id}"
    assert api(logger).get(url).get_json()["customer_ref"] == "CASE-7"
    assert api(lead).get(url).get_json()["customer_ref"] == "CASE-7"
    assert api(PersonFactory(roles=["hr"])).get(url).get_json()["customer_ref"] == "CASE-7"
    assert api(PersonFactory()).get(url).get_json()["customer_ref"] is None


def test_praise_text_stays_text_on_every_page(client, auth):
    """A <script> a customer (or anyone) typed is shown, escaped, never run."""
    lead = PersonFactory()
    colleague = PersonFactory(manager=lead)
    praise = log_praise(colleague, text=f"Great {SCRIPT} service")
    db.session.flush()
    auth.login(lead)
    for url in (
        "/praise/",
        f"/praise/{praise.id}",
        "/praise/outreach",
        f"/praise/outreach/{praise.outreach[0].id}",
    ):
        page = client.get(url).get_data(as_text=True)
        assert SCRIPT not in page, url
        assert "&lt;script&gt;" in page, url


def test_the_praise_page_offers_to_nominate_each_praised_colleague_but_not_yourself(client, auth):
    me = PersonFactory(name="Me Myself")
    colleague = PersonFactory(name="Cara Colleague")
    praise = log_praise(me, colleague)
    auth.login(me)
    page = client.get(f"/praise/{praise.id}").get_data(as_text=True)
    assert "Nominate Cara Colleague for this praise" in page
    assert f"nominee_id={colleague.id}&amp;praise_id={praise.id}" in page
    assert "Nominate Me Myself" not in page


def test_an_unknown_praise_is_a_404(client, auth, api):
    person = PersonFactory()
    auth.login(person)
    assert client.get("/praise/999999").status_code == 404
    assert api(person).get("/api/v1/praise/999999").status_code == 404


@pytest.mark.parametrize("url", ["/praise/", "/api/v1/praise"])
def test_praise_lists_need_the_same_queries_for_3_or_30_pieces(
    client, auth, api, count_queries, url
):
    viewer = PersonFactory()
    auth.login(viewer)
    headers = api(viewer).headers

    def queries(size):
        for _ in range(size):
            lead = PersonFactory()
            log_praise(PersonFactory(manager=lead, team=TeamFactory()), PersonFactory(manager=lead))
        db.session.commit()
        client.get(url, headers=headers)  # warm-up: signing in, the token's last use
        with count_queries() as counter:
            assert client.get(url, headers=headers).status_code == 200
        return counter.count

    assert queries(3) == queries(27)
