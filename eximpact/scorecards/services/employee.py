"""The employee columns: TEEI share engaged and climate index, from the last closed rounds.

Every value comes from the pulse's own `Decided` (results.py), which asks the one
disclosure function, `pulse.disclosure.disclose`; a team it does not show gets
`{"value": null, "status": ...}` here too. Nothing is computed another way.
"""

from sqlalchemy import select

from eximpact.extensions import db
from eximpact.periods import Period
from eximpact.pulse.disclosure import NOT_ENOUGH, SHOWN, figure
from eximpact.pulse.items import CLIMATE, ENGAGEMENT
from eximpact.pulse.models import CLOSED, PulseRound
from eximpact.pulse.services.results import Decided

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
        self.decided: dict[int, Decided] = {}

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
            self.decided[round_.id] = Decided(round_, self.parents)
        decided = self.decided[round_.id]
        out = {}
        for team in team_ids:
            status = decided.decisions.get(team, NOT_ENOUGH)
            stats = decided.stats(team) if status == SHOWN else None
            out[team] = {
                **figure(stats and stats[HEADLINE[kind]], status),
                "round_id": round_.id,
            }
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
