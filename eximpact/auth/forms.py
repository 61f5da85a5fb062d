"""Forms for signing in, changing the password and creating API tokens."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from eximpact.auth.services import PASSWORD_MAX_LENGTH, password_problem
from eximpact.forms import select_choices


class SignInForm(FlaskForm):
    email = EmailField(
        "E-mail",
        validators=[DataRequired(), Length(max=254)],
        render_kw={"autocomplete": "username", "autofocus": True},
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired(), Length(max=PASSWORD_MAX_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField("Keep me signed in on this device")
    submit = SubmitField("Sign in")


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(
        "Current password",
        validators=[DataRequired()],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = PasswordField(
        "New password",
        validators=[DataRequired()],
        description="At least 12 characters. A few unrelated words make a strong one.",
        render_kw={"autocomplete": "new-password"},
    )
    confirm_password = PasswordField(
        "Repeat the new password",
        validators=[DataRequired(), EqualTo("new_password", "The two passwords differ.")],
        render_kw={"autocomplete": "new-password"},
    )
    revoke_personal_tokens = BooleanField(
        "Also revoke my personal access tokens",
        description="Sign-in tokens from the API are always revoked with the old password.",
    )
    submit = SubmitField("Change password")

    def validate_new_password(self, field):
        if problem := password_problem(field.data or ""):
            raise ValidationError(problem)


class TokenForm(FlaskForm):
    name = StringField(
        "Token name",
        validators=[DataRequired(), Length(max=80)],
        description="What it is for, e.g. 'Survey tool' or 'BI export'.",
    )
    expires_in_days = SelectField(
        "Expires",
        choices=select_choices(
            [("30", "in 30 days"), ("90", "in 90 days"), ("365", "in a year"), ("", "never")]
        ),
        default="90",
    )
    submit = SubmitField("Create token")


class ForgotPasswordForm(FlaskForm):
    email = EmailField(
        "E-mail",
        validators=[DataRequired(), Length(max=254)],
        render_kw={"autocomplete": "username", "autofocus": True},
    )
    submit = SubmitField("Send me a link")


class SetPasswordForm(FlaskForm):
    token = HiddenField(render_kw={"data-link-token": True})
    new_password = PasswordField(
        "New password",
        validators=[DataRequired()],
        description="At least 12 characters. A few unrelated words make a strong one.",
        render_kw={"autocomplete": "new-password", "autofocus": True},
    )
    confirm_password = PasswordField(
        "Repeat the new password",
        validators=[DataRequired(), EqualTo("new_password", "The two passwords differ.")],
        render_kw={"autocomplete": "new-password"},
    )
    revoke_personal_tokens = BooleanField(
        "Also revoke my personal access tokens",
        description="Sign-in tokens from the API are always revoked with the old password.",
    )
    submit = SubmitField("Set password and sign in")

    def validate_new_password(self, field):
        if problem := password_problem(field.data or ""):
            raise ValidationError(problem)
