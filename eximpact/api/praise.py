"""`/praise`: customer praise, logged by any employee or an integration with a token."""

from datetime import UTC, date, datetime
from typing import Annotated

from flask import g
from pydantic import Field, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from eximpact.access import can
from eximpact.api.declare import operation, page_of
from eximpact.api.schema import (
    ApiModel,
    IdList,
    Moment,
    QueryDay,
    QueryId,
    one_of,
    whole,
)
from eximpact.api.schema import text as limited_text  # `text` is also a field name here
from eximpact.clock import today
from eximpact.extensions import db
from eximpact.org.services import subtree_team_ids
from eximpact.praise import permissions  # noqa: F401  (registers the praise rules)
from eximpact.praise.loaders import get_praise_or_404
from eximpact.praise.models import EMOTION_LEVEL, ENGAGEMENT_LEVELS, INTAKES, SOURCES, Praise
from eximpact.praise.services.recording import (
    LIMITS,
    PraiseInput,
    get_praise,
    praise_query,
    record_praise,
)


def _received_at(value):
    """A date (API.md's YYYY-MM-DD); a survey tool's ISO date-time is taken as its UTC date."""
    if value is None:
        return None
    problem = PydanticCustomError("date_type", "Must be a date written YYYY-MM-DD.")
    if not isinstance(value, str):
        raise problem
    try:
        if "T" in value:
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is not None:
                moment = moment.astimezone(UTC)
            return moment.date()
        if len(value) != 10:
            raise problem
        return date.fromisoformat(value)
    except ValueError:
        raise problem from None


_MOMENT_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$"
Received = Annotated[
    date | None,
    PlainValidator(_received_at),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                {
                    "type": "string",
                    "format": "date-time",
                    "pattern": _MOMENT_PATTERN,
                },
                {"type": "null"},
            ],
            "description": "Default today. An ISO date-time is taken as its UTC date.",
        }
    ),
]


EMAIL_MAX = 254  # RFC 5321's longest address


def _emails(value):
    if not isinstance(value, list) or not all(
        isinstance(item, str) and len(item) <= EMAIL_MAX for item in value
    ):
        raise PydanticCustomError("email_list", "Must be a list of e-mail addresses.")
    if len(value) > LIMITS["employees"]:
        raise PydanticCustomError("too_many", f"Name at most {LIMITS['employees']} people.")
    return value


Emails = Annotated[
    list[str],
    PlainValidator(_emails),
    WithJsonSchema(
        {
            "type": "array",
            "maxItems": LIMITS["employees"],
            "items": {"type": "string", "maxLength": EMAIL_MAX},
            "description": "The praised people's e-mail addresses (unknown ones are named)",
        }
    ),
]
_LEVELS = "; ".join(
    f"{level} {label}: {', '.join(words)}" for level, (label, words) in ENGAGEMENT_LEVELS.items()
)


class PraiseIn(ApiModel):
    """Name the praised people by `employee_ids`, `employee_emails`, or both."""

    source: one_of(SOURCES)
    text: limited_text(LIMITS["text"], required=True) = Field(description="Verbatim")
    received_at: Received = None
    nps: whole(0, 10, nullable=True) = None
    engagement_level: whole(1, max(ENGAGEMENT_LEVELS), nullable=True) = Field(
        None, description=_LEVELS
    )
    emotion: one_of(EMOTION_LEVEL, nullable=True) = Field(
        None, description="One of the level's words; alone, it sets the level."
    )
    customer_ref: limited_text(LIMITS["customer_ref"]) = None
    employee_ids: IdList = None
    employee_emails: Emails = None
    external_id: limited_text(LIMITS["external_id"]) = Field(
        None, description="The sender's id: a second delivery returns the stored praise."
    )

    def as_input(self) -> PraiseInput:
        """What the service reads, the same for the API, the webhook and the CSV import."""
        return PraiseInput(
            source=self.source,
            text=self.text,
            received_at=self.received_at or today(),
            employee_ids=self.employee_ids or [],
            employee_emails=self.employee_emails or [],
            nps=self.nps,
            engagement_level=self.engagement_level,
            emotion=self.emotion,
            customer_ref=self.customer_ref or None,
            external_id=self.external_id or None,
        )


class Named(ApiModel):
    id: int
    name: str


class PraiseOutreach(ApiModel):
    id: int
    employee_id: int
    leader_id: int
    due_on: date
    status: one_of(("open", "overdue", "done"))
    kind: str | None
    note: str | None
    completed_at: Moment


class PraiseOut(ApiModel):
    id: int
    source: one_of(SOURCES)
    received_at: date
    text: str
    nps: int | None
    engagement_level: int | None
    emotion: str | None
    customer_ref: str | None = Field(description="Only for HR and the praised people's leaders")
    employee_ids: list[int]
    employees: list[Named]
    external_id: str | None
    intake: one_of(INTAKES)
    logged_by_id: int | None
    created_at: Moment
    outreach: list[PraiseOutreach]


class PraiseFilters(ApiModel):
    person_id: QueryId = None
    team_id: QueryId = Field(None, description="This team and the teams below it")
    source: one_of(SOURCES) = None
    from_: QueryDay = Field(None, alias="from")
    to: QueryDay = None


STORED_ALREADY = {
    "description": "A known external_id: the praise already stored, nothing new",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PraiseOut"}}},
}


def praise_json(praise: Praise, show_customer: bool) -> dict:
    """The praise as PraiseOut reads it; the customer reference only for those who may see it."""
    on = today()
    return {
        **{name: getattr(praise, name) for name in PraiseOut.model_fields if name != "outreach"},
        "customer_ref": praise.customer_ref if show_customer else None,
        "outreach": [
            {
                **{name: getattr(item, name) for name in PraiseOutreach.model_fields},
                "status": item.state_on(on),
                "note": item.note or None,
            }
            for item in praise.outreach
        ],
    }


def _for_caller(praise: Praise) -> dict:
    return praise_json(praise, can(g.api_user, "praise.see_customer_ref", praise))


@operation("GET", "/praise", tag="praise", query=PraiseFilters, response=PraiseOut, listing=True)
def list_praise(query: PraiseFilters):
    """Customer praise, newest first: everyone may read it (praise is meant to be seen)."""
    select_ = praise_query(
        person_id=query.person_id,
        team_ids=subtree_team_ids(query.team_id) if query.team_id else None,
        source=query.source,
        start=query.from_,
        end=query.to,
    )
    return page_of(select_, lambda items: [_for_caller(item) for item in items])


@operation(
    "POST",
    "/praise",
    tag="praise",
    body=PraiseIn,
    response=PraiseOut,
    status=201,
    errors=(409,),
    doc={"responses": {"200": {**STORED_ALREADY}}},
)
def create_praise(body: PraiseIn):
    """Log praise; a known external_id answers 200 with the praise already stored."""
    praise, created = record_praise(g.api_user, body.as_input(), intake="api")
    db.session.commit()
    return _for_caller(get_praise(praise.id)), 201 if created else 200


@operation(
    "GET", "/praise/<int:praise_id>", tag="praise", load=get_praise_or_404, response=PraiseOut
)
def show_praise(praise: Praise):
    """One praise."""
    return _for_caller(praise)
