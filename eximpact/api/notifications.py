"""`/notifications`: the caller's own inbox, and marking items read."""

from flask import g
from pydantic import Field

from eximpact.api.declare import operation, page_of
from eximpact.api.schema import ApiModel, Flag, IdList, Moment, QueryFlag, one_of
from eximpact.extensions import db
from eximpact.notifications.inbox import inbox_query, mark_read
from eximpact.notifications.models import KIND_NAMES
from eximpact.validation import ValidationFailed


class NotificationOut(ApiModel):
    id: int
    kind: one_of(KIND_NAMES)
    text: str
    url: str = Field(description="The app page it is about (a path)")
    created_at: Moment
    read: bool


class InboxFilters(ApiModel):
    unread: QueryFlag = Field(None, description="true: only the unread ones")


class ReadRequest(ApiModel):
    """Either `ids` (your notifications to mark read) or `all: true`."""

    ids: IdList | None = Field(None, description="Ids of someone else's notifications are ignored")
    all: Flag = False


class ReadResult(ApiModel):
    marked: int = Field(description="How many of your unread notifications are now read")


@operation(
    "GET",
    "/notifications",
    tag="people",
    query=InboxFilters,
    response=NotificationOut,
    listing=True,
)
def list_notifications(query: InboxFilters):
    """Your notifications, newest first (only ever your own)."""
    return page_of(inbox_query(g.api_user, unread=bool(query.unread)))


@operation("POST", "/notifications/read", tag="people", body=ReadRequest, response=ReadResult)
def read_notifications(body: ReadRequest):
    """Mark your notifications read: the ids given, or all of them.

    Ids that are not yours (or do not exist) are ignored, not refused: the answer never
    tells whether someone else's notification exists.
    """
    if not body.all and body.ids is None:
        raise ValidationFailed.single("ids", 'Send "ids": [...] or "all": true.')
    marked = mark_read(g.api_user, None if body.all else body.ids)
    db.session.commit()
    return {"marked": marked}
