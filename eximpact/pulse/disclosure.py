"""The one disclosure rule: which team's figures may be published. Every output calls it.

Page, CSV, API, charts and comments all ask `disclose(parents, counts, k)` and
publish only the nodes it calls `shown`. The rule (INSIGHT.md):

1. A node's figures appear only when its subtree holds at least k responses.
2. Remainder rule: inside a shown node, its own direct members count as a hidden
   child; while the hidden part holds 1..k−1 responses, the next-smallest shown
   child is withheld as well. So a shown node minus its shown children is always
   0 or at least k.
3. Below a hidden node everything is hidden. Then the shown nodes form a tree
   hanging from the organisation, every published number is a sum of disjoint
   remainders of 0 or ≥ k, and so is any difference of published numbers
   (parent minus shown children, organisation minus shown teams, and deeper).

Hidden nodes look alike whether they hold 0 or 1..k−1 responses: both are
`not_enough_responses`; nodes with enough responses that had to be hidden to
protect a smaller group are `withheld_to_protect_others`.

The function is pure (no database), so the property tests can drive it hard.
"""

from collections.abc import Hashable, Iterable, Mapping

SHOWN = "shown"
NOT_ENOUGH = "not_enough_responses"
WITHHELD = "withheld_to_protect_others"
STATUS_MESSAGES = {
    NOT_ENOUGH: "Not enough responses to show without risking someone's anonymity.",
    WITHHELD: "Withheld so that a smaller group's answers cannot be worked out by subtraction.",
}
# The organisation: the root above every top-level team, holding people without a team.
ORGANISATION = "organisation"


def subtree_totals(
    children: Mapping[Hashable, list], counts: Mapping[Hashable, int], root=ORGANISATION
) -> dict:
    """Responses in each node's subtree (its own members plus everything below)."""
    totals: dict = {}
    order, stack = [], [root]
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(children.get(node, ()))
    for node in reversed(order):
        totals[node] = counts.get(node, 0) + sum(totals[c] for c in children.get(node, ()))
    return totals


def children_of(parents: Mapping[Hashable, Hashable | None]) -> dict:
    """`{node: [children]}` from `{node: parent}`; no (or an unknown) parent: the organisation."""
    children: dict = {ORGANISATION: []}
    for node, parent in parents.items():
        if parent is None or parent not in parents:
            parent = ORGANISATION
        children.setdefault(parent, []).append(node)
    return children


def disclose(
    parents: Mapping[Hashable, Hashable | None],
    counts: Mapping[Hashable, int],
    k: int,
    hidden: Iterable[Hashable] = (),
) -> dict:
    """Decide, for the organisation and every team, `shown`, `not_enough_responses` or
    `withheld_to_protect_others`.

    `parents` maps each team to its parent team (None at the top); `counts` holds the
    responses of each node's *own* members (the organisation's: people without a team);
    `hidden` names nodes that must stay hidden anyway (e.g. hidden in the main figures
    when deciding on eNPS or comments), and the rule protects around them too.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    children = children_of(parents)
    totals = subtree_totals(children, counts)
    forced = set(hidden)
    decisions: dict = {}

    def hide_below(node) -> None:
        stack = list(children.get(node, ()))
        while stack:
            child = stack.pop()
            decisions[child] = NOT_ENOUGH if totals[child] < k else WITHHELD
            stack.extend(children.get(child, ()))

    def decide_children(node) -> list:
        """Hide small children, then withhold the smallest until the remainder is safe."""
        visible, hidden_sum = [], counts.get(node, 0)
        for child in children.get(node, ()):
            if totals[child] < k:
                decisions[child] = NOT_ENOUGH
                hidden_sum += totals[child]
            elif child in forced:
                decisions[child] = WITHHELD
                hidden_sum += totals[child]
            else:
                visible.append(child)
        visible.sort(key=lambda child: (totals[child], str(child)))
        while 0 < hidden_sum < k and visible:
            child = visible.pop(0)
            decisions[child] = WITHHELD
            hidden_sum += totals[child]
        for child in visible:
            decisions[child] = SHOWN
        return visible

    root_total = totals[ORGANISATION]
    if root_total < k or ORGANISATION in forced:
        decisions[ORGANISATION] = NOT_ENOUGH if root_total < k else WITHHELD
        hide_below(ORGANISATION)
        return decisions
    decisions[ORGANISATION] = SHOWN
    queue = [ORGANISATION]
    while queue:
        node = queue.pop()
        shown = decide_children(node)
        for child in children.get(node, ()):
            if decisions[child] == SHOWN:
                continue
            hide_below(child)
        queue.extend(shown)
    return decisions


def figure(value, status: str) -> dict:
    """A disclosed figure as API.md writes it: the value only when shown."""
    if status != SHOWN:
        return {"value": None, "status": status}
    return {"value": value, "status": SHOWN}
