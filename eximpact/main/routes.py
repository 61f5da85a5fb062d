"""Home page."""

from flask import Blueprint, render_template
from flask_login import current_user

from eximpact.main.services import home_summary

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    return render_template("main/index.html", summary=home_summary(current_user))
