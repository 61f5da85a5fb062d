"""One loader per resource: the nomination, award cycle, category, wall item or comment asked for.

Pages and the API both call these, so "does it exist" (404) and "may this person see
or review it" (403) are answered once, by the clauses in `permissions.py`.
"""

from flask import abort

from eximpact.access import can
from eximpact.extensions import db
from eximpact.recognition.models import AwardCycle, Category, Comment, Nomination
from eximpact.recognition.services import answers, nomination_queries


def get_nomination_or_404(nomination_id: int, for_person, *, to_review: bool = False) -> Nomination:
    """The nomination with its people and praise; `to_review` asks for the reviewer's right."""
    nomination = nomination_queries.get_nomination(nomination_id) or abort(
        404, "There is no such nomination."
    )
    if not can(for_person, "nomination.review" if to_review else "nomination.view", nomination):
        abort(403)
    return nomination


def get_cycle_or_404(cycle_id: int, for_person) -> AwardCycle:
    """Every employee sees a cycle (its winners are on the wall)."""
    cycle = db.session.get(AwardCycle, cycle_id) or abort(404, "There is no such award cycle.")
    if not can(for_person, "signed_in", cycle):
        abort(403)
    return cycle


def get_category_or_404(category_id: int, for_person) -> Category:
    """Every employee sees a category (nominations are made under one)."""
    category = db.session.get(Category, category_id) or abort(404, "There is no such category.")
    if not can(for_person, "signed_in", category):
        abort(403)
    return category


def get_wall_item_or_404(kind: str, item_id: int, for_person) -> answers.WallItem:
    """A nomination on the wall or a quick thanks: every employee sees them (404 otherwise,
    so a nomination still in review is not revealed)."""
    item = answers.find_item(kind, item_id) or abort(404, "There is no such item on the wall.")
    if not can(for_person, "signed_in", item):
        abort(403)
    return item


def get_comment_or_404(comment_id: int, for_person) -> Comment:
    """A comment on a wall item the person may see (404 when either is missing)."""
    comment = db.session.get(Comment, comment_id)
    if comment is None or answers.find_item(comment.item_kind, comment.item_id) is None:
        abort(404, "There is no such comment.")
    if not can(for_person, "signed_in", comment):
        abort(403)
    return comment
