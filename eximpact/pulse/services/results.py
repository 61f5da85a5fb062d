"""Results of a closed round, decided once by the disclosure rule for every output.

`round_results` builds one plain structure; the page, the CSV and the API all
render it, so they cannot disagree about which cell is hidden. Figures are
`{"value", "status"}` (disclosure.figure). Nothing exists while a round is open.
"""

import random
from collections import defaultdict

from sqlalchemy import and_, func, or_, select

from eximpact import audit
from eximpact.extensions import db
from eximpact.org.models import Team
from eximpact.pulse.disclosure import NOT_ENOUGH, ORGANISATION, SHOWN, WITHHELD, disclose, figure
from eximpact.pulse.items import BANDS, COMMENT_MIN_RESPONDENTS, ENGAGEMENT, ENPS_ITEM
from eximpact.pulse.maths import clear_change, climate_stats, engagement_stats, enps_stats
from eximpact.pulse.models import CLOSED, PulseComment, PulseInvitation, PulseResponse, PulseRound
from eximpact.pulse.services.context import climate_facts, pillar_activity
from eximpact.pulse.services.scope import (
    audience_team_ids,
    managed_team_ids,
    sees_everything,
    team_parents,
)
from eximpact.validation import Conflict

NOT_CLOSED = "Results appear only once the round has closed: while it runs, no figures at all."
ORGANISATION_NAME = "Whole organisation"
AUDIENCE_NAME = "Everyone asked"  # the organisation row of a round asked of some teams


def _key(team_id):
    return ORGANISATION if team_id is None else team_id


def _tree(parents: dict) -> dict:
    children = defaultdict(list)
    for team_id, parent_id in parents.items():
        children[_key(parent_id) if parent_id in parents else ORGANISATION].append(team_id)
    return children


def _subtree_lists(children: dict, direct: dict) -> dict:
    """Each node's answers: its own members' and everything below it."""
    gathered, order, stack = {}, [], [ORGANISATION]
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(children.get(node, ()))
    for node in reversed(order):
        items = list(direct.get(node, ()))
        for child in children.get(node, ()):
            items.extend(gathered[child])
        gathered[node] = items
    return gathered


class Decided:
    """One round's raw material and decisions (no output shape yet)."""

    def __init__(self, round_: PulseRound, parents: dict):
        self.round = round_
        self.parents = parents
        self.children = _tree(parents)
        self.k = round_.min_group
        direct = defaultdict(list)
        for team_id, answers in db.session.execute(
            select(PulseResponse.team_id, PulseResponse.answers).where(
                PulseResponse.round_id == round_.id
            )
        ):
            direct[_key(team_id)].append(answers)
        self.answers = _subtree_lists(self.children, direct)
        counts = {node: len(items) for node, items in direct.items()}
        self.decisions = disclose(parents, counts, self.k)
        not_shown = [node for node, status in self.decisions.items() if status != SHOWN]
        enps_counts = {
            node: sum(1 for a in items if ENPS_ITEM.key in a) for node, items in direct.items()
        }
        self.enps_decisions = disclose(parents, enps_counts, self.k, hidden=not_shown)
        self.comment_k = max(self.k, COMMENT_MIN_RESPONDENTS)
        self.comment_decisions = disclose(parents, counts, self.comment_k, hidden=not_shown)

    def status(self, node) -> str:
        return self.decisions.get(node, NOT_ENOUGH)

    def stats(self, node) -> dict | None:
        if self.status(node) != SHOWN:
            return None
        if self.round.kind == ENGAGEMENT:
            return engagement_stats(self.answers[node])
        return climate_stats(self.answers[node])


def previous_round(round_: PulseRound) -> PulseRound | None:
    """The last closed round of the same kind before this one, for "change since"."""
    return db.session.scalar(
        select(PulseRound)
        .where(
            PulseRound.kind == round_.kind,
            PulseRound.status == CLOSED,
            or_(
                PulseRound.closes_on < round_.closes_on,
                and_(PulseRound.closes_on == round_.closes_on, PulseRound.id < round_.id),
            ),
        )
        .order_by(PulseRound.closes_on.desc(), PulseRound.id.desc())
        .limit(1)
    )


def _change(now: dict | None, status: str, before: Decided | None, node, round_) -> dict:
    """The change of the headline since the previous round, with the clear-change test.

    The organisation is compared only between rounds that asked the same audience.
    """
    if now is None:
        return figure(None, status)
    if before is None or (node == ORGANISATION and before.round.team_ids != round_.team_ids):
        return {"value": None, "status": "no_comparison"}
    earlier = before.stats(node)
    if earlier is None:
        return {"value": None, "status": "no_comparison"}
    if before.round.kind == ENGAGEMENT:
        hits = ("engaged", "n", "engaged_share")
        value_now, value_before = now["engaged_share"], earlier["engaged_share"]
    else:
        hits = ("favourable", "n", "climate_index")
        value_now, value_before = now["climate_index"], earlier["climate_index"]
    direction = clear_change(now[hits[0]], now["n"], earlier[hits[0]], earlier["n"])
    return {
        "value": round(value_now - value_before, 4),
        "status": SHOWN,
        "previous": value_before,
        "previous_round_id": before.round.id,
        "direction": direction,
        "clear": direction is not None,
    }


def enps_figure(decided: Decided, node) -> dict | None:
    """A node's eNPS as a disclosed figure (None when the round did not ask it)."""
    if not decided.round.enps:
        return None
    status = decided.enps_decisions.get(node, NOT_ENOUGH)
    if status != SHOWN:
        return figure(None, status)
    stats = enps_stats([a[ENPS_ITEM.key] for a in decided.answers[node] if ENPS_ITEM.key in a])
    return {"value": stats.pop("score"), "status": SHOWN, **stats}


def _node_json(decided: Decided, node, names, invited, before, context) -> dict:
    status = decided.status(node)
    stats = decided.stats(node)
    parent = decided.parents.get(node) if node != ORGANISATION else None
    n = stats["n"] if stats else None
    row = {
        "team_id": None if node == ORGANISATION else node,
        "name": names[node] if node != ORGANISATION else _everyone(decided.round),
        "parent_id": parent,
        "status": status,
        "invited": invited.get(node, 0),
        "responses": figure(n, status),
        "participation": figure(
            round(n / invited[node], 4) if stats and invited.get(node) else None, status
        ),
        "items": {
            key: figure(stats["items"][key] if stats else None, status)
            for key in (item.key for item in _items(decided.round.kind))
        },
        "change": _change(stats, status, before, node, decided.round),
    }
    if decided.round.kind == ENGAGEMENT:
        row["engaged_share"] = figure(stats and stats["engaged_share"], status)
        row["mean"] = figure(stats and stats["mean"], status)
        row["bands"] = {b: figure(stats and stats["bands"][b], status) for b in BANDS}
        row["enps"] = enps_figure(decided, node)
    else:
        row["climate_index"] = figure(stats and stats["climate_index"], status)
    if stats and node in context:
        row["context"] = context[node]
    return row


def _everyone(round_) -> str:
    return AUDIENCE_NAME if round_.teams else ORGANISATION_NAME


def _items(kind: str):
    from eximpact.pulse.items import items_for

    return items_for(kind)


def _invited(round_id: int, children: dict) -> dict:
    direct = {
        _key(team_id): count
        for team_id, count in db.session.execute(
            select(PulseInvitation.team_id, func.count())
            .where(PulseInvitation.round_id == round_id)
            .group_by(PulseInvitation.team_id)
        )
    }
    totals = {}
    order, stack = [], [ORGANISATION]
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(children.get(node, ()))
    for node in reversed(order):
        totals[node] = direct.get(node, 0) + sum(totals[c] for c in children.get(node, ()))
    return totals


def _listed(decided: Decided, invited: dict, viewer) -> list:
    """The teams to list, in tree order: the round's audience, within the viewer's scope."""
    audience = audience_team_ids(decided.round, decided.parents)
    scope = None if sees_everything(viewer) else managed_team_ids(viewer, decided.parents)
    names = dict(db.session.execute(select(Team.id, Team.name)).all())
    listed, stack = [], sorted(decided.children[ORGANISATION], key=lambda t: names[t], reverse=True)
    while stack:
        node = stack.pop()
        in_round = invited.get(node) and (audience is None or node in audience)
        if in_round and (scope is None or node in scope):
            listed.append(node)
        stack.extend(sorted(decided.children.get(node, ()), key=lambda t: names[t], reverse=True))
    return listed, names


def round_results(round_: PulseRound, viewer, output: str = "page") -> dict:
    """Everything a viewer may see of a closed round; viewing is audited."""
    if round_.status != CLOSED:
        raise Conflict(NOT_CLOSED)
    parents = team_parents()
    decided = Decided(round_, parents)
    invited = _invited(round_.id, decided.children)
    listed, names = _listed(decided, invited, viewer)
    earlier = previous_round(round_)
    before = Decided(earlier, parents) if earlier is not None else None
    shown = [node for node in [ORGANISATION, *listed] if decided.status(node) == SHOWN]
    if round_.kind == ENGAGEMENT:
        context = pillar_activity(round_, shown, parents)
    else:
        context = climate_facts(round_, shown, parents)
    rows = [_node_json(decided, node, names, invited, before, context) for node in listed]
    audit.record("pulse_round", round_.id, "results_viewed", viewer, output=output)
    return {
        "round": round_json(round_),
        "min_group": decided.k,
        "comment_min_group": decided.comment_k,
        "previous_round": round_json(earlier) if earlier is not None else None,
        "organisation": _node_json(decided, ORGANISATION, names, invited, before, context),
        "teams": rows,
        "hidden": sorted({row["status"] for row in rows} - {SHOWN}),
    }


def round_comments(round_: PulseRound, viewer) -> dict:
    """Comments of groups with max(k, 10) respondents, shuffled, dated by round only.

    Each comment is placed at the nearest team whose comments may be shown, so it
    always stands among at least that many respondents.
    """
    if round_.status != CLOSED:
        raise Conflict(NOT_CLOSED)
    parents = team_parents()
    decided = Decided(round_, parents)
    scope = None if sees_everything(viewer) else managed_team_ids(viewer, parents)
    items = []
    for team_id, text in db.session.execute(
        select(PulseComment.team_id, PulseComment.text).where(PulseComment.round_id == round_.id)
    ):
        node = _key(team_id)
        while node != ORGANISATION and decided.comment_decisions.get(node) != SHOWN:
            node = _key(parents.get(node))
        if decided.comment_decisions.get(node) != SHOWN:
            continue
        group = None if node == ORGANISATION else node
        if scope is not None and group not in scope:
            continue
        items.append({"team_id": group, "text": text})
    random.SystemRandom().shuffle(items)
    audit.record("pulse_round", round_.id, "comments_viewed", viewer)
    return {
        "round": round_json(round_),
        "min_group": decided.comment_k,
        "items": items,
    }


def round_json(round_: PulseRound) -> dict:
    return {
        "id": round_.id,
        "kind": round_.kind,
        "title": round_.title,
        "opens_on": round_.opens_on.isoformat(),
        "closes_on": round_.closes_on.isoformat(),
        "status": round_.status,
        "min_group": round_.min_group,
        "enps": round_.enps,
        "comments": round_.comments,
        "team_ids": round_.team_ids,
    }


__all__ = ["NOT_ENOUGH", "WITHHELD", "round_comments", "round_json", "round_results"]
