"""Form helpers shared by every feature."""

from flask_wtf import FlaskForm
from wtforms import SelectField, SubmitField
from wtforms.validators import ValidationError


class OptionalIdSelectField(SelectField):
    """A select of ids with a blank first choice meaning 'none'; data is an int or None."""

    def __init__(self, label=None, validators=None, blank_label="— none —", **kwargs):
        super().__init__(label, validators, coerce=self._coerce, **kwargs)
        self.blank_label = blank_label

    @staticmethod
    def _coerce(value):
        if value in (None, "", "None"):
            return None
        return int(value)

    def iter_choices(self):
        yield from [("", self.blank_label, self.data is None, {})]
        yield from super().iter_choices()

    def pre_validate(self, form):
        if self.data is None:
            return
        if self.choices is not None and self.data not in {value for value, _ in self.choices}:
            raise ValidationError("Choose one of the options.")


def apply_errors(form, error) -> None:
    """Put a ValidationFailed's messages beside the matching fields (the rest on the form)."""
    for name, problems in error.fields.items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = list(field.errors) + problems
        else:
            form.form_errors.extend(problems)


class ConfirmForm(FlaskForm):
    """An empty form for POST buttons, so each carries a CSRF token."""

    submit = SubmitField("Confirm")
