"""Reading the wall's answers: reaction counts and the latest comments of a page of items.

`answers_for` loads them for every item of a page in two queries (one grouped count of
reactions, one windowed read of the latest comments with their authors), whatever the
page size; `comments_query` lists one item's comments, oldest first.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Select, and_, case, false, func, or_, select
from sqlalchemy.orm import joinedload

from eximpact.extensions import db
from eximpact.org.models import Person
from eximpact.recognition.models import Comment, Reaction
from eximpact.recognition.services.answers import REACTIONS, WallItem, item_kind

LATEST_COMMENTS = 3  # shown on the wall; the item's page shows them all


@dataclass(frozen=True)
class ReactionCount:
    key: str
    symbol: str
    label: str
    count: int
    mine: bool


@dataclass
class ItemAnswers:
    """What a wall card shows under an item."""

    kind: str
    item_id: int
    counts: dict[str, int] = field(default_factory=dict)
    mine: set[str] = field(default_factory=set)
    comments: list[Comment] = field(default_factory=list)  # the latest, oldest first
    comment_count: int = 0

    @property
    def reactions(self) -> list[ReactionCount]:
        """Every reaction on offer, in order, with its count and whether the viewer gave it."""
        return [
            ReactionCount(key, symbol, label, self.counts.get(key, 0), key in self.mine)
            for key, (symbol, label) in REACTIONS.items()
        ]

    @property
    def more_comments(self) -> int:
        return self.comment_count - len(self.comments)


Key = tuple[str, int]


def keys_of(items: list[WallItem]) -> list[Key]:
    return [(item_kind(item), item.id) for item in items]


def _of_items(kind_column, id_column, keys: list[Key]):
    ids = defaultdict(list)
    for kind, item_id in keys:
        ids[kind].append(item_id)
    clauses = [and_(kind_column == kind, id_column.in_(ids[kind])) for kind in ids]
    return or_(*clauses) if clauses else false()


def answers_for(
    viewer: Person | None, keys: list[Key], latest: int = LATEST_COMMENTS
) -> dict[Key, ItemAnswers]:
    """Reaction counts (and the viewer's own), comment counts and the latest comments
    (none with `latest=0`: counts only)."""
    found = {key: ItemAnswers(*key) for key in keys}
    if not keys:
        return found
    viewer_id = viewer.id if viewer is not None else None
    counts = db.session.execute(
        select(
            Reaction.item_kind,
            Reaction.item_id,
            Reaction.reaction,
            func.count(),
            func.max(case((Reaction.person_id == viewer_id, 1), else_=0)),
        )
        .where(_of_items(Reaction.item_kind, Reaction.item_id, keys))
        .group_by(Reaction.item_kind, Reaction.item_id, Reaction.reaction)
    )
    for kind, item_id, reaction, count, mine in counts:
        answers = found[(kind, item_id)]
        answers.counts[reaction] = count
        if mine:
            answers.mine.add(reaction)
    if latest:
        _latest_comments(found, keys, latest)
    else:
        _comment_counts(found, keys)
    return found


def _comment_counts(found: dict[Key, ItemAnswers], keys: list[Key]) -> None:
    counts = db.session.execute(
        select(Comment.item_kind, Comment.item_id, func.count())
        .where(_of_items(Comment.item_kind, Comment.item_id, keys))
        .group_by(Comment.item_kind, Comment.item_id)
    )
    for kind, item_id, count in counts:
        found[(kind, item_id)].comment_count = count


def _latest_comments(found: dict[Key, ItemAnswers], keys: list[Key], latest: int) -> None:
    """The latest `latest` comments of each item, and how many each has, in one query."""
    partition = (Comment.item_kind, Comment.item_id)
    ranked = (
        select(
            Comment.id,
            func.row_number()
            .over(partition_by=partition, order_by=(Comment.created_at.desc(), Comment.id.desc()))
            .label("recent"),
            func.count().over(partition_by=partition).label("total"),
        )
        .where(_of_items(Comment.item_kind, Comment.item_id, keys))
        .subquery("ranked")
    )
    rows = db.session.execute(
        select(Comment, ranked.c.total)
        .join(ranked, ranked.c.id == Comment.id)
        .where(ranked.c.recent <= latest)
        .options(joinedload(Comment.author).lazyload(Person.role_rows))
        .order_by(Comment.created_at, Comment.id)
    )
    for comment, total in rows:
        answers = found[(comment.item_kind, comment.item_id)]
        answers.comments.append(comment)
        answers.comment_count = total


def comments_query(kind: str, item_id: int) -> Select:
    """One item's comments, oldest first, with their authors."""
    return (
        select(Comment)
        .options(joinedload(Comment.author).lazyload(Person.role_rows))
        .where(Comment.item_kind == kind, Comment.item_id == item_id)
        .order_by(Comment.created_at, Comment.id)
    )
