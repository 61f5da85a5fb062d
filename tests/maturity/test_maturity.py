"""Maturity: our questions on Temkin's stages, scored per pillar, with evidence and history."""

from datetime import datetime, timedelta

import pytest

from eximpact import clock
from eximpact.maturity.services import create_assessment, evidence, score, stage
from tests.factories import PersonFactory

PILLARS = ("inform", "inspire", "instruct", "engage", "reward")


def _levels(**pillars):
    return {p: pillars.get(p, [3, 3, 3, 3]) for p in PILLARS}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1.0, "damaging"),
        (1.79, "damaging"),
        (1.8, "neglecting"),
        (2.59, "neglecting"),
        (2.6, "maintaining"),
        (3.39, "maintaining"),
        (3.4, "enhancing"),
        (4.19, "enhancing"),
        (4.2, "maximizing"),
        (5.0, "maximizing"),
    ],
)
def test_stage_bands_are_below_1_8_2_6_3_4_4_2_and_up_to_5(value, expected):
    assert stage(value) == expected


def test_pillar_score_is_the_mean_and_the_weakest_pillar_is_named():
    result = score(_levels(instruct=[1, 2, 1, 2], reward=[5, 5, 4, 5]))
    assert result["pillars"]["instruct"] == {"score": 1.5, "stage": "damaging"}
    assert result["pillars"]["reward"] == {"score": 4.75, "stage": "maximizing"}
    assert result["weakest"] == "instruct"
    assert result["overall"]["score"] == round((3 + 3 + 1.5 + 3 + 4.75) / 5, 2)


def test_a_manager_assesses_under_their_name_through_the_api(api):
    manager = PersonFactory(roles=["manager"])
    response = api(manager).post(
        "/api/v1/maturity/assessments", json={"answers": _levels(engage=[1, 1, 2, 1])}
    )
    assert response.status_code == 201
    data = response.get_json()
    assert data["rater_id"] == manager.id and data["weakest"] == "engage"
    assert data["pillars"]["engage"]["stage"] == "damaging"
    assert data["created_at"].endswith("Z")


def test_wrong_answers_are_named_one_by_one(api):
    hr = PersonFactory(roles=["hr"])
    answers = _levels(inform=[3, 3, 3], inspire=[0, 6, "3", True])
    answers["people"] = [1]
    response = api(hr).post("/api/v1/maturity/assessments", json={"answers": answers})
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {
        "answers.inform",
        "answers.inspire.0",
        "answers.inspire.1",
        "answers.inspire.2",
        "answers.inspire.3",
        "answers.people",
    }


def test_employees_cannot_assess_and_managers_see_only_their_own(api):
    employee = PersonFactory()
    hr, manager, other = (PersonFactory(roles=[r]) for r in ("hr", "manager", "manager"))
    assert api(employee).get("/api/v1/maturity/assessments").status_code == 403
    mine = create_assessment(manager, _levels())
    create_assessment(other, _levels())
    ids = [a["id"] for a in api(manager).get("/api/v1/maturity/assessments").get_json()["items"]]
    assert ids == [mine.id]
    assert api(hr).get("/api/v1/maturity/assessments").get_json()["total"] == 2


def test_the_summary_holds_the_history_per_pillar_oldest_first(api):
    hr = PersonFactory(roles=["hr"])
    then = clock.now() - timedelta(days=90)
    create_assessment(hr, _levels(reward=[1, 1, 1, 1]), at=then)
    now = datetime.combine(clock.today(), datetime.min.time())
    create_assessment(hr, _levels(reward=[4, 4, 4, 4]), at=now)
    history = api(hr).get("/api/v1/maturity/summary").get_json()["history"]["reward"]
    assert [h["score"] for h in history] == [1.0, 4.0]


def test_a_high_rating_with_no_evidence_says_so(app):
    result = score(_levels(reward=[5, 4, 5, 4]))
    message = evidence(result)["reward"].message
    assert message.startswith("Reward rated 4.5, but no awards in 6 months")
    assert "but" not in evidence(result)["instruct"].message


def test_the_page_shows_the_label_the_chart_and_templates_for_the_weakest_pillar(client, auth):
    hr = PersonFactory(roles=["hr"])
    create_assessment(hr, _levels(inspire=[1, 1, 2, 1]))
    auth.login(hr)
    page = client.get("/maturity/").get_data(as_text=True)
    assert "Temkin&#39;s stages, our questions" in page or "Temkin's stages, our questions" in page
    assert "<svg" in page and "Town hall" in page  # an Inspire template
    form = client.get("/maturity/new").get_data(as_text=True)
    assert form.count('type="radio"') == 20 * 5
    posted = client.post("/maturity/new", data={"inform_customer_voice": "3"})
    assert posted.status_code == 422
