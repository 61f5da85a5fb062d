"""`/initiatives`: plan, read, change, approve, and report the rollout per team."""

from datetime import date

from flask import g
from pydantic import AliasChoices, Field, model_validator
from sqlalchemy.orm import selectinload

from eximpact.api.declare import operation, page_of
from eximpact.api.schema import (
    ApiModel,
    Day,
    Flag,
    Id,
    IdList,
    Moment,
    Money,
    QueryDay,
    QueryId,
    decimal,
    one_of,
    partial,
    text,
    whole,
)
from eximpact.campaigns import permissions  # noqa: F401  (registers the rules)
from eximpact.campaigns.loaders import get_initiative_or_404, get_team_rollout_or_404
from eximpact.campaigns.models import (
    APPROVAL_STATES,
    FREQUENCIES,
    PILLARS,
    ROLLOUT_STATUSES,
    STATUSES,
    Initiative,
    Rollout,
)
from eximpact.campaigns.presets import TEMPLATES
from eximpact.campaigns.services import approvals, cascade, planning, queries
from eximpact.campaigns.services.planning import FEEDBACK_SCORE_MAX, LIMITS, MONEY_BELOW
from eximpact.extensions import db

Amount = decimal(2, below=MONEY_BELOW)
Count = whole(0, nullable=True)
# A writer may ask for approval; approving and rejecting are the approver's actions.
WRITABLE_APPROVAL_STATES = ("not_required", "pending")


def _template_or_own(schema: dict) -> None:
    """Document that a template stands in for `pillar` and `title`."""
    schema["required"] = [name for name in schema["required"] if name not in ("pillar", "title")]
    schema["anyOf"] = [{"required": ["template"]}, {"required": ["pillar", "title"]}]


class InitiativeIn(ApiModel):
    """An initiative; with `template`, the template fills the fields not sent."""

    model_config = {"json_schema_extra": lambda schema: _template_or_own(schema)}

    template: one_of(TEMPLATES) = Field(None, description="POST only: start from a preset")
    campaign_id: Id
    pillar: one_of(PILLARS)
    title: text(LIMITS["title"], required=True)
    description: text(LIMITS["description"]) = None
    owner_id: Id = Field(None, description="Defaults to you")
    start_date: Day
    end_date: Day
    status: one_of(STATUSES) = None
    progress: whole(0, 100) = None
    budget: Amount = None
    actual_cost: Amount = None
    two_way: Flag = None
    quick_win: Flag = None
    audience_team_ids: IdList = None
    sender: text(LIMITS["sender"]) = None
    audience: text(LIMITS["audience"]) = None
    trigger: text(LIMITS["trigger"]) = None
    channel: text(LIMITS["channel"]) = None
    tools: text(LIMITS["tools"]) = None
    frequency: one_of(FREQUENCIES) = None
    reach: Count = None
    attendance: Count = None
    feedback_score: decimal(1, maximum=FEEDBACK_SCORE_MAX) = None
    approver_id: Id = None
    approval_state: one_of(WRITABLE_APPROVAL_STATES) = Field(
        None, description='"pending" with approver_id asks that person to approve'
    )

    @model_validator(mode="before")
    @classmethod
    def _from_template(cls, data):
        """A known template's values under what was sent (an unknown key is refused below)."""
        template = data.get("template") if isinstance(data, dict) else None
        if isinstance(template, str) and template in TEMPLATES:
            data = {**TEMPLATES[template].values(), **data}
        return data


InitiativeChange = partial(InitiativeIn, exclude=("template",))


class RolloutOut(ApiModel):
    team_id: int
    status: one_of(ROLLOUT_STATUSES)
    note: str


class InitiativeOut(ApiModel):
    id: int
    campaign_id: int
    pillar: str
    title: str
    description: str
    owner_id: int
    start_date: date
    end_date: date
    status: str
    progress: int
    budget: Money
    actual_cost: Money
    two_way: bool
    quick_win: bool
    audience_team_ids: list[int]
    sender: str
    audience: str
    trigger: str
    channel: str
    tools: str
    frequency: str
    approval_state: one_of(APPROVAL_STATES)
    approver_id: int | None
    approval_comment: str
    reach: int | None
    attendance: int | None
    feedback_score: float | None
    rollout: list[RolloutOut] = Field(validation_alias=AliasChoices("rollout", "rollouts"))
    created_at: Moment
    updated_at: Moment


class InitiativeFilters(ApiModel):
    campaign_id: QueryId = None
    pillar: one_of(PILLARS) = None
    status: one_of(STATUSES) = None
    owner_id: QueryId = None
    team_id: QueryId = Field(None, description="Rolled out to this team")
    active_on: QueryDay = Field(None, description="Running on this day")


class Decision(ApiModel):
    comment: text(LIMITS["approval_comment"]) = None


class RolloutChange(ApiModel):
    status: one_of(ROLLOUT_STATUSES) = None
    note: text(LIMITS["rollout_note"]) = None


class TemplateOut(ApiModel):
    key: str
    name: str
    pillar: str
    title: str
    description: str
    sender: str
    audience: str
    trigger: str
    channel: str
    tools: str
    frequency: str
    two_way: bool
    quick_win: bool


class Templates(ApiModel):
    items: list[TemplateOut]


@operation(
    "GET",
    "/initiatives",
    tag="initiatives",
    query=InitiativeFilters,
    response=InitiativeOut,
    listing=True,
)
def list_initiatives(query: InitiativeFilters):
    """Initiatives (drafts only for planners, their owner and approver)."""
    select_ = queries.initiatives_query(g.api_user, **query.model_dump())
    return page_of(select_.options(selectinload(Initiative.rollouts)))


@operation(
    "POST",
    "/initiatives",
    tag="initiatives",
    permission="campaigns.plan",
    body=InitiativeIn,
    response=InitiativeOut,
    status=201,
    errors=(409,),
)
def create_initiative(body: InitiativeIn):
    """Plan an initiative (HR and admin); `template` fills missing fields."""
    values = body.model_dump(exclude_unset=True)
    values.pop("template", None)  # its values are in the body already
    values.setdefault("owner_id", g.api_user.id)
    item = planning.create_initiative(g.api_user, values)
    db.session.commit()
    return item


@operation(
    "GET",
    "/initiatives/<int:initiative_id>",
    tag="initiatives",
    load=get_initiative_or_404,
    response=InitiativeOut,
    errors=(403,),
)
def get_initiative(item: Initiative):
    """One initiative."""
    return item


@operation(
    "PATCH",
    "/initiatives/<int:initiative_id>",
    tag="initiatives",
    load=get_initiative_or_404,
    body=InitiativeChange,
    response=InitiativeOut,
    errors=(403, 409),
)
def update_initiative(item: Initiative, body: ApiModel):
    """Change an initiative (planners; the owner: status, progress, outcomes)."""
    planning.update_initiative(g.api_user, item, body.model_dump(exclude_unset=True))
    db.session.commit()
    return item


def _decide(item: Initiative, body: Decision, approve: bool) -> Initiative:
    approvals.decide_approval(g.api_user, item, approve, body.comment or "")
    db.session.commit()
    return item


@operation(
    "POST",
    "/initiatives/<int:initiative_id>/approve",
    tag="initiatives",
    load=get_initiative_or_404,
    body=Decision,
    body_required=False,
    response=InitiativeOut,
    errors=(403, 409),
)
def approve_initiative(item: Initiative, body: Decision):
    """The named approver approves (never the one who asked)."""
    return _decide(item, body, approve=True)


@operation(
    "POST",
    "/initiatives/<int:initiative_id>/reject",
    tag="initiatives",
    load=get_initiative_or_404,
    body=Decision,
    body_required=False,
    response=InitiativeOut,
    errors=(403, 409),
)
def reject_initiative(item: Initiative, body: Decision):
    """The named approver rejects, with a comment."""
    return _decide(item, body, approve=False)


@operation(
    "PATCH",
    "/initiatives/<int:initiative_id>/rollout/<int:team_id>",
    tag="initiatives",
    load=get_team_rollout_or_404,
    body=RolloutChange,
    response=RolloutOut,
    errors=(403,),
)
def update_rollout(rollout: Rollout, body: RolloutChange):
    """The team's manager reports the rollout in their team."""
    sent = body.model_dump(exclude_unset=True)
    cascade.update_rollout(
        g.api_user,
        rollout,
        sent.get("status") or rollout.status,
        rollout.note if "note" not in sent else (sent["note"] or ""),
    )
    db.session.commit()
    return rollout


@operation("GET", "/initiative-templates", tag="initiatives", response=Templates)
def list_templates():
    """Ready-made initiatives; POST /initiatives with `"template": key` starts from one."""
    return {"items": [{"key": key, "name": t.name, **t.values()} for key, t in TEMPLATES.items()]}
