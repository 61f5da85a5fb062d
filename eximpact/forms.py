"""Form helpers shared by every feature."""

from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length
from wtforms.widgets import CheckboxInput, ListWidget

from eximpact.csvio import ENCODINGS
from eximpact.validation import too_long


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


class PersonField(StringField):
    """Pick a person by typing: a suggestion "Name <e-mail>", or just the e-mail address.

    Organisations have thousands of people, so no form ships them all in a <select>;
    `static/app.js` suggests matches as you type (from `org.lookup_people`), and
    without JavaScript an e-mail address works. `data` is the person's id or None.
    """

    def __init__(self, label=None, validators=None, **kwargs):
        render_kw = {
            "autocomplete": "off",
            "placeholder": "Type a name or an e-mail address",
            "data-person-lookup": "",
            **kwargs.pop("render_kw", {}),
        }
        super().__init__(label, validators, render_kw=render_kw, **kwargs)

    def process_data(self, value):
        self.data = value if isinstance(value, int) else None

    def process_formdata(self, valuelist):
        text = (valuelist[0] if valuelist else "").strip()
        if not text:
            self.data = None
            return
        from eximpact.org.services import find_active_person_by_text

        person = find_active_person_by_text(text)
        if person is None:
            self.data = None
            raise ValueError("Nobody active matches: choose a suggestion or type an e-mail.")
        self.data = person.id

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        from eximpact.extensions import db
        from eximpact.org.models import Person

        person = db.session.get(Person, self.data)
        return f"{person.name} <{person.email}>" if person else ""


class CheckboxListField(SelectMultipleField):
    """A multiple choice shown as a list of checkboxes: clearer than a multi-select box."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def save_on_submit(form, save, *, commit: bool = True, failure=None):
    """The one form-saving step of a view: on a valid POST run `save()` (a service call),
    commit, and return what it saved (True when the service returns nothing).

    A broken rule (ValidationFailed) puts its messages at the fields; a state that forbids
    the change (Conflict) says so above the form. Either way the transaction is rolled
    back, so nothing is saved, the form keeps the refusal (`form.refusal`) for
    `form_status`, and the result is None: the view renders the form again with the
    person's input, or redirects.

    Two keywords, for the views that need them:

    - `commit=False`: the step stores nothing (signing out), so nothing is committed.
    - `failure=callback`: called with the ValidationFailed or Conflict after the rollback,
      for a view that must also act on a refusal: count a failed sign-in, flash the
      message on a button that redirects back, or keep the problems of a page whose
      inputs are not form fields.
    """
    from eximpact.extensions import db
    from eximpact.validation import Conflict, ValidationFailed

    form.refusal = None
    if not form.validate_on_submit():
        return None
    try:
        saved = save()
    except (ValidationFailed, Conflict) as error:
        db.session.rollback()
        form.refusal = error
        if isinstance(error, Conflict):
            form.form_errors.append(error.message)
        else:
            apply_errors(form, error)
        if failure is not None:
            failure(error)
        return None
    if commit:
        db.session.commit()
    return True if saved is None else saved


def form_status(form) -> int:
    """The status of a page that shows `form` after `save_on_submit` did not save it.

    409 when a Conflict refused the change, 422 for any other refused POST (the person's
    input comes back with the messages), 200 when nothing was posted.
    """
    from eximpact.validation import Conflict

    if isinstance(getattr(form, "refusal", None), Conflict):
        return 409
    return 422 if form.errors or form.form_errors else 200


def apply_errors(form, error) -> None:
    """Put a ValidationFailed's messages beside the matching fields (the rest on the form).

    A refusal that names no field (a sign-in that failed, say nothing about which part)
    says its message above the form.
    """
    if not error.fields:
        form.form_errors.append(error.message)
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


class Limit(Length):
    """At most `limit` characters, the number a service declares in its `LIMITS`.

    The browser is never left to cut text silently: a one-line field gets `maxlength`
    (typing stops at the limit), a text area gets `data-limit`, and static/app.js shows a
    live counter that warns once the text is too long; the service refuses it with a
    message at the field.
    """

    def __init__(self, limit: int, message: str | None = None):
        super().__init__(max=limit, message=message or too_long(limit))
        self.field_flags = {}
        self.limit = limit


def limited(limit: int, **render_kw) -> dict:
    """`render_kw` for a text area with a visible limit (see `Limit`)."""
    return {"data-limit": limit, **render_kw}


class CsvImportForm(FlaskForm):
    """An import page's form: the feature adds its file fields; every import asks the encoding."""

    encoding = SelectField(
        "Encoding",
        choices=select_choices(ENCODINGS.items()),
        default="",
        description="Detect reads UTF-8 and most files from Excel; choose if it asks you to.",
    )
    submit = SubmitField("Check and import")
