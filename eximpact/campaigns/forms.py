"""Forms for campaigns, initiatives, approvals and the rollout. They parse; services decide."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Optional

from eximpact.campaigns.models import (
    FREQUENCY_LABELS,
    PILLAR_LABELS,
    PILLAR_TEMKIN,
    ROLLOUT_LABELS,
    STAKEHOLDER_LABELS,
    STATUS_LABELS,
)
from eximpact.campaigns.services.planning import LIMITS
from eximpact.forms import (
    CheckboxListField,
    OptionalIdSelectField,
    PersonField,
    Required,
    limited,
    select_choices,
)

PILLAR_CHOICES = [
    (key, f"{label} ({PILLAR_TEMKIN[key]})" if PILLAR_TEMKIN[key] != label else label)
    for key, label in PILLAR_LABELS.items()
]


class KpiForm(Form):
    name = StringField("KPI", validators=[Optional()], render_kw={"maxlength": LIMITS["kpi_name"]})
    unit = StringField("Unit", validators=[Optional()], render_kw={"maxlength": LIMITS["kpi_unit"]})
    baseline = DecimalField("Baseline", places=2, validators=[Optional()])
    target = DecimalField("Target", places=2, validators=[Optional()])
    actual = DecimalField("Actual", places=2, validators=[Optional()])
    # Choices are the live sources of the moment: `CampaignForm.offer_sources` sets them.
    source = SelectField("Actual from", coerce=lambda value: value or "", choices=[], default="")

    def is_blank(self) -> bool:
        typed = (self.name.data or "").strip() or self.source.data
        return not typed and all(
            field.data is None for field in (self.baseline, self.target, self.actual)
        )

    def values(self) -> dict:
        values = {
            name: self[name].data for name in ("name", "unit", "baseline", "target", "actual")
        }
        return {**values, "source": self.source.data or None}


class StakeholderForm(Form):
    group = SelectField(
        "Group", choices=select_choices(STAKEHOLDER_LABELS.items()), validators=[Optional()]
    )
    person_id = PersonField("Person")
    name = StringField(
        "Name", validators=[Optional()], render_kw={"maxlength": LIMITS["stakeholder_name"]}
    )

    def is_blank(self) -> bool:
        return self.person_id.data is None and not (self.name.data or "").strip()

    def values(self) -> dict:
        return {"group": self.group.data, "person_id": self.person_id.data, "name": self.name.data}


class CampaignForm(FlaskForm):
    name = StringField(
        "Name",
        validators=[Required()],
        description='e.g. "CX culture 2027"',
        render_kw={"maxlength": LIMITS["name"]},
    )
    goal = TextAreaField("Goal and credo", render_kw=limited(LIMITS["goal"], rows=3))
    owner_id = PersonField("Owner", validators=[Required()])
    start_date = DateField("Starts", validators=[Optional(), Required()])
    end_date = DateField("Ends", validators=[Optional(), Required()])
    budget = DecimalField("Budget", places=2, validators=[Optional()])
    kpis = FieldList(FormField(KpiForm), min_entries=5)
    stakeholders = FieldList(FormField(StakeholderForm), min_entries=5)
    submit = SubmitField("Save campaign")

    def offer_sources(self, choices: list[tuple[str, str]]) -> None:
        """Let each KPI row follow one of `choices` (source, label) or be typed in."""
        for entry in self.kpis:
            entry.form.source.choices = select_choices(choices, blank="Typed in")

    def values(self) -> dict:
        return {
            "name": self.name.data or "",
            "goal": self.goal.data or "",
            "owner_id": self.owner_id.data,
            "start_date": self.start_date.data,
            "end_date": self.end_date.data,
            "budget": self.budget.data,
            "kpis": [entry.form.values() for entry in self.kpis if not entry.form.is_blank()],
            "stakeholders": [
                entry.form.values() for entry in self.stakeholders if not entry.form.is_blank()
            ],
        }


class InitiativeForm(FlaskForm):
    campaign_id = OptionalIdSelectField(
        "Campaign", validators=[Required()], blank_label="— choose —"
    )
    pillar = SelectField("Pillar", choices=select_choices(PILLAR_CHOICES), validators=[Required()])
    title = StringField("Title", validators=[Required()], render_kw={"maxlength": LIMITS["title"]})
    description = TextAreaField("Description", render_kw=limited(LIMITS["description"], rows=3))
    owner_id = PersonField("Owner", validators=[Required()])
    start_date = DateField("Starts", validators=[Optional(), Required()])
    end_date = DateField("Ends", validators=[Optional(), Required()])
    status = SelectField("Status", choices=select_choices(STATUS_LABELS.items()))
    progress = IntegerField("Progress (%)", default=0, validators=[Optional()])
    budget = DecimalField("Budget", places=2, validators=[Optional()])
    actual_cost = DecimalField("Actual cost", places=2, validators=[Optional()])
    two_way = BooleanField("Two-way: it opens a dialogue with employees")
    quick_win = BooleanField("Quick win")
    sender = StringField(
        "Sender",
        description="Who speaks: CEO, HR, the team's manager …",
        render_kw={"maxlength": LIMITS["sender"]},
    )
    audience = StringField(
        "Audience",
        description="Who it is for, in words.",
        render_kw={"maxlength": LIMITS["audience"]},
    )
    audience_team_ids = CheckboxListField(
        "Roll out to teams",
        coerce=int,
        validate_choice=False,
        description="Each team's manager reports the rollout in their team.",
    )
    trigger = StringField(
        "Trigger or content",
        description="NPS results, strategy news …",
        render_kw={"maxlength": LIMITS["trigger"]},
    )
    channel = StringField(
        "Channel / form",
        description="Town hall, 1:1, newsletter …",
        render_kw={"maxlength": LIMITS["channel"]},
    )
    tools = StringField(
        "Tools",
        description="Mailing lists, intranet, LMS …",
        render_kw={"maxlength": LIMITS["tools"]},
    )
    frequency = SelectField("Frequency", choices=select_choices(FREQUENCY_LABELS.items()))
    approver_id = PersonField(
        "Needs approval by",
        description="The approver decides before the initiative leaves draft.",
    )
    reach = IntegerField("Reach (people)", validators=[Optional()])
    attendance = IntegerField("Attendance", validators=[Optional()])
    feedback_score = DecimalField("Feedback score (0–10)", places=1, validators=[Optional()])
    submit = SubmitField("Save initiative")

    FIELDS = (
        "campaign_id",
        "pillar",
        "title",
        "description",
        "owner_id",
        "start_date",
        "end_date",
        "status",
        "progress",
        "budget",
        "actual_cost",
        "two_way",
        "quick_win",
        "sender",
        "audience",
        "audience_team_ids",
        "trigger",
        "channel",
        "tools",
        "frequency",
        "reach",
        "attendance",
        "feedback_score",
    )

    def values(self) -> dict:
        values = {name: self[name].data for name in self.FIELDS}
        values["progress"] = values["progress"] if values["progress"] is not None else 0
        values["audience_team_ids"] = values["audience_team_ids"] or []
        if self.approver_id.data is not None:
            values["approver_id"] = self.approver_id.data
        return values


class ProgressForm(FlaskForm):
    """What an initiative's owner updates: status, progress and outcomes."""

    status = SelectField("Status", choices=select_choices(STATUS_LABELS.items()))
    progress = IntegerField("Progress (%)", validators=[Optional()])
    reach = IntegerField("Reach (people)", validators=[Optional()])
    attendance = IntegerField("Attendance", validators=[Optional()])
    feedback_score = DecimalField("Feedback score (0–10)", places=1, validators=[Optional()])
    submit = SubmitField("Update")

    def values(self) -> dict:
        values = {
            name: self[name].data
            for name in ("status", "progress", "reach", "attendance", "feedback_score")
        }
        if values["progress"] is None:
            values["progress"] = 0
        return values


class ApprovalRequestForm(FlaskForm):
    approver_id = PersonField("Approver", validators=[Required()])
    submit = SubmitField("Ask for approval")


class ApprovalDecisionForm(FlaskForm):
    comment = TextAreaField("Comment", render_kw=limited(LIMITS["approval_comment"], rows=2))
    approve = SubmitField("Approve")
    reject = SubmitField("Reject")


class RolloutForm(FlaskForm):
    status = SelectField("Status", choices=select_choices(ROLLOUT_LABELS.items()))
    note = TextAreaField("Note", render_kw=limited(LIMITS["rollout_note"], rows=2))
    submit = SubmitField("Save")


class InitiativeFilterForm(Form):
    """The list's filters, read from the query string."""

    campaign = OptionalIdSelectField(
        "Campaign", blank_label="All campaigns", validators=[Optional()]
    )
    pillar = SelectField(
        "Pillar",
        validators=[Optional()],
        choices=select_choices(PILLAR_LABELS.items(), blank="All pillars"),
    )
    status = SelectField(
        "Status",
        validators=[Optional()],
        choices=select_choices(STATUS_LABELS.items(), blank="Any status"),
    )
    owner = PersonField("Owner", validators=[Optional()])
    team = OptionalIdSelectField("Team", blank_label="All teams", validators=[Optional()])
    date_from = DateField("From", validators=[Optional()])
    date_to = DateField("To", validators=[Optional()])
