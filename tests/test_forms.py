"""`save_on_submit`, the one form-saving step of every view, and the status a page answers."""

import pytest
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import StringField
from wtforms.validators import DataRequired

from eximpact.extensions import db
from eximpact.forms import ConfirmForm, form_status, save_on_submit
from eximpact.org.models import Team
from eximpact.validation import Conflict, ValidationFailed


class NameForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired()])


@pytest.fixture
def posted(app):
    """A request context posting `data`, as a view would see it."""

    def post(**data):
        return app.test_request_context("/", method="POST", data=data)

    return post


def add_team(name: str) -> Team:
    team = Team(name=name)
    db.session.add(team)
    db.session.flush()
    return team


def stored_team(name: str) -> Team | None:
    """The team as the database holds it, after anything not committed is rolled back."""
    db.session.rollback()
    return db.session.scalar(select(Team).where(Team.name == name))


def test_a_valid_post_is_saved_committed_and_returned(posted):
    with posted(name="Care North"):
        form = NameForm()
        saved = save_on_submit(form, lambda: add_team(form.name.data))
        assert isinstance(saved, Team) and saved.name == "Care North"
        assert form_status(form) == 200
    assert stored_team("Care North") is not None


def test_a_service_that_returns_nothing_gives_true(posted):
    with posted(name="x"):
        assert save_on_submit(NameForm(), lambda: None) is True


def test_a_get_saves_nothing_and_answers_200(app):
    called = []
    with app.test_request_context("/"):
        form = NameForm()
        assert save_on_submit(form, lambda: called.append(1)) is None
        assert form_status(form) == 200
    assert called == []


def test_a_form_that_does_not_parse_never_reaches_the_service_and_answers_422(posted):
    called = []
    with posted(name=""):
        form = NameForm()
        assert save_on_submit(form, lambda: called.append(1)) is None
        assert form.name.errors
        assert form_status(form) == 422
    assert called == []


def test_a_broken_rule_puts_its_messages_at_the_fields_and_saves_nothing(posted):
    def save():
        add_team("Half saved")
        raise ValidationFailed({"name": ["Use another name."], "other": ["Not a field."]})

    with posted(name="Half saved"):
        form = NameForm()
        assert save_on_submit(form, save) is None
        assert form.name.errors == ["Use another name."]
        assert form.form_errors == ["Not a field."]  # a name the form lacks goes above it
        assert form.name.data == "Half saved"  # the person's input is kept
        assert form_status(form) == 422
    assert stored_team("Half saved") is None


def test_a_refusal_naming_no_field_says_its_message_above_the_form(posted):
    def save():
        raise ValidationFailed(message="That e-mail and password do not match an active account.")

    with posted(name="x"):
        form = NameForm()
        assert save_on_submit(form, save) is None
        assert form.form_errors == ["That e-mail and password do not match an active account."]
        assert form.name.errors == []
        assert form_status(form) == 422


def test_a_conflict_says_so_above_the_form_saves_nothing_and_answers_409(posted):
    def save():
        add_team("Too late")
        raise Conflict("Someone decided this nomination already.")

    with posted(name="Too late"):
        form = NameForm()
        assert save_on_submit(form, save) is None
        assert form.form_errors == ["Someone decided this nomination already."]
        assert isinstance(form.refusal, Conflict)
        assert form_status(form) == 409
    assert stored_team("Too late") is None


def test_failure_is_told_the_refusal_and_only_on_a_refusal(posted):
    told = []
    with posted(name="x"):
        save_on_submit(NameForm(), lambda: None, failure=told.append)
        assert told == []
        refusal = Conflict("No.")

        def refuse():
            raise refusal

        save_on_submit(ConfirmForm(), refuse, failure=told.append)
    assert told == [refusal]


def test_commit_false_runs_the_step_but_stores_nothing(posted):
    with posted(name="Not kept"):
        form = NameForm()
        assert save_on_submit(form, lambda: add_team("Not kept"), commit=False)
    assert stored_team("Not kept") is None


def test_an_error_the_service_does_not_declare_is_not_swallowed(posted):
    def save():
        raise KeyError("a bug")

    with posted(name="x"), pytest.raises(KeyError):
        save_on_submit(NameForm(), save)
