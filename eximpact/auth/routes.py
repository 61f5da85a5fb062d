"""Sign-in, sign-out, and the settings page (password and personal access tokens)."""

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_user, logout_user

from eximpact.access import public
from eximpact.auth import services
from eximpact.auth.forms import (
    ForgotPasswordForm,
    PasswordChangeForm,
    SetPasswordForm,
    SignInForm,
    TokenForm,
)
from eximpact.auth.models import PERSONAL_TOKEN, ApiToken
from eximpact.auth.password_links import person_for_link, request_reset
from eximpact.auth.ratelimit import record_failure, sign_in_limits
from eximpact.extensions import db, limiter
from eximpact.forms import ConfirmForm, form_status, save_on_submit
from eximpact.notifications.inbox import email_choices
from eximpact.notifications.models import KINDS
from eximpact.security import is_safe_next

bp = Blueprint("auth", __name__)


def _next_url() -> str:
    target = request.args.get("next")
    return target if is_safe_next(target) else url_for("main.index")


@bp.route("/sign-in", methods=["GET", "POST"])
@public
@sign_in_limits
def sign_in():
    if current_user.is_authenticated:
        return redirect(_next_url())
    form = SignInForm()
    if person := save_on_submit(
        form,
        lambda: services.sign_in_person(form.email.data, form.password.data),
        failure=lambda _refusal: record_failure(),
    ):
        session.clear()  # a fresh session: nothing from before sign-in carries over
        login_user(person, remember=form.remember.data)
        return redirect(_next_url())
    return render_template("auth/sign_in.html", form=form), form_status(form)


@bp.route("/password/forgot", methods=["GET", "POST"])
@public
@limiter.limit("5 per hour", methods=["POST"])
def forgot_password():
    """Ask for a link by e-mail. The answer is the same whether or not the address is known."""
    form = ForgotPasswordForm()
    if save_on_submit(form, lambda: request_reset(form.email.data)):
        flash(
            "If that address belongs to an account, a link to set a new password is on its way.",
            "info",
        )
        return redirect(url_for("auth.sign_in"))
    return render_template("auth/forgot_password.html", form=form), form_status(form)


@bp.get("/password/set/<token>")
@public
def set_password_legacy(token: str):
    """Links e-mailed before the token moved into the fragment still work: same page."""
    return redirect(url_for("auth.set_password") + "#" + token)


@bp.route("/password/set", methods=["GET", "POST"])
@public
def set_password():
    """Set a password from an invitation or reset link; the link works once.

    The link carries its token after `#`: browsers never send the fragment, so no access
    log or proxy sees a live token. static/app.js copies it into the form's hidden field,
    and the token travels in the POST body only.
    """
    form = SetPasswordForm()
    if request.method == "GET":
        return render_template("auth/set_password.html", form=form, person=None)
    person = person_for_link(form.token.data or "")
    if person is None:
        flash(
            "That link is no longer valid: it was used, replaced or too old. Ask for a new one.",
            "warning",
        )
        return redirect(url_for("auth.forgot_password"))
    if save_on_submit(
        form,
        lambda: services.set_password(
            person, form.new_password.data, revoke_personal=form.revoke_personal_tokens.data
        ),
    ):
        session.clear()
        login_user(person)
        flash("Your password is set. Welcome to EX Impact.", "success")
        return redirect(url_for("main.index"))
    return render_template("auth/set_password.html", form=form, person=person), 422


@bp.post("/sign-out")
def sign_out():
    if save_on_submit(ConfirmForm(), _end_session, commit=False):
        flash("You are signed out.", "info")
    return redirect(url_for("auth.sign_in"))


def _end_session() -> None:
    logout_user()
    session.clear()


def _render_settings(password_form=None, token_form=None, new_token=None, status=200):
    return render_template(
        "auth/settings.html",
        password_form=password_form or PasswordChangeForm(),
        token_form=token_form or TokenForm(),
        tokens=services.personal_tokens(current_user),
        new_token=new_token,
        email_kinds=KINDS,
        email_choices=email_choices(current_user),
    ), status


@bp.get("/settings")
def settings():
    return _render_settings()


@bp.post("/settings/password")
@sign_in_limits
def change_password():
    """Wrong current passwords count against the same failure limit as sign-in."""
    form = PasswordChangeForm()
    person = current_user._get_current_object()
    if save_on_submit(
        form,
        lambda: services.change_password_checked(
            person,
            form.current_password.data,
            form.new_password.data,
            revoke_personal=form.revoke_personal_tokens.data,
        ),
        failure=lambda _refusal: record_failure(),
    ):
        login_user(person)  # the session id contains the nonce that just changed
        flash("Your password is changed. Other devices are signed out.", "success")
        return redirect(url_for("auth.settings"))
    return _render_settings(password_form=form, status=422)


@bp.post("/settings/tokens")
def create_token():
    form = TokenForm()
    if issued := save_on_submit(
        form,
        lambda: services.issue_personal_token(
            current_user, form.name.data, int(form.expires_in_days.data or 0) or None
        ),
    ):
        token, plain = issued
        # Shown once, in this response only: never stored, never put in the session cookie.
        return _render_settings(new_token={"name": token.name, "value": plain})
    return _render_settings(token_form=form, status=422)


@bp.post("/settings/tokens/<int:token_id>/revoke")
def revoke_token(token_id: int):
    token = db.session.get(ApiToken, token_id)
    if token is None or token.person_id != current_user.id or token.kind != PERSONAL_TOKEN:
        abort(404)
    if save_on_submit(ConfirmForm(), lambda: services.revoke_token(token)):
        flash(f"Token “{token.name}” is revoked.", "success")
    return redirect(url_for("auth.settings"))
