"""The employee columns: TEEI share engaged and climate index, from the last closed rounds.

A round is read from its tally (`pulse.services.tally`: answers per team and score,
written when it closed), not answer by answer, in one grouped query. Which team is shown
is decided as the round's results decide it: its teams' response counts handed to the
one disclosure function, `pulse.disclosure.disclose`, with the round's k; a team it does
not show gets `{"value": null, "status": ...}` here too. The shown values come from
`pulse.maths.headline_of_scores`, equal to the results' own figures.
"""

from sqlalchemy import case, func, select

from eximpact.extensions import db
from eximpact.periods import Period
from eximpact.pulse.disclosure import NOT_ENOUGH, ORGANISATION, SHOWN, disclose, figure
from eximpact.pulse.items import (
    BANDS,
    CLIMATE,
    CLIMATE_ITEMS,
    ENGAGEMENT,
    ENGAGEMENT_ITEMS,
    band,
)
from eximpact.pulse.maths import headline_of_scores
from eximpact.pulse.models import CLOSED, PulseRound, PulseTally
from eximpact.scorecards.services.figures import Tree

SCORES = {  # every sum an answer can reach
    ENGAGEMENT: range(
        sum(i.minimum for i in ENGAGEMENT_ITEMS), sum(i.maximum for i in ENGAGEMENT_ITEMS) + 1
    ),
    CLIMATE: range(
        sum(i.minimum for i in CLIMATE_ITEMS), sum(i.maximum for i in CLIMATE_ITEMS) + 1
    ),
}
# The lowest sum in the top two TEEI bands: all the engagement headline needs to know.
ENGAGED_FROM = min(score for score in SCORES[ENGAGEMENT] if band(score) in BANDS[:2])


class Tallied:
    """One closed round's disclosure decisions and headline per team, from its tally."""

    def __init__(self, round_: PulseRound, parents: dict):
        self.kind = round_.kind
        if round_.kind == ENGAGEMENT:  # engaged or not is all the headline needs
            buckets = {ENGAGED_FROM: PulseTally.score >= ENGAGED_FROM, 0: None}
        else:
            buckets = {score: PulseTally.score == score for score in SCORES[CLIMATE]}
        columns = [
            func.sum(case((test, PulseTally.responses), else_=0))
            if test is not None
            else func.sum(PulseTally.responses)
            for test in buckets.values()
        ]
        rows = db.session.execute(
            select(PulseTally.team_id, *columns)
            .where(PulseTally.round_id == round_.id)
            .group_by(PulseTally.team_id)
        ).all()
        self.keys = list(buckets)
        direct = {team_id: list(values) for team_id, *values in rows}
        counts = {
            (ORGANISATION if team is None else team): self._n(values)
            for team, values in direct.items()
        }
        self.decisions = disclose(parents, counts, round_.min_group)
        self.subtree = Tree(parents, parents).sums(direct, len(self.keys))

    def _n(self, values) -> int:
        return values[-1] if self.kind == ENGAGEMENT else sum(values)

    def headline(self, team: int):
        values = self.subtree.get(team, [0] * len(self.keys))
        if self.kind == ENGAGEMENT:  # {16: engaged, 3: the rest}, as scores
            engaged, n = values
            scores = {ENGAGED_FROM: engaged, SCORES[ENGAGEMENT][0]: n - engaged}
        else:
            scores = dict(zip(self.keys, values, strict=True))
        return headline_of_scores(self.kind, scores)[HEADLINE[self.kind]]


HEADLINE = {ENGAGEMENT: "engaged_share", CLIMATE: "climate_index"}
COLUMN = {ENGAGEMENT: "engaged_share", CLIMATE: "climate_index"}


class Rounds:
    """Closed rounds, loaded once; each round decided once however many periods ask."""

    def __init__(self, parents: dict):
        self.parents = parents
        self.closed = list(
            db.session.scalars(
                select(PulseRound)
                .where(PulseRound.status == CLOSED)
                .order_by(PulseRound.closes_on, PulseRound.id)
            )
        )
        self.decided: dict[int, Tallied] = {}
        self.details: dict = {}  # a round's full results (pulse's Decided), for the team card

    def last(self, kind: str, period: Period) -> PulseRound | None:
        """The last round of `kind` closed by the end of `period`."""
        found = None
        for round_ in self.closed:
            if round_.kind == kind and round_.closes_on <= period.end:
                found = round_
        return found

    def figures(self, kind: str, period: Period, team_ids) -> dict:
        """{team_id: disclosed figure} of the kind's headline for the period's last round."""
        round_ = self.last(kind, period)
        if round_ is None:
            return {team: {"value": None, "status": "no_round"} for team in team_ids}
        if round_.id not in self.decided:
            self.decided[round_.id] = Tallied(round_, self.parents)
        decided = self.decided[round_.id]
        out = {}
        for team in team_ids:
            status = decided.decisions.get(team, NOT_ENOUGH)
            value = decided.headline(team) if status == SHOWN else None
            out[team] = {**figure(value, status), "round_id": round_.id}
        return out


def employee_columns(rounds: Rounds, team_ids, period: Period) -> dict[int, dict]:
    """Both columns for the period and the period before, as {value, previous, change}."""
    out: dict = {team: {} for team in team_ids}
    for kind in (ENGAGEMENT, CLIMATE):
        now = rounds.figures(kind, period, team_ids)
        before = rounds.figures(kind, period.previous(), team_ids)
        for team in team_ids:
            value, previous = now[team], before[team]
            same_round = value.get("round_id") == previous.get("round_id")
            change = None
            if value["status"] == SHOWN and previous["status"] == SHOWN and not same_round:
                change = round(value["value"] - previous["value"], 4)
            out[team][COLUMN[kind]] = {"value": value, "previous": previous, "change": change}
    return out
