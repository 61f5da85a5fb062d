"""The admin's chat channels: set, change or remove the Slack and Teams webhooks, and test them.

Nothing here talks to Slack or Teams: the test message goes through the outbox like every
other, so a slow chat service never slows the page.
"""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from eximpact.access import permission_required
from eximpact.forms import ConfirmForm, form_status, save_on_submit
from eximpact.notifications import chat
from eximpact.notifications.forms import ChatChannelForm
from eximpact.notifications.routes import bp

SERVICE = "<any(slack, teams):service>"


def _page(forms: dict | None = None, status: int = 200):
    forms = forms or {}
    for service in chat.SERVICES:
        # The saved URL is a secret: the field is never filled with it.
        forms.setdefault(service, ChatChannelForm(prefix=service, formdata=None))
    return render_template(
        "notifications/chat.html",
        forms=forms,
        services=chat.SERVICES,
        channels=chat.channels(),
        last=chat.last_messages(),
        masked=chat.masked,
    ), status


@bp.get("/chat")
@permission_required("chat.manage")
def chat_channels():
    """The Slack and Teams channels, masked, with the newest message's fate."""
    return _page()


@bp.post(f"/chat/{SERVICE}")
@permission_required("chat.manage")
def save_chat_channel(service: str):
    form = ChatChannelForm(prefix=service)
    if save_on_submit(
        form, lambda: chat.save_channel(current_user, service, form.webhook_url.data)
    ):
        flash(f"The {chat.SERVICES[service]} channel is saved.", "success")
        return redirect(url_for("notifications.chat_channels"))
    return _page({service: form}, form_status(form))


@bp.post(f"/chat/{SERVICE}/remove")
@permission_required("chat.manage")
def remove_chat_channel(service: str):
    if save_on_submit(ConfirmForm(), lambda: chat.remove_channel(current_user, service)):
        flash(f"The {chat.SERVICES[service]} channel is removed.", "success")
    return redirect(url_for("notifications.chat_channels"))


@bp.post(f"/chat/{SERVICE}/test")
@permission_required("chat.manage")
def test_chat_channel(service: str):
    """Queue a test message; the page shows whether it went out once the outbox has run."""
    if save_on_submit(
        ConfirmForm(),
        lambda: chat.queue_test(current_user, service),
        failure=lambda error: flash(error.message, "danger"),
    ):
        flash(
            f"A test message to {chat.SERVICES[service]} is queued: the outbox sends it on "
            "its next run, and this page then shows whether it arrived.",
            "success",
        )
    return redirect(url_for("notifications.chat_channels"))
