"""One loader per way a round is asked for: to see it, to answer it, to read its results.

Pages and the API both call these, so a missing round is the same 404 everywhere and
who may do what with it is decided once (permissions.py, answers.check_can_answer).
"""

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eximpact.access import can, require
from eximpact.extensions import db
from eximpact.pulse.models import PulseRound
from eximpact.pulse.services import answers


def get_round_or_404(round_id: int, for_person=None) -> PulseRound:
    """The round, or 404; with `for_person`, 403 unless they may see it (HR, reached manager).

    HR's writes leave `for_person` out: their permission is checked before the round is read.
    """
    round_ = db.session.scalar(
        select(PulseRound).options(selectinload(PulseRound.teams)).where(PulseRound.id == round_id)
    )
    if round_ is None:
        abort(404, "There is no such round.")
    if for_person is not None:
        require("pulse.round.view", round_)
    return round_


def get_round_to_answer_or_404(round_id: int, for_person) -> PulseRound:
    """The round, if `for_person` may answer it now: 403 not invited, 409 not open or answered."""
    round_ = get_round_or_404(round_id)
    answers.check_can_answer(for_person, round_)
    return round_


def get_round_results_or_404(round_id: int, for_person) -> PulseRound:
    """The round, if `for_person` may read its results (HR; a manager it reaches)."""
    if not can(for_person, "pulse.results"):
        abort(403)
    return get_round_or_404(round_id, for_person)
