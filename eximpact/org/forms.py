"""Forms of the admin pages for people, teams and the CSV import."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional

from eximpact.forms import (
    CheckboxListField,
    CsvImportForm,
    OptionalIdSelectField,
    PersonField,
    select_choices,
)
from eximpact.org.models import EXTRA_ROLES, ROLE_LABELS


class PersonForm(FlaskForm):
    name = StringField("Full name", validators=[DataRequired(), Length(max=120)])
    email = EmailField("E-mail", validators=[DataRequired(), Length(max=254)])
    team_id = OptionalIdSelectField("Team", blank_label="— no team —")
    manager_id = PersonField("Manager")
    roles = CheckboxListField(
        "Roles on top of employee",
        choices=select_choices((role, ROLE_LABELS[role]) for role in EXTRA_ROLES),
        validate_choice=True,
    )
    password = PasswordField(
        "Set a password",
        validators=[Optional(), Length(max=128)],
        description=(
            "Optional; better, send them a password link so they choose their own. At least 12 "
            "characters; they are told by e-mail. Leave empty to keep the current one."
        ),
    )
    submit = SubmitField("Save person")


class TeamForm(FlaskForm):
    name = StringField("Team name", validators=[DataRequired(), Length(max=120)])
    manager_id = PersonField("Manager")
    parent_id = OptionalIdSelectField("Part of", blank_label="— top level —")
    submit = SubmitField("Save team")


class ImportForm(CsvImportForm):
    teams_file = FileField(
        "Teams CSV",
        validators=[FileAllowed(["csv", "txt"], "Upload a .csv file.")],
        description="Columns: name, parent, manager_email.",
    )
    people_file = FileField(
        "People CSV",
        validators=[FileAllowed(["csv", "txt"], "Upload a .csv file.")],
        description="Columns: name, email, team, manager_email, roles (separated by |), active.",
    )
