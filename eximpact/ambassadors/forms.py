"""Forms of the ambassador pages: they read types; the services decide the rules."""

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DecimalField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Optional

from eximpact.ambassadors.models import PROJECT_LABELS, PROJECT_STATUSES
from eximpact.ambassadors.services.approvals import LIMITS as APPROVAL_LIMITS
from eximpact.ambassadors.services.projects import LIMITS as PROJECT_LIMITS
from eximpact.forms import Limit, OptionalIdSelectField, limited, select_choices


class EnrolmentForm(FlaskForm):
    person_id = OptionalIdSelectField("Person", blank_label="— choose a person —")
    allocation = DecimalField(
        "Allocation",
        places=None,
        validators=[Optional()],
        description="Agreed time for CX projects, in hours per week or as a share of the week.",
    )
    unit = RadioField(
        "Allocation given in",
        choices=select_choices([("hours", "hours per week"), ("percent", "% of the working week")]),
        default="hours",
    )
    start_date = DateField("First day", validators=[DataRequired()])
    end_date = DateField(
        "Last day", validators=[Optional()], description="Leave empty if open-ended."
    )
    submit = SubmitField("Propose enrolment")


class EndEnrolmentForm(FlaskForm):
    end_date = DateField("Last day", validators=[DataRequired()])
    submit = SubmitField("Set last day")


class ProjectForm(FlaskForm):
    name = StringField(
        "Name",
        validators=[DataRequired(), Limit(PROJECT_LIMITS["name"])],
        render_kw={"maxlength": PROJECT_LIMITS["name"]},
    )
    initiative_id = OptionalIdSelectField("Initiative", blank_label="— choose an initiative —")
    owner_id = OptionalIdSelectField("Owner", blank_label="— choose a person —")
    status = SelectField(
        "Status",
        choices=select_choices((s, PROJECT_LABELS[s]) for s in PROJECT_STATUSES),
        default="proposed",
        description="Only active projects take time.",
    )
    hours_budget = DecimalField("Hours budget", places=None, validators=[Optional()])
    goal = TextAreaField(
        "Goal",
        validators=[Limit(PROJECT_LIMITS["goal"])],
        render_kw=limited(PROJECT_LIMITS["goal"], rows=4),
    )
    submit = SubmitField("Save project")


class ReopenForm(FlaskForm):
    reason = StringField(
        "Why reopen it?",
        validators=[Optional(), Limit(APPROVAL_LIMITS["reason"])],
        render_kw={"maxlength": APPROVAL_LIMITS["reason"]},
    )
    submit = SubmitField("Reopen entry")
