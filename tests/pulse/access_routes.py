"""Access rules of the pulse pages and API.

The round asks the persona's team (employee, ambassador and their manager); HR runs
rounds and sees every result; the manager sees their team's; nobody else sees any.
"""

from sqlalchemy import select, update

from eximpact.extensions import db
from eximpact.pulse.models import PulseInvitation
from eximpact.pulse.services.rounds import close_round, hash_token
from tests.access import SIGNED_IN, r
from tests.pulse.factories import GOOD, make_round, open_round

HR = frozenset({"hr"})
RESULTS = frozenset({"hr", "manager"})
INVITED = frozenset({"employee", "ambassador", "manager"})
EMPLOYEE = frozenset({"employee"})
MATRIX_TOKEN = "matrix-invitation-token"


def populate(world) -> None:
    hr, team = world.personas["hr"], world.team
    draft = make_round(hr, teams=[team], title="Draft")
    running = open_round(hr, make_round(hr, teams=[team], title="Open"))
    closed = open_round(hr, make_round(hr, teams=[team], title="Closed", comments=True))
    close_round(hr, closed)
    invitation_id = db.session.scalar(
        select(PulseInvitation.id).where(
            PulseInvitation.round_id == running.id,
            PulseInvitation.person_id == world.personas["employee"].id,
        )
    )
    db.session.execute(
        update(PulseInvitation)
        .where(PulseInvitation.id == invitation_id)
        .values(token_hash=hash_token(MATRIX_TOKEN))
    )
    db.session.flush()
    world.ids.update(
        draft_round=draft.id, open_round=running.id, closed_round=closed.id, token=MATRIX_TOKEN
    )


_ROUND = {"kind": "engagement", "title": "", "opens_on": "2026-01-01", "closes_on": "2026-01-02"}
ROUTES = {
    "pulse.index": r(SIGNED_IN, ("GET", "/pulse/", None)),
    "pulse.new_round": r(
        HR, ("GET", "/pulse/rounds/new", None), ("POST", "/pulse/rounds/new", None)
    ),
    "pulse.edit_round": r(
        HR,
        ("GET", "/pulse/rounds/{draft_round}/edit", None),
        ("POST", "/pulse/rounds/{draft_round}/edit", None),
    ),
    "pulse.round_detail": r(RESULTS, ("GET", "/pulse/rounds/{open_round}", None)),
    "pulse.open_round": r(HR, ("POST", "/pulse/rounds/{draft_round}/open", None)),
    "pulse.close_round": r(HR, ("POST", "/pulse/rounds/{open_round}/close", None)),
    "pulse.answer": r(INVITED, ("GET", "/pulse/rounds/{open_round}/answer", None)),
    "pulse.answer_link": r(EMPLOYEE, ("GET", "/pulse/answer/{token}", None)),
    "pulse.results_page": r(RESULTS, ("GET", "/pulse/rounds/{closed_round}/results", None)),
    "pulse.results_download": r(RESULTS, ("GET", "/pulse/rounds/{closed_round}/results.csv", None)),
    "pulse.results_workbook": r(
        RESULTS, ("GET", "/pulse/rounds/{closed_round}/results.xlsx", None)
    ),
    "api.list_rounds": r(SIGNED_IN, ("GET", "/api/v1/pulse/rounds", None)),
    "api.create_round": r(HR, ("POST", "/api/v1/pulse/rounds", _ROUND)),  # 422: reached
    "api.show_round": r(RESULTS, ("GET", "/api/v1/pulse/rounds/{open_round}", None)),
    "api.update_round": r(HR, ("PATCH", "/api/v1/pulse/rounds/{draft_round}", {})),
    "api.open_round": r(HR, ("POST", "/api/v1/pulse/rounds/{draft_round}/open", None)),
    "api.close_round": r(HR, ("POST", "/api/v1/pulse/rounds/{open_round}/close", None)),
    "api.my_invitations": r(SIGNED_IN, ("GET", "/api/v1/pulse/invitations", None)),
    "api.respond": r(
        INVITED, ("POST", "/api/v1/pulse/rounds/{open_round}/responses", {"answers": GOOD})
    ),
    "api.round_results": r(RESULTS, ("GET", "/api/v1/pulse/rounds/{closed_round}/results", None)),
    "api.round_results_csv": r(
        RESULTS, ("GET", "/api/v1/pulse/rounds/{closed_round}/results.csv", None)
    ),
    "api.round_comments": r(RESULTS, ("GET", "/api/v1/pulse/rounds/{closed_round}/comments", None)),
    "api.list_items": r(SIGNED_IN, ("GET", "/api/v1/pulse/items?kind=climate", None)),
}
