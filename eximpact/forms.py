"""Form helpers shared by every feature."""

from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget


def optional_int(value):
    """Coerce a select's value: blank means None."""
    if value in (None, "", "None"):
        return None
    return int(value)


def select_choices(pairs, blank: str | None = None) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices, with an optional blank first option."""
    choices = [SelectChoice("", blank)] if blank is not None else []
    choices.extend(SelectChoice(str(value), label) for value, label in pairs)
    return choices


class OptionalIdSelectField(SelectField):
    """A select of ids with a blank first option meaning 'none'; data is an int or None."""

    def __init__(self, label=None, validators=None, blank_label="— none —", **kwargs):
        kwargs.setdefault("choices", [SelectChoice("", blank_label)])
        super().__init__(label, validators, coerce=optional_int, **kwargs)
        self.blank_label = blank_label

    def set_options(self, pairs) -> None:
        self.choices = select_choices(pairs, blank=self.blank_label)


class Required:
    """Marks a field as required (label asterisk, `required` attribute) without checking it.

    The service checks required values, once, for pages and API alike; this only
    tells the person filling the form.
    """

    field_flags = {"required": True}

    def __call__(self, form, field) -> None:
        return None


class CheckboxListField(SelectMultipleField):
    """A multiple choice shown as a list of checkboxes: clearer than a multi-select box."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def apply_errors(form, error) -> None:
    """Put a ValidationFailed's messages beside the matching fields (the rest on the form)."""
    for name, problems in error.fields.items():
        field = _field_for(form, name)
        if field is not None:
            field.errors = list(field.errors) + problems
        else:
            form.form_errors.extend(problems)


def _field_for(form, dotted: str):
    """The field a service error names: `title`, or `kpis.0.target` inside a FieldList."""
    target = form
    for part in dotted.split("."):
        if part.isdigit():
            entries = getattr(target, "entries", [])
            index = int(part)
            target = entries[index] if index < len(entries) else None
        else:
            target = getattr(getattr(target, "form", target), part, None)
        if target is None:
            return None
    return target if hasattr(target, "errors") else None


class ConfirmForm(FlaskForm):
    """An empty form for POST buttons, so each carries a CSRF token."""

    submit = SubmitField("Confirm")
