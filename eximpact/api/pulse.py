"""`/pulse`: rounds, the caller's invitations, anonymous answers, disclosed results.

Thin: parse → service → serialise. Every figure comes from `round_results`, the
same structure the page and the CSV render.
"""

from flask import Response, g, jsonify, request
from sqlalchemy import false, select

from eximpact.access import can, require
from eximpact.api import bp
from eximpact.api.common import json_body, paginated
from eximpact.api.inputs import MISSING, Fields
from eximpact.api.pulse_openapi import OPENAPI_PATHS, OPENAPI_SCHEMAS  # noqa: F401  (the document)
from eximpact.errors import api_error_response
from eximpact.extensions import db
from eximpact.pulse import permissions  # noqa: F401  (registers the pulse rules)
from eximpact.pulse.exports import results_csv
from eximpact.pulse.items import ENPS_ITEM, KINDS, items_for
from eximpact.pulse.models import MIN_GROUP_DEFAULT, PulseRound
from eximpact.pulse.services import answers, results, rounds
from eximpact.pulse.services.results import round_json


def _round_input(body: dict) -> rounds.RoundInput:
    fields = Fields(body)
    kind = fields.choice("kind", KINDS, required=True)
    title = fields.string("title", required=True, allow_empty=False)
    opens_on = fields.date("opens_on", required=True)
    closes_on = fields.date("closes_on", required=True)
    team_ids = fields.id_list("team_ids")
    min_group = fields.integer("min_group", nullable=False)
    enps = fields.boolean("enps")
    comments = fields.boolean("comments")
    fields.raise_if_any()

    def value(v, default):
        return default if v is MISSING or v is None else v

    return rounds.RoundInput(
        kind=kind,
        title=title,
        opens_on=opens_on,
        closes_on=closes_on,
        team_ids=value(team_ids, []),
        min_group=value(min_group, MIN_GROUP_DEFAULT),
        enps=value(enps, False),
        comments=value(comments, False),
    )


def _forbidden():
    return api_error_response(403, "Only HR may do this.")


@bp.get("/pulse/rounds")
def list_rounds():
    """HR: every round; a manager: rounds reaching their teams; others: none."""
    if not can(g.api_user, "pulse.results"):
        return paginated(select(PulseRound).where(false()), round_json)
    return paginated(rounds.rounds_query(g.api_user), round_json)


@bp.post("/pulse/rounds")
def create_round():
    if not can(g.api_user, "pulse.manage"):
        return _forbidden()
    round_ = rounds.create_round(g.api_user, _round_input(json_body()))
    db.session.commit()
    return jsonify(round_json(round_)), 201


@bp.get("/pulse/rounds/<int:round_id>")
def show_round(round_id: int):
    round_ = rounds.get_round_or_404(round_id, g.api_user)
    return jsonify(round_json(round_))


@bp.patch("/pulse/rounds/<int:round_id>")
def update_round(round_id: int):
    """A draft changes freely; an open or closed round only raises its minimum group."""
    if not can(g.api_user, "pulse.manage"):
        return _forbidden()
    round_ = rounds.get_round_or_404(round_id)
    body = {**round_json(round_), **json_body()}
    rounds.update_round(g.api_user, round_, _round_input(body))
    db.session.commit()
    return jsonify(round_json(round_))


@bp.post("/pulse/rounds/<int:round_id>/open")
def open_round(round_id: int):
    if not can(g.api_user, "pulse.manage"):
        return _forbidden()
    round_ = rounds.get_round_or_404(round_id)
    rounds.open_round(g.api_user, round_)
    db.session.commit()
    return jsonify(round_json(round_))


@bp.post("/pulse/rounds/<int:round_id>/close")
def close_round(round_id: int):
    if not can(g.api_user, "pulse.manage"):
        return _forbidden()
    round_ = rounds.get_round_or_404(round_id)
    rounds.close_round(g.api_user, round_)
    db.session.commit()
    return jsonify(round_json(round_))


@bp.get("/pulse/invitations")
def my_invitations():
    """The caller's invitations to open rounds."""
    items = [
        {
            "round_id": inv.round.id,
            "kind": inv.round.kind,
            "title": inv.round.title,
            "closes_on": inv.round.closes_on.isoformat(),
            "responded": inv.responded,
        }
        for inv in answers.invitations_for(g.api_user)
    ]
    return jsonify(items=items)


@bp.post("/pulse/rounds/<int:round_id>/responses")
def respond(round_id: int):
    """One anonymous answer: 201 with nothing that links back; twice → 409; not invited → 403."""
    round_ = rounds.get_round_or_404(round_id)
    answers.check_can_answer(g.api_user, round_)
    body = json_body()
    answers.answer(g.api_user, round_, body.get("answers"), body.get("comment"))
    db.session.commit()
    return jsonify(received=True), 201


def _results(round_id: int, output: str):
    require("pulse.results")
    round_ = rounds.get_round_or_404(round_id, g.api_user)
    return round_, results.round_results(round_, g.api_user, output=output)


@bp.get("/pulse/rounds/<int:round_id>/results")
def round_results(round_id: int):
    _, data = _results(round_id, "api")
    db.session.commit()
    return jsonify(data)


@bp.get("/pulse/rounds/<int:round_id>/results.csv")
def round_results_csv(round_id: int):
    round_, data = _results(round_id, "csv")
    db.session.commit()
    return Response(
        results_csv(data),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="pulse-round-{round_.id}.csv"'},
    )


@bp.get("/pulse/rounds/<int:round_id>/comments")
def round_comments(round_id: int):
    require("pulse.results")
    round_ = rounds.get_round_or_404(round_id, g.api_user)
    data = results.round_comments(round_, g.api_user)
    db.session.commit()
    return jsonify(items=data["items"], min_group=data["min_group"])


@bp.get("/pulse/items")
def list_items():
    """The keys and words of each kind's items (engagement adds the optional eNPS)."""
    kind = request.args.get("kind")
    kinds = [kind] if kind in KINDS else list(KINDS)

    def item_json(item):
        return {
            "key": item.key,
            "text": item.text,
            "low": item.low,
            "high": item.high,
            "min": item.minimum,
            "max": item.maximum,
            "pillar": item.pillar,
        }

    items = []
    for k in kinds:
        for item in items_for(k):
            items.append({"kind": k, **item_json(item)})
        if k == "engagement":
            items.append({"kind": k, "optional": True, **item_json(ENPS_ITEM)})
    return jsonify(items=items)
