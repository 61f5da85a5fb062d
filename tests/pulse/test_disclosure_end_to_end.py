"""The property once more, end to end: random team trees answer real rounds, and the
published results (API structure) never let a subtraction isolate 1..k−1 respondents."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eximpact.pulse.services.results import round_results
from eximpact.pulse.services.rounds import close_round
from tests.factories import PersonFactory, TeamFactory
from tests.pulse.factories import answer_as, make_round, open_round


@st.composite
def rounds(draw):
    size = draw(st.integers(min_value=1, max_value=6))
    parents = [None] + [draw(st.integers(min_value=0, max_value=i - 1)) for i in range(1, size)]
    members = [draw(st.integers(min_value=0, max_value=7)) for _ in range(size)]
    answering = [draw(st.integers(min_value=0, max_value=m)) for m in members]
    scores = draw(st.lists(st.integers(min_value=1, max_value=7), min_size=3, max_size=3))
    k = draw(st.integers(min_value=3, max_value=6))
    return parents, members, answering, scores, k


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rounds())
def test_published_results_never_isolate_a_small_group(app, example):
    parents, members, answering, scores, k = example
    hr = PersonFactory(roles=["hr"])
    teams = []
    for parent in parents:
        teams.append(TeamFactory(parent=teams[parent] if parent is not None else None))
    people = [
        [PersonFactory(team=team) for _ in range(n)] for team, n in zip(teams, members, strict=True)
    ]
    if not any(members):
        return  # nobody to ask: the round cannot open
    round_ = open_round(hr, make_round(hr, teams=[teams[0]], min_group=k))
    values = dict(zip(("mission", "feedback", "tools"), scores, strict=True))
    for group, n in zip(people, answering, strict=True):
        answer_as(group[:n], round_, values)
    close_round(hr, round_)
    results = round_results(round_, hr, output="test")

    rows = {row["team_id"]: row for row in results["teams"]}
    children = {team.id: [] for team in teams}
    for team, parent in zip(teams, parents, strict=True):
        if parent is not None:
            children[teams[parent].id].append(team.id)
    shown = {tid for tid, row in rows.items() if row["status"] == "shown"}
    for tid, row in rows.items():
        if row["status"] != "shown":
            figures = [row["responses"], row["engaged_share"], row["mean"], row["participation"]]
            figures += list(row["items"].values()) + list(row["bands"].values())
            assert all(f["value"] is None for f in figures)
            continue
        n = row["responses"]["value"]
        assert n >= k
        below = sum(rows[c]["responses"]["value"] for c in children[tid] if c in shown)
        assert not 0 < n - below < k
    organisation = results["organisation"]
    if organisation["status"] == "shown":
        top = rows[teams[0].id]["responses"]["value"] if teams[0].id in shown else 0
        assert not 0 < organisation["responses"]["value"] - top < k
