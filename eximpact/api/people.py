"""`/me`, `/people` and `/teams`: the directory every employee may read."""

from flask import g
from pydantic import field_validator

from eximpact.api.declare import operation, page_of
from eximpact.api.schema import ApiModel, QueryId, one_of, query_text
from eximpact.org.models import EMPLOYEE, EXTRA_ROLES
from eximpact.org.services import people_query, teams_query

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
