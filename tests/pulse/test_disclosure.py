"""The one disclosure rule: nothing published, and no difference of published numbers,
isolates between 1 and k−1 respondents."""

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from eximpact.pulse.disclosure import (
    NOT_ENOUGH,
    ORGANISATION,
    SHOWN,
    WITHHELD,
    children_of,
    disclose,
    subtree_totals,
)


@st.composite
def organisations(draw):
    """A random team tree (each team's parent comes before it), direct counts and k."""
    size = draw(st.integers(min_value=1, max_value=14))
    parents = {}
    for team in range(1, size + 1):
        parents[team] = draw(st.one_of(st.none(), st.sampled_from(list(parents) or [None])))
    nodes = [ORGANISATION, *parents]
    counts = {node: draw(st.integers(min_value=0, max_value=12)) for node in nodes}
    k = draw(st.integers(min_value=3, max_value=10))
    return parents, counts, k


def _descendants(children, node):
    found, stack = [], list(children.get(node, ()))
    while stack:
        child = stack.pop()
        found.append(child)
        stack.extend(children.get(child, ()))
    return found


def _isolates(value: int, k: int) -> bool:
    return 0 < value < k


@settings(max_examples=400, deadline=None)
@given(organisations())
def test_no_published_number_and_no_difference_of_published_numbers_isolates_a_small_group(org):
    parents, counts, k = org
    decisions = disclose(parents, counts, k)
    children = children_of(parents)
    totals = subtree_totals(children, counts)
    shown = [node for node, status in decisions.items() if status == SHOWN]

    for node in shown:
        assert totals[node] >= k  # rule 1
        parent = ORGANISATION if node == ORGANISATION else (parents[node] or ORGANISATION)
        assert node == ORGANISATION or decisions[parent] == SHOWN  # nothing below a hidden node

    # Any shown node minus any set of disjoint shown teams below it: parent minus its shown
    # children, the organisation minus its shown teams, and deeper combinations.
    for node in shown:
        below = [d for d in _descendants(children, node) if decisions[d] == SHOWN]
        for size in range(1, min(len(below), 4) + 1):
            for group in combinations(below, size):
                if any(a in _descendants(children, b) for a in group for b in group if a != b):
                    continue  # overlapping: not a subtraction anyone would make
                rest = totals[node] - sum(totals[g] for g in group)
                assert not _isolates(rest, k), (node, group, rest)
        direct = [c for c in children.get(node, ()) if decisions[c] == SHOWN]
        assert not _isolates(totals[node] - sum(totals[c] for c in direct), k)


@settings(max_examples=200, deadline=None)
@given(organisations())
def test_hidden_nodes_say_only_whether_they_were_small_or_withheld(org):
    parents, counts, k = org
    decisions = disclose(parents, counts, k)
    totals = subtree_totals(children_of(parents), counts)
    for node, status in decisions.items():
        assert status in (SHOWN, NOT_ENOUGH, WITHHELD)
        if status == NOT_ENOUGH:
            assert totals[node] < k  # 0 and 1..k−1 look the same
        if status == WITHHELD:
            assert totals[node] >= k


@settings(max_examples=200, deadline=None)
@given(organisations(), st.data())
def test_forced_hidden_nodes_are_protected_like_small_ones(org, data):
    parents, counts, k = org
    forced = data.draw(st.sets(st.sampled_from([ORGANISATION, *parents])))
    decisions = disclose(parents, counts, k, hidden=forced)
    children = children_of(parents)
    totals = subtree_totals(children, counts)
    for node in forced:
        assert decisions[node] != SHOWN
    for node, status in decisions.items():
        if status != SHOWN:
            continue
        direct = [c for c in children.get(node, ()) if decisions[c] == SHOWN]
        assert not _isolates(totals[node] - sum(totals[c] for c in direct), k)


def test_customer_care_minus_care_north_cannot_reveal_care_south_and_its_own_manager():
    """Six answer in Care North and two in Care South: Care North is withheld too."""
    parents = {"leadership": None, "care": "leadership", "north": "care", "south": "care"}
    counts = {"north": 6, "south": 2, "care": 0}
    decisions = disclose(parents, counts, 5)
    assert decisions["south"] == NOT_ENOUGH
    assert decisions["north"] == WITHHELD
    assert decisions["care"] == SHOWN
    assert decisions[ORGANISATION] == SHOWN


def test_a_parent_whose_own_members_are_few_withholds_its_smallest_child():
    parents = {"a": None, "b": "a", "c": "a"}
    counts = {"a": 2, "b": 5, "c": 9}
    decisions = disclose(parents, counts, 5)
    assert decisions["b"] == WITHHELD and decisions["c"] == SHOWN  # a − c = 7


def test_an_organisation_under_k_shows_nothing_at_all():
    decisions = disclose({"a": None}, {"a": 4}, 5)
    assert decisions == {ORGANISATION: NOT_ENOUGH, "a": NOT_ENOUGH}
