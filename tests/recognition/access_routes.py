"""Access rules of the recognition pages and API.

Two nominations in an open cycle: the ambassador nominated the employee (submitted),
and the employee nominated the ambassador (approved). Both work for the manager
persona, so the manager and HR review them; nominator and nominee never do, and the
admin (not HR, not their manager) neither. A submitted nomination is seen by its
nominator and its reviewers only. Everyone answers the wall (the approved nomination,
a quick thanks); the employee's comment is removed by them, HR or an admin.
"""

from eximpact.extensions import db
from tests.access import SIGNED_IN, r
from tests.recognition.factories import (
    AwardCycleFactory,
    CategoryFactory,
    CommentFactory,
    NominationFactory,
    ThanksFactory,
)

REVIEWERS = frozenset({"manager", "hr"})
HR = frozenset({"hr"})
SEES_SUBMITTED = frozenset({"ambassador", "manager", "hr"})
REMOVES_COMMENT = frozenset({"employee", "hr", "admin"})


def populate(world) -> None:
    p = world.personas
    cycle = AwardCycleFactory()
    category = CategoryFactory()
    submitted = NominationFactory(
        cycle=cycle, category=category, nominator=p["ambassador"], nominee=p["employee"]
    )
    approved = NominationFactory(
        cycle=cycle,
        category=category,
        nominator=p["employee"],
        nominee=p["ambassador"],
        status="approved",
    )
    thanks = ThanksFactory(giver=p["manager"], recipient=p["employee"])
    db.session.flush()
    comment = CommentFactory(item_kind="nomination", item_id=approved.id, author=p["employee"])
    db.session.flush()
    world.ids.update(
        thanks=thanks.id,
        comment=comment.id,
        cycle=cycle.id,
        category=category.id,
        submitted=submitted.id,
        approved=approved.id,
        colleague=p["employee"].id,
    )


_NOMINATE = {"nominee_id": 0, "category_id": 0, "reason": "short"}
ROUTES = {
    "recognition.wall": r(SIGNED_IN, ("GET", "/recognition/", None)),
    "recognition.leaderboard": r(SIGNED_IN, ("GET", "/recognition/leaderboard", None)),
    "recognition.nominate": r(
        SIGNED_IN,
        ("GET", "/recognition/nominate", None),
        ("GET", "/recognition/nominate?nominee_id={colleague}", None),
        ("POST", "/recognition/nominate", None),
    ),
    "recognition.nominations": r(SIGNED_IN, ("GET", "/recognition/nominations", None)),
    "recognition.nomination": r(
        SEES_SUBMITTED, ("GET", "/recognition/nominations/{submitted}", None)
    ),
    "recognition.approve": r(
        REVIEWERS, ("POST", "/recognition/nominations/{submitted}/approve", None)
    ),
    "recognition.decline": r(
        REVIEWERS, ("POST", "/recognition/nominations/{submitted}/decline", None)
    ),
    "recognition.award": r(REVIEWERS, ("POST", "/recognition/nominations/{approved}/award", None)),
    "recognition.cycles": r(SIGNED_IN, ("GET", "/recognition/cycles", None)),
    "recognition.cycle": r(SIGNED_IN, ("GET", "/recognition/cycles/{cycle}", None)),
    "recognition.new_cycle": r(
        HR, ("GET", "/recognition/cycles/new", None), ("POST", "/recognition/cycles/new", None)
    ),
    "recognition.edit_cycle": r(
        HR,
        ("GET", "/recognition/cycles/{cycle}/edit", None),
        ("POST", "/recognition/cycles/{cycle}/edit", None),
    ),
    "recognition.categories": r(SIGNED_IN, ("GET", "/recognition/categories", None)),
    "recognition.new_category": r(
        HR,
        ("GET", "/recognition/categories/new", None),
        ("POST", "/recognition/categories/new", None),
    ),
    "recognition.edit_category": r(
        HR,
        ("GET", "/recognition/categories/{category}/edit", None),
        ("POST", "/recognition/categories/{category}/edit", None),
    ),
    "api.list_categories": r(SIGNED_IN, ("GET", "/api/v1/categories", None)),
    "api.list_cycles": r(SIGNED_IN, ("GET", "/api/v1/award-cycles", None)),
    "api.create_cycle": r(HR, ("POST", "/api/v1/award-cycles", {})),  # 422: reached
    "api.show_cycle": r(SIGNED_IN, ("GET", "/api/v1/award-cycles/{cycle}", None)),
    "api.wall": r(SIGNED_IN, ("GET", "/api/v1/recognition/wall", None)),
    "api.leaderboard_view": r(SIGNED_IN, ("GET", "/api/v1/recognition/leaderboard", None)),
    "api.create_nomination": r(SIGNED_IN, ("POST", "/api/v1/nominations", _NOMINATE)),
    "api.list_nominations": r(SIGNED_IN, ("GET", "/api/v1/nominations", None)),
    "api.show_nomination": r(SEES_SUBMITTED, ("GET", "/api/v1/nominations/{submitted}", None)),
    "api.approve_nomination": r(
        REVIEWERS, ("POST", "/api/v1/nominations/{submitted}/approve", None)
    ),
    "api.decline_nomination": r(
        REVIEWERS,
        ("POST", "/api/v1/nominations/{submitted}/decline", {"reason": "Not this time."}),
    ),
    "api.award_nomination": r(
        REVIEWERS, ("POST", "/api/v1/nominations/{approved}/award", {"reward": "A day off"})
    ),
    # Every employee thanks colleagues; an empty body is a 422, which still means reached.
    "recognition.thanks": r(
        SIGNED_IN, ("GET", "/recognition/thanks", None), ("POST", "/recognition/thanks", None)
    ),
    "api.give_thanks": r(SIGNED_IN, ("POST", "/api/v1/thanks", {})),
    # Answering the wall: every employee; an empty form or body is a 422 (reached).
    "recognition.wall_item": r(
        SIGNED_IN,
        ("GET", "/recognition/nomination/{approved}", None),
        ("GET", "/recognition/thanks/{thanks}", None),
    ),
    "recognition.react": r(
        SIGNED_IN, ("POST", "/recognition/nomination/{approved}/reactions", None)
    ),
    "recognition.unreact": r(
        SIGNED_IN, ("POST", "/recognition/thanks/{thanks}/reactions/remove", None)
    ),
    "recognition.comment": r(SIGNED_IN, ("POST", "/recognition/thanks/{thanks}/comments", None)),
    "recognition.remove_comment": r(
        REMOVES_COMMENT, ("POST", "/recognition/comments/{comment}/remove", None)
    ),
    "api.add_reaction": r(
        SIGNED_IN,
        ("POST", "/api/v1/recognition/nomination/{approved}/reactions", {"reaction": "clap"}),
    ),
    "api.remove_reaction": r(
        SIGNED_IN,
        ("DELETE", "/api/v1/recognition/thanks/{thanks}/reactions", {"reaction": "clap"}),
    ),
    "api.list_comments": r(
        SIGNED_IN, ("GET", "/api/v1/recognition/nomination/{approved}/comments", None)
    ),
    "api.add_comment": r(SIGNED_IN, ("POST", "/api/v1/recognition/thanks/{thanks}/comments", {})),
    "api.remove_comment": r(REMOVES_COMMENT, ("DELETE", "/api/v1/comments/{comment}", None)),
}
