"""The chat channel form: it reads the URL; `chat.save_channel` decides whether it will do."""

from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField

from eximpact.forms import Required
from eximpact.notifications.chat import URL_MAX


class ChatChannelForm(FlaskForm):
    webhook_url = StringField(
        "Incoming-webhook URL",
        validators=[Required()],
        render_kw={"autocomplete": "off", "spellcheck": "false", "maxlength": URL_MAX},
    )
    submit = SubmitField("Save")
