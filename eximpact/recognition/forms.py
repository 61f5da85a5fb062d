"""Forms for nominating, reviewing, and setting up cycles and categories.

They parse types only; every rule (never yourself, the window, the cap, the budget …)
is in the services, so the pages and the API refuse the same things the same way.
"""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    HiddenField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, NumberRange, Optional

from eximpact.forms import Limit, Required, limited, optional_int, select_choices
from eximpact.org.forms import CheckboxListField
from eximpact.recognition.models import CADENCE_LABELS, REWARD_KIND_LABELS
from eximpact.recognition.services.answers import LIMITS as ANSWER_LIMITS
from eximpact.recognition.services.cycles import LIMITS as CYCLE_LIMITS
from eximpact.recognition.services.nominating import LIMITS as NOMINATION_LIMITS
from eximpact.recognition.services.thanking import LIMITS as THANKS_LIMITS


class NominationForm(FlaskForm):
    nominee_id = HiddenField(validators=[DataRequired()])
    category_id = SelectField("Category", coerce=optional_int, validate_choice=False)
    cycle_id = SelectField("Award cycle", coerce=optional_int, validate_choice=False)
    reason = TextAreaField(
        "Why they deserve it",
        validators=[DataRequired(), Limit(NOMINATION_LIMITS["reason"])],
        description="At least 20 characters: what they did, and what it meant to the customer.",
        render_kw=limited(NOMINATION_LIMITS["reason"], rows=5),
    )
    praise_ids = CheckboxListField("Attach customer praise as evidence", coerce=int)
    submit = SubmitField("Submit nomination")


class DeclineForm(FlaskForm):
    reason = TextAreaField(
        "Why it is declined",
        validators=[DataRequired(), Limit(NOMINATION_LIMITS["decline_reason"])],
        description="The nominator sees this.",
        render_kw=limited(NOMINATION_LIMITS["decline_reason"], rows=3),
    )
    submit = SubmitField("Decline")


class AwardForm(FlaskForm):
    reward = StringField(
        "Reward",
        validators=[Optional(), Limit(NOMINATION_LIMITS["reward"])],
        render_kw={"maxlength": NOMINATION_LIMITS["reward"]},
        description="Leave empty for the category's reward.",
    )
    reward_value = DecimalField(
        "Reward value",
        places=2,
        validators=[Optional(), NumberRange(min=0)],
        description="What it costs the cycle's budget; empty: the category's value.",
    )
    submit = SubmitField("Award")


class CycleForm(FlaskForm):
    name = StringField(
        "Name",
        validators=[DataRequired(), Limit(CYCLE_LIMITS["cycle_name"])],
        render_kw={"maxlength": CYCLE_LIMITS["cycle_name"]},
    )
    cadence = SelectField("Cadence", choices=select_choices(CADENCE_LABELS.items()))
    period_start = DateField("Period starts", validators=[DataRequired()])
    period_end = DateField("Period ends", validators=[DataRequired()])
    opens_on = DateField("Nominations open", validators=[DataRequired()])
    closes_on = DateField("Nominations close", validators=[DataRequired()])
    budget = DecimalField(
        "Budget",
        places=2,
        validators=[Optional(), NumberRange(min=0)],
        description="Optional. Awards in this cycle cannot cost more in total.",
    )
    submit = SubmitField("Save cycle")


class CategoryForm(FlaskForm):
    name = StringField(
        "Name",
        validators=[DataRequired(), Limit(CYCLE_LIMITS["category_name"])],
        render_kw={"maxlength": CYCLE_LIMITS["category_name"]},
        description="A company value, or e.g. “Customer hero”.",
    )
    description = TextAreaField(
        "What it recognises",
        validators=[Optional(), Limit(CYCLE_LIMITS["description"])],
        render_kw=limited(CYCLE_LIMITS["description"], rows=3),
    )
    reward_kind = SelectField("Kind of reward", choices=select_choices(REWARD_KIND_LABELS.items()))
    reward = StringField(
        "Reward",
        validators=[DataRequired(), Limit(CYCLE_LIMITS["reward"])],
        render_kw={"maxlength": CYCLE_LIMITS["reward"]},
        description="What the winner gets, in words: “500 points”, “a day off”.",
    )
    reward_value = DecimalField(
        "Reward value",
        places=2,
        validators=[Optional(), NumberRange(min=0)],
        description="What one award costs, counted against a cycle's budget.",
    )
    active = BooleanField("Open for nominations", default=True)
    company_value = BooleanField(
        "A company value", description="Colleagues give quick thanks under company values."
    )
    submit = SubmitField("Save category")


class ThanksForm(FlaskForm):
    recipient_id = SelectField("Colleague", coerce=optional_int, validate_choice=False)
    category_id = SelectField("Company value", coerce=optional_int, validate_choice=False)
    message = TextAreaField(
        "What you thank them for",
        validators=[DataRequired(), Limit(THANKS_LIMITS["message"])],
        render_kw=limited(THANKS_LIMITS["message"], rows=3),
    )
    praise_id = SelectField(
        "Customer praise that prompted it", coerce=optional_int, validate_choice=False
    )
    submit = SubmitField("Say thanks")


class CommentForm(FlaskForm):
    """A short comment on a wall item; built with the item as `prefix`, so a page of
    items has one form each with fields of their own ids."""

    text = TextAreaField(
        "Your comment",
        validators=[Required(), Limit(ANSWER_LIMITS["comment"])],
        render_kw=limited(ANSWER_LIMITS["comment"], rows=2),
        description=f"Up to {ANSWER_LIMITS['comment']} characters, shown with your name.",
    )
    submit = SubmitField("Comment")


class ReactionForm(FlaskForm):
    """One reaction button's form: which reaction (the service checks it is one on offer)."""

    reaction = HiddenField()


def comment_form_for(kind: str, item_id: int) -> CommentForm:
    """The comment form of one wall item, its fields named after it (many on one page)."""
    return CommentForm(prefix=f"{kind}-{item_id}")
