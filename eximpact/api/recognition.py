"""`/categories`, `/award-cycles`, `/recognition/wall` and `/recognition/leaderboard`."""

from datetime import date

from flask import g
from pydantic import Field, model_validator
from sqlalchemy import select

from eximpact.api.declare import operation, page_of
from eximpact.api.schema import (
    ApiModel,
    Day,
    Moment,
    Money,
    OptionalDay,
    QueryDay,
    QueryId,
    decimal,
    one_of,
    text,
)
from eximpact.clock import today
from eximpact.extensions import db
from eximpact.org.services import subtree_team_ids
from eximpact.recognition import permissions  # noqa: F401  (registers the recognition rules)
from eximpact.recognition.loaders import get_cycle_or_404
from eximpact.recognition.models import (
    APPROVED,
    AWARDED,
    CADENCES,
    NOMINATION,
    REWARD_KINDS,
    AwardCycle,
    Category,
    Nomination,
)
from eximpact.recognition.periods import PERIODS
from eximpact.recognition.services import cycles as cycle_services
from eximpact.recognition.services.answer_queries import answers_for, keys_of
from eximpact.recognition.services.cycles import LIMITS, MONEY_MAX
from eximpact.recognition.services.wall import POINTS, leaderboard, wall_query


class CategoryOut(ApiModel):
    id: int
    name: str
    description: str
    reward_kind: one_of(REWARD_KINDS)
    reward: str = Field(description="What the winner gets")
    reward_value: Money = Field(description="What an award costs the cycle's budget")
    active: bool
    company_value: bool = Field(description="Quick thanks are given under company values")


class CategoryFilters(ApiModel):
    status: one_of(("active", "all")) = "active"


class CycleIn(ApiModel):
    """An award cycle: its period, nomination window (default: the period) and optional budget."""

    name: text(LIMITS["cycle_name"], required=True)
    cadence: one_of(CADENCES)
    period_start: Day
    period_end: Day
    opens_on: OptionalDay = Field(None, description="Default: the period's start")
    closes_on: OptionalDay = Field(None, description="Default: the period's end")
    budget: decimal(2, below=int(MONEY_MAX) + 1) = None

    @model_validator(mode="after")
    def _window_defaults_to_the_period(self):
        self.opens_on = self.opens_on or self.period_start
        self.closes_on = self.closes_on or self.period_end
        return self


class Ref(ApiModel):
    id: int
    name: str


class WallPerson(Ref):
    team: str | None


class Evidence(ApiModel):
    id: int
    source: str
    received_at: date
    text: str


class WallItem(ApiModel):
    kind: one_of((NOMINATION,)) = Field(description="What the item is: answer it by kind and id")
    id: int = Field(description="The nomination")
    status: one_of((APPROVED, AWARDED))
    nominee: WallPerson
    nominator: Ref
    category: Ref
    reason: str
    reward: str | None
    recognised_at: Moment
    praise: list[Evidence] = Field(description="The customer's words attached as evidence")
    reactions: dict[str, int] = Field(description="How many people gave each reaction")
    my_reactions: list[str] = Field(description="The reactions you gave")
    comments: int = Field(description="How many comments it has")


class CycleOut(ApiModel):
    id: int
    name: str
    cadence: one_of(CADENCES)
    period_start: date
    period_end: date
    opens_on: date = Field(description="Nominations from this day …")
    closes_on: date = Field(description="… to this day, both included")
    open: bool = Field(description="Taking nominations today")
    budget: Money
    budget_used: Money
    budget_left: Money
    winners: list[WallItem] = Field(None, description="Only in GET /award-cycles/{cycle_id}")


class WallFilters(ApiModel):
    team_id: QueryId = Field(None, description="This team and the teams below it")
    category_id: QueryId = None


class LeaderboardFilters(ApiModel):
    period: one_of(PERIODS) = "month"
    date: QueryDay = Field(None, description="A day in the period (default today)")
    team_id: QueryId = Field(None, description="This team and the teams below it")


class LeaderboardRowOut(ApiModel):
    rank: int
    person_id: int
    name: str
    team: str | None
    points: int
    awards: int
    approvals: int
    praise: int
    thanks: int


class LeaderboardOut(ApiModel):
    period: one_of(PERIODS)
    start: date
    end: date
    team_id: int | None
    points: dict[str, int]
    rows: list[LeaderboardRowOut]


def wall_json(nominations: list[Nomination]) -> list[dict]:
    """A page of the wall, each item with its reaction and comment counts (two queries)."""
    found = answers_for(g.api_user, keys_of(nominations), latest=0)
    items = []
    for n in nominations:
        answers = found[(NOMINATION, n.id)]
        items.append(
            {
                **{name: getattr(n, name, None) for name in WallItem.model_fields},
                "kind": NOMINATION,
                "nominee": {
                    **Ref.model_validate(n.nominee).model_dump(),
                    "team": n.nominee.team and n.nominee.team.name,
                },
                "reward": n.reward if n.status == AWARDED else None,
                "reactions": {r.key: r.count for r in answers.reactions},
                "my_reactions": sorted(answers.mine),
                "comments": answers.comment_count,
            }
        )
    return items


def _cycles_json(cycles: list[AwardCycle]) -> list[dict]:
    used = cycle_services.budget_used([cycle.id for cycle in cycles])
    on = today()
    return [
        {
            **{
                name: getattr(cycle, name, None)
                for name in CycleOut.model_fields
                if name != "winners"
            },
            "open": cycle.is_open_on(on),
            "budget_used": used[cycle.id],
            "budget_left": cycle.budget - used[cycle.id] if cycle.budget is not None else None,
        }
        for cycle in cycles
    ]


@operation(
    "GET",
    "/categories",
    tag="recognition",
    query=CategoryFilters,
    response=CategoryOut,
    listing=True,
)
def list_categories(query: CategoryFilters):
    """What is rewarded and how: open to everyone (a transparent programme)."""
    select_ = select(Category).order_by(Category.name)
    if query.status == "active":
        select_ = select_.where(Category.active)
    return page_of(select_)


@operation("GET", "/award-cycles", tag="recognition", response=CycleOut, listing=True)
def list_cycles():
    """Award cycles, newest first."""
    return page_of(cycle_services.cycles_query(), _cycles_json)


@operation(
    "POST",
    "/award-cycles",
    tag="recognition",
    permission="recognition.manage",
    body=CycleIn,
    response=CycleOut,
    status=201,
)
def create_cycle(body: CycleIn):
    """HR sets up a cycle: its period, nomination window and optional budget."""
    cycle = cycle_services.save_cycle(g.api_user, None, **body.model_dump())
    db.session.commit()
    return _cycles_json([cycle])[0]


@operation(
    "GET",
    "/award-cycles/<int:cycle_id>",
    tag="recognition",
    load=get_cycle_or_404,
    response=CycleOut,
)
def show_cycle(cycle: AwardCycle):
    """One award cycle, with its winners."""
    winners = db.session.scalars(
        wall_query().where(Nomination.cycle_id == cycle.id, Nomination.status == AWARDED)
    ).all()
    return {**_cycles_json([cycle])[0], "winners": wall_json(winners)}


def _team_ids(team_id: int | None) -> list[int] | None:
    return subtree_team_ids(team_id) if team_id else None


@operation(
    "GET",
    "/recognition/wall",
    tag="recognition",
    query=WallFilters,
    response=WallItem,
    listing=True,
)
def wall(query: WallFilters):
    """Approved and awarded recognitions, newest first, with the customer's words attached."""
    select_ = wall_query(_team_ids(query.team_id), query.category_id)
    return page_of(select_, wall_json)


@operation(
    "GET",
    "/recognition/leaderboard",
    tag="recognition",
    query=LeaderboardFilters,
    response=LeaderboardOut,
)
def leaderboard_view(query: LeaderboardFilters):
    """Points per person in a period: awards, approvals and praise (POINTS)."""
    board = leaderboard(query.period, query.date or today(), _team_ids(query.team_id))
    return {
        "period": board.period,
        "start": board.start,
        "end": board.end,
        "team_id": query.team_id,
        "points": POINTS,
        "rows": [row.__dict__ for row in board.rows],
    }
