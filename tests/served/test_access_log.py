"""A live password-set token never reaches gunicorn's access log."""

import http.cookiejar
import re
import urllib.parse
import urllib.request

from eximpact.auth.password_links import make_link_token
from eximpact.extensions import db
from eximpact.org.models import Person
from tests.committed import commit_rows
from tests.factories import PersonFactory


def test_setting_a_password_from_a_link_keeps_the_token_out_of_the_access_log(
    committed_app, served_app
):
    (person_id,) = commit_rows(committed_app, lambda: [PersonFactory()])
    with committed_app.app_context():
        token = make_link_token(db.session.get(Person, person_id))
    browser = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    # A browser opening "/password/set#<token>" sends only the path: fragments stay local.
    page = browser.open(served_app.url + "/password/set").read().decode()
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    form = {
        "csrf_token": csrf,
        "token": token,  # what static/app.js copies from the fragment into the form
        "new_password": "a long and fresh passphrase",
        "confirm_password": "a long and fresh passphrase",
    }
    response = browser.open(served_app.url + "/password/set", urllib.parse.urlencode(form).encode())
    assert response.url.endswith("/")  # signed in and on the home page
    log = served_app.log.read_text()
    assert "POST /password/set" in log
    assert token not in log and token[:20] not in log
