"""The recognition wall and the leaderboards: what they show, in what order, at a fixed cost."""

from datetime import datetime, timedelta

import pytest

from eximpact import clock
from eximpact.extensions import db
from eximpact.recognition.periods import period_bounds
from eximpact.recognition.services.wall import leaderboard
from tests.factories import PersonFactory, TeamFactory
from tests.praise.factories import PraiseFactory
from tests.recognition.factories import CategoryFactory, NominationFactory

SCRIPT = "<script>alert('x')</script>"


def now() -> datetime:
    return clock.now()


def recognised(nominee, when=None, status="approved", **kwargs):
    when = when or now()
    return NominationFactory(
        nominee=nominee,
        status=status,
        reviewed_at=when,
        recognised_at=when,
        awarded_at=when if status == "awarded" else None,
        reward="A day off" if status == "awarded" else None,
        **kwargs,
    )


def wall_names(api, person, query="") -> list[str]:
    items = api(person).get(f"/api/v1/recognition/wall{query}").get_json()["items"]
    return [item["nominee"]["name"] for item in items]


def test_the_wall_shows_approved_and_awarded_newest_first(api, team):
    recognised(team.alice, now() - timedelta(days=2))
    recognised(team.bob, now() - timedelta(days=1), status="awarded")
    NominationFactory(nominee=team.carol, status="submitted")
    NominationFactory(nominee=team.carol, status="declined")
    assert wall_names(api, PersonFactory()) == ["Bob Builder", "Alice Agent"]


def test_the_wall_carries_the_customers_words(api, team):
    praise = PraiseFactory(employees=[team.bob], text="Bob saved my holiday")
    recognised(team.bob, praise=[praise])
    [item] = api(PersonFactory()).get("/api/v1/recognition/wall").get_json()["items"]
    assert [p["text"] for p in item["praise"]] == ["Bob saved my holiday"]


def test_the_wall_filters_by_team_including_sub_teams_and_by_category(api, team):
    region = TeamFactory(name="Region")
    branch = TeamFactory(name="Branch", parent=region)
    in_branch = PersonFactory(name="Branch Person", team=branch)
    hero = CategoryFactory(name="Hero")
    recognised(in_branch, category=hero)
    recognised(team.alice)
    viewer = PersonFactory()
    assert wall_names(api, viewer, f"?team_id={region.id}") == ["Branch Person"]
    assert wall_names(api, viewer, f"?category_id={hero.id}") == ["Branch Person"]


def test_the_wall_page_is_paginated(client, auth, team):
    for n in range(23):
        recognised(PersonFactory(name=f"Hero {n:02d}"), now() - timedelta(minutes=n))
    auth.login(team.alice)
    first = client.get("/recognition/").get_data(as_text=True)
    assert "Hero 00" in first and "Hero 21" not in first and "1–20 of 23" in first
    assert "Hero 22" in client.get("/recognition/?page=2").get_data(as_text=True)


def test_reason_and_praise_stay_text_on_the_wall_and_review_pages(client, auth, team):
    praise = PraiseFactory(employees=[team.bob], text=f"Praise {SCRIPT}")
    n = recognised(team.bob, reason=f"Reason {SCRIPT} and more words", praise=[praise])
    auth.login(team.manager)
    for url in ("/recognition/", f"/recognition/nominations/{n.id}", "/recognition/nominations"):
        page = client.get(url).get_data(as_text=True)
        assert SCRIPT not in page, url
        assert "&lt;script&gt;" in page, url


def _fill_wall(size: int) -> None:
    for n in range(size):
        person = PersonFactory(team=TeamFactory())
        praise = [PraiseFactory(employees=[person]) for _ in range(2)]
        recognised(person, now() - timedelta(minutes=n), praise=praise, category=CategoryFactory())
    db.session.commit()


@pytest.mark.parametrize("url", ["/recognition/", "/api/v1/recognition/wall"])
def test_the_wall_needs_the_same_queries_for_3_or_30_recognitions(
    client, auth, api, count_queries, url
):
    viewer = PersonFactory()
    auth.login(viewer)
    headers = api(viewer).headers

    def queries(size):
        _fill_wall(size)
        client.get(url, headers=headers)  # warm-up: signing in, the token's last use
        with count_queries() as counter:
            assert client.get(url, headers=headers).status_code == 200
        return counter.count

    assert queries(3) == queries(27)


def _board(period="month", day=None, team_ids=None):
    return leaderboard(period, day or now().date(), team_ids).rows


def test_points_are_5_per_award_3_per_approval_1_per_praise(team):
    recognised(team.alice, status="awarded")  # approved and awarded: 3 + 5
    recognised(team.bob)
    PraiseFactory(employees=[team.bob, team.carol])
    rows = {row.name: row for row in _board()}
    assert (rows["Alice Agent"].points, rows["Alice Agent"].awards) == (8, 1)
    assert (
        rows["Bob Builder"].points,
        rows["Bob Builder"].approvals,
        rows["Bob Builder"].praise,
    ) == (
        4,
        1,
        1,
    )
    assert rows["Carol Carer"].points == 1


def test_equal_points_share_a_rank_and_the_next_rank_is_skipped(team):
    dave = PersonFactory(name="Dave Diver")
    for person in (team.carol, team.alice):  # 3 points each
        recognised(person)
    recognised(team.bob, status="awarded")  # 8 points
    PraiseFactory(employees=[dave])  # 1 point
    assert [(r.rank, r.name) for r in _board()] == [
        (1, "Bob Builder"),
        (2, "Alice Agent"),
        (2, "Carol Carer"),
        (4, "Dave Diver"),
    ]


def test_each_event_counts_in_the_period_it_happened(team):
    start, _ = period_bounds("month", now().date())
    last_month = datetime.combine(start - timedelta(days=3), datetime.min.time())
    recognised(team.alice, last_month)
    PraiseFactory(employees=[team.bob], received_at=last_month.date())
    recognised(team.carol)
    assert [r.name for r in _board("month")] == ["Carol Carer"]
    assert [r.name for r in _board("month", last_month.date())] == ["Alice Agent", "Bob Builder"]
    year = {r.name for r in _board("year")}
    if last_month.year == now().year:
        assert year == {"Alice Agent", "Bob Builder", "Carol Carer"}


def test_the_leaderboard_can_be_one_team_and_leaves_out_people_who_left(team):
    outsider = PersonFactory(name="Outside Olga", team=TeamFactory())
    recognised(outsider)
    recognised(team.alice)
    team.bob.active = False
    recognised(team.bob, status="awarded")
    assert [r.name for r in _board(team_ids=[team.alice.team_id])] == ["Alice Agent"]
    assert "Bob Builder" not in {r.name for r in _board()}


def test_the_leaderboard_api_explains_its_scheme(api, team):
    recognised(team.alice)
    body = api(team.bob).get("/api/v1/recognition/leaderboard?period=quarter").get_json()
    assert body["points"] == {"award": 5, "approval": 3, "praise": 1, "thanks": 1}
    assert body["rows"][0]["name"] == "Alice Agent" and body["rows"][0]["rank"] == 1
    start, end = period_bounds("quarter", now().date())
    assert (body["start"], body["end"]) == (start.isoformat(), end.isoformat())
    assert api(team.bob).get("/api/v1/recognition/leaderboard?period=week").status_code == 422
    assert api(team.bob).get("/api/v1/recognition/leaderboard?date=soon").status_code == 422


def test_the_leaderboard_page_shows_the_ranking_and_a_chart(client, auth, team):
    recognised(team.alice, status="awarded")
    auth.login(team.bob)
    page = client.get("/recognition/leaderboard?period=year").get_data(as_text=True)
    assert "Alice Agent" in page and "<svg" in page and "Points: an award 5" in page


def _fill_board(size: int) -> None:
    for _ in range(size):
        person = PersonFactory(team=TeamFactory())
        recognised(person, status="awarded")
        PraiseFactory(employees=[person])
    db.session.commit()


@pytest.mark.parametrize(
    "url", ["/recognition/leaderboard", "/api/v1/recognition/leaderboard?period=year"]
)
def test_the_leaderboard_needs_the_same_queries_for_3_or_30_heroes(
    client, auth, api, count_queries, url
):
    viewer = PersonFactory()
    auth.login(viewer)
    headers = api(viewer).headers

    def queries(size):
        _fill_board(size)
        client.get(url, headers=headers)  # warm-up: signing in, the token's last use
        with count_queries() as counter:
            assert client.get(url, headers=headers).status_code == 200
        return counter.count

    assert queries(3) == queries(27)
