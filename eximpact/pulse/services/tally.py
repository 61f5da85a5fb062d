"""A closed round's tally: how many answers of each team reached each score.

Closing a round writes it (`close_round` calls `tally_round` in the same transaction),
the benchmark's bulk load calls the same function, and a round never takes answers after
closing, so the tally always equals a count over the round's answers. It keeps no
person and no time, only what the answers themselves hold: the team and the scores.
"""

from collections import Counter

from sqlalchemy import delete, insert, select

from eximpact.extensions import db
from eximpact.pulse.items import items_for
from eximpact.pulse.models import PulseResponse, PulseRound, PulseTally


def answer_score(kind: str, answers: dict) -> int:
    """The sum of an answer's items of its kind (eNPS is not an item of the sum)."""
    return sum(answers[item.key] for item in items_for(kind))


def tally_round(round_: PulseRound) -> int:
    """Write the round's tally afresh from its answers; returns the number of rows."""
    counts = Counter(
        (team_id, answer_score(round_.kind, answers))
        for team_id, answers in db.session.execute(
            select(PulseResponse.team_id, PulseResponse.answers).where(
                PulseResponse.round_id == round_.id
            )
        )
    )
    db.session.execute(delete(PulseTally).where(PulseTally.round_id == round_.id))
    rows = [
        {"round_id": round_.id, "team_id": team_id, "score": score, "responses": responses}
        for (team_id, score), responses in sorted(
            counts.items(), key=lambda kv: (kv[0][0] or 0, kv[0][1])
        )
    ]
    if rows:
        db.session.execute(insert(PulseTally), rows)
    return len(rows)
