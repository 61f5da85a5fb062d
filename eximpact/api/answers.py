"""`/recognition/{kind}/{id}/reactions`, `/recognition/{kind}/{id}/comments`, `/comments/{id}`:
answering the wall's items (`recognition.services.answers`)."""

from flask import g
from pydantic import Field

from eximpact.access import can
from eximpact.api.declare import operation, page_of
from eximpact.api.schema import ApiModel, Moment, one_of, text
from eximpact.extensions import db
from eximpact.recognition.loaders import get_comment_or_404, get_wall_item_or_404
from eximpact.recognition.models import ITEM_KINDS, Comment
from eximpact.recognition.services import answers
from eximpact.recognition.services.answer_queries import answers_for, comments_query
from eximpact.recognition.services.answers import LIMITS, REACTIONS

ITEM = "/recognition/<any(nomination, thanks):kind>/<int:item_id>"
_RATE = {"description": "Past the rate limit (`RATES`): 429 `rate_limited` with `Retry-After`."}


class ReactionIn(ApiModel):
    reaction: one_of(REACTIONS) = Field(
        description=", ".join(f"`{key}` {label}" for key, (_, label) in REACTIONS.items())
    )


class ReactionsOut(ApiModel):
    kind: one_of(ITEM_KINDS)
    id: int
    reactions: dict[str, int] = Field(description="How many people gave each reaction")
    mine: list[str] = Field(description="The reactions you gave")


class CommentIn(ApiModel):
    text: text(LIMITS["comment"], required=True)


class Author(ApiModel):
    id: int
    name: str


class CommentOut(ApiModel):
    id: int
    kind: one_of(ITEM_KINDS)
    item_id: int
    author: Author
    text: str
    created_at: Moment
    may_remove: bool = Field(description="You may remove it (its author, HR, an admin)")


def _reactions_json(item) -> dict:
    kind = answers.item_kind(item)
    found = answers_for(g.api_user, [(kind, item.id)], latest=0)[(kind, item.id)]
    return {
        "kind": kind,
        "id": item.id,
        "reactions": {r.key: r.count for r in found.reactions},
        "mine": sorted(found.mine),
    }


def _comment_json(comment: Comment) -> dict:
    return {
        "id": comment.id,
        "kind": comment.item_kind,
        "item_id": comment.item_id,
        "author": comment.author,
        "text": comment.text,
        "created_at": comment.created_at,
        "may_remove": can(g.api_user, "comment.remove", comment),
    }


@operation(
    "POST",
    f"{ITEM}/reactions",
    tag="recognition",
    load=get_wall_item_or_404,
    body=ReactionIn,
    response=ReactionsOut,
    errors=(429,),
    doc=_RATE,
)
def add_reaction(item, body: ReactionIn):
    """React to a wall item (once per reaction and person); the item's counts come back."""
    answers.react(g.api_user, item, body.reaction)
    db.session.commit()
    return _reactions_json(item)


@operation(
    "DELETE",
    f"{ITEM}/reactions",
    tag="recognition",
    load=get_wall_item_or_404,
    body=ReactionIn,
    response=ReactionsOut,
    errors=(429,),
    doc=_RATE,
)
def remove_reaction(item, body: ReactionIn):
    """Take back your reaction (nothing to take back is no error); the counts come back."""
    answers.unreact(g.api_user, item, body.reaction)
    db.session.commit()
    return _reactions_json(item)


@operation(
    "GET",
    f"{ITEM}/comments",
    tag="recognition",
    load=get_wall_item_or_404,
    response=CommentOut,
    listing=True,
)
def list_comments(item):
    """A wall item's comments, oldest first, with their authors."""
    query = comments_query(answers.item_kind(item), item.id)
    return page_of(query, lambda comments: [_comment_json(c) for c in comments])


@operation(
    "POST",
    f"{ITEM}/comments",
    tag="recognition",
    load=get_wall_item_or_404,
    body=CommentIn,
    response=CommentOut,
    status=201,
    errors=(429,),
    doc=_RATE,
)
def add_comment(item, body: CommentIn):
    """Comment on a wall item (short: `LIMITS`); the recognised person is told."""
    comment = answers.add_comment(g.api_user, item, body.text)
    db.session.commit()
    return _comment_json(comment)


@operation(
    "DELETE",
    "/comments/<int:comment_id>",
    tag="recognition",
    load=get_comment_or_404,
    status=204,
    errors=(403,),
)
def remove_comment(comment: Comment):
    """Remove a comment: its author, HR or an admin (403 for anyone else)."""
    answers.remove_comment(g.api_user, comment)
    db.session.commit()
    return "", 204
