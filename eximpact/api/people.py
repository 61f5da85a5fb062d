"""`/me`, `/people` and `/teams`: the directory every employee may read; `/people/{id}` and
its recognition: the person page's figures, through the same loader and services."""

from datetime import date

from flask import g
from pydantic import Field, field_validator

from eximpact import clock
from eximpact.access import can
from eximpact.api.declare import operation, page_of
from eximpact.api.recognition import Ref
from eximpact.api.schema import ApiModel, Moment, QueryId, one_of, query_text
from eximpact.org.models import EMPLOYEE, EXTRA_ROLES, Person
from eximpact.org.services import people_query, teams_query
from eximpact.people import services as people_services
from eximpact.people.loaders import get_person_or_404
from eximpact.recognition.models import ITEM_KINDS
from eximpact.recognition.services import received

STATUSES = ("active", "inactive", "all")
Role = one_of((EMPLOYEE, *EXTRA_ROLES))


class PersonOut(ApiModel):
    id: int
    name: str
    email: str
    roles: list[Role]
    team_id: int | None
    manager_id: int | None
    active: bool

    _sorted_roles = field_validator("roles", mode="before")(sorted)  # a Person's are a set


class TeamOut(ApiModel):
    id: int
    name: str
    manager_id: int | None
    parent_id: int | None
    active: bool


class TeamFilters(ApiModel):
    q: query_text(100) = None
    status: one_of(STATUSES) = "active"


class PeopleFilters(TeamFilters):
    team_id: QueryId = None


@operation("GET", "/me", tag="people", response=PersonOut)
def me():
    """The person the token belongs to."""
    return g.api_user


@operation("GET", "/people", tag="people", query=PeopleFilters, response=PersonOut, listing=True)
def people(query: PeopleFilters):
    """People, searchable and filterable by team (every employee: nominations need it)."""
    return page_of(people_query(query.q, query.team_id, query.status))


@operation("GET", "/teams", tag="people", query=TeamFilters, response=TeamOut, listing=True)
def teams(query: TeamFilters):
    """Teams."""
    return page_of(teams_query(query.q, query.status))


class PersonPraiseOut(ApiModel):
    id: int
    source: str
    received_at: date
    text: str
    customer_ref: str | None = Field(
        None,
        description="Only for HR, whoever logged it and the leaders following it up",
    )


class PersonAwardOut(ApiModel):
    nomination_id: int
    category: Ref
    reward: str | None
    cycle: Ref
    awarded_at: Moment


class ThanksGivenOut(ApiModel):
    id: int
    recipient: Ref
    category: Ref
    message: str
    at: Moment


class HoursMonthOut(ApiModel):
    month: date = Field(description="The first day of the month")
    hours: float


class PersonProfileOut(ApiModel):
    id: int
    name: str
    active: bool
    team: Ref | None
    manager: Ref | None
    praise: list[PersonPraiseOut] = Field(description="The latest customer praise of the person")
    awards: list[PersonAwardOut]
    thanks_given: list[ThanksGivenOut] = Field(description="The latest thanks the person gave")
    hours_by_month: list[HoursMonthOut] | None = Field(
        description="Approved ambassador hours, the last twelve months: null unless the caller "
        "is the person, one of their managers, or HR"
    )


class RecognitionReceivedOut(ApiModel):
    kind: one_of(ITEM_KINDS)
    id: int = Field(description="The nomination or the thanks")
    from_id: int = Field(description="Who recognised the person")
    category: Ref
    reason: str = Field(description="The nomination's reason or the thanks' message")
    praise: list[PersonPraiseOut] = Field(description="The customer's words attached")
    at: Moment


def _ref(item) -> dict | None:
    return {"id": item.id, "name": item.name} if item is not None else None


def _praise_json(praise, shown: bool) -> dict:
    """Praise as the API shows it; the customer reference only when `shown`."""
    return {
        "id": praise.id,
        "source": praise.source,
        "received_at": praise.received_at,
        "text": praise.text,
        "customer_ref": praise.customer_ref if shown else None,
    }


@operation(
    "GET",
    "/people/<int:person_id>",
    tag="people",
    load=get_person_or_404,
    response=PersonProfileOut,
)
def show_person(person: Person):
    """A person's page: team, manager, praise, awards, thanks given, and hours for some."""
    profile = people_services.profile(g.api_user, person, clock.today())
    hours = profile.hours
    return {
        "id": person.id,
        "name": person.name,
        "active": person.active,
        "team": _ref(person.team),
        "manager": _ref(person.manager),
        "praise": [
            _praise_json(p, can(g.api_user, "praise.see_customer_ref", p)) for p in profile.praise
        ],
        "awards": [
            {
                "nomination_id": n.id,
                "category": _ref(n.category),
                "reward": n.reward,
                "cycle": _ref(n.cycle),
                "awarded_at": n.awarded_at,
            }
            for n in profile.awards
        ],
        "thanks_given": [
            {
                "id": t.id,
                "recipient": _ref(t.recipient),
                "category": _ref(t.category),
                "message": t.message,
                "at": t.created_at,
            }
            for t in profile.thanks_given
        ],
        "hours_by_month": None
        if hours is None
        else [{"month": h.month, "hours": float(h.hours)} for h in hours],
    }


def _received_json(items: list[received.Received]) -> list[dict]:
    return [
        {
            "kind": item.kind,
            "id": item.id,
            "from_id": item.from_id,
            "category": _ref(item.category),
            "reason": item.reason,
            # The praise attached to recognition is public; who the customer was is not.
            "praise": [_praise_json(p, False) for p in item.praise],
            "at": item.at,
        }
        for item in received.load(items)
    ]


@operation(
    "GET",
    "/people/<int:person_id>/recognition",
    tag="people",
    load=get_person_or_404,
    response=RecognitionReceivedOut,
    listing=True,
)
def person_recognition(person: Person):
    """What the person received, newest first: nominations on the wall and quick thanks."""
    return page_of(received.received_query(person.id), _received_json, rows=True)
