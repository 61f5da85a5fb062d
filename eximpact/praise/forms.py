"""Forms for logging praise, importing it from CSV and recording an outreach.

The forms parse types; the rules (emotion of the right level, no future date …)
are the services', so the form, the API and the import answer alike.
"""

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, NumberRange, Optional

from eximpact.forms import CsvImportForm, Limit, limited, optional_int, select_choices
from eximpact.praise.models import (
    ENGAGEMENT_LEVELS,
    OUTREACH_KIND_LABELS,
    SOURCE_LABELS,
)
from eximpact.praise.services.outreach import LIMITS as OUTREACH_LIMITS
from eximpact.praise.services.recording import LIMITS as PRAISE_LIMITS


def _level_choices():
    return select_choices(
        (
            (level, f"{level} · {label} ({', '.join(words)})")
            for level, (label, words) in ENGAGEMENT_LEVELS.items()
        ),
        blank="— not rated —",
    )


def _emotion_choices():
    return select_choices(
        (
            (word, f"{word} (level {level} · {label})")
            for level, (label, words) in ENGAGEMENT_LEVELS.items()
            for word in words
        ),
        blank="— none —",
    )


class PraiseForm(FlaskForm):
    employee_ids = SelectMultipleField(
        "Who was praised",
        coerce=int,
        validators=[DataRequired("Choose at least one person.")],
        description="Search to narrow the list; Enter picks the first match, several allowed.",
        render_kw={"size": 8, "data-searchable": ""},
    )
    source = SelectField(
        "Where it came from", choices=select_choices(SOURCE_LABELS.items()), default="email"
    )
    received_at = DateField("Received on", validators=[DataRequired()])
    text = TextAreaField(
        "The customer's words",
        validators=[DataRequired(), Limit(PRAISE_LIMITS["text"])],
        description="Verbatim, as the customer wrote or said it.",
        render_kw=limited(PRAISE_LIMITS["text"], rows=5),
    )
    nps = IntegerField(
        "NPS score", validators=[Optional(), NumberRange(0, 10)], description="0 to 10, if given."
    )
    engagement_level = SelectField(
        "Customer engagement", choices=_level_choices(), coerce=optional_int, validate_choice=False
    )
    emotion = SelectField(
        "Emotion named",
        choices=_emotion_choices(),
        description="One of the words of the chosen level; on its own it sets the level.",
    )
    customer_ref = StringField(
        "Customer reference",
        validators=[Optional(), Limit(PRAISE_LIMITS["customer_ref"])],
        render_kw={"maxlength": PRAISE_LIMITS["customer_ref"]},
        description="Kept minimal: a case or survey number, never contact details.",
    )
    submit = SubmitField("Log praise")


class PraiseImportForm(CsvImportForm):
    praise_file = FileField(
        "Praise CSV",
        validators=[
            FileRequired("Choose a file."),
            FileAllowed(["csv", "txt"], "Upload a .csv file."),
        ],
        description="Columns: source, received_at, text, employee_emails (separated by |), "
        "and optionally customer_ref, nps, engagement_level, emotion, external_id.",
    )


class OutreachForm(FlaskForm):
    kind = RadioField(
        "How you followed up",
        choices=select_choices(OUTREACH_KIND_LABELS.items()),
        validators=[DataRequired("Choose a note, a call or a visit.")],
    )
    note = TextAreaField(
        "What you said or wrote",
        validators=[Optional(), Limit(OUTREACH_LIMITS["note"])],
        description="Shown with the praise, so others see the thanks too.",
        render_kw=limited(OUTREACH_LIMITS["note"], rows=4),
    )
    submit = SubmitField("Mark as done")
