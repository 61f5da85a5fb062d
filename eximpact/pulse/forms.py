"""Forms for rounds. They parse types; the rules (k ≥ 3, only raised once open …) are services'."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional

from eximpact.forms import CheckboxListField, select_choices
from eximpact.pulse.items import KIND_LABELS
from eximpact.pulse.models import MIN_GROUP_DEFAULT, MIN_GROUP_FLOOR
from eximpact.pulse.services.rounds import LIMITS, RoundInput


class RoundForm(FlaskForm):
    kind = SelectField("Kind", choices=select_choices(KIND_LABELS.items()))
    title = StringField(
        "Title",
        validators=[DataRequired(), Length(max=LIMITS["title"])],
        render_kw={"maxlength": LIMITS["title"]},
    )
    opens_on = DateField("Opens on", validators=[DataRequired()])
    closes_on = DateField("Closes on", validators=[DataRequired()])
    team_ids = CheckboxListField(
        "Audience teams",
        coerce=int,
        description="Sub-teams are included. Choose none to ask everyone.",
    )
    min_group = IntegerField(
        "Minimum group (k)",
        default=MIN_GROUP_DEFAULT,
        validators=[Optional()],
        description=(
            f"No figure is shown for fewer answers. At least {MIN_GROUP_FLOOR}; "
            "once the round is open it can only be raised."
        ),
        render_kw={"min": MIN_GROUP_FLOOR, "max": LIMITS["min_group"]},
    )
    enps = BooleanField("Ask the eNPS question (0–10, engagement pulse only)")
    comments = BooleanField("Invite an optional comment")
    submit = SubmitField("Save round")

    def values(self) -> RoundInput:
        return RoundInput(
            kind=self.kind.data,
            title=self.title.data or "",
            opens_on=self.opens_on.data,
            closes_on=self.closes_on.data,
            team_ids=list(self.team_ids.data or []),
            min_group=self.min_group.data if self.min_group.data is not None else MIN_GROUP_DEFAULT,
            enps=bool(self.enps.data),
            comments=bool(self.comments.data),
        )
