"""gunicorn's access log never puts a time beside an answer (eximpact/serving.py)."""

import http.cookiejar
import json
import re
import urllib.parse
import urllib.request

from eximpact.extensions import db
from eximpact.org.models import Person
from tests.committed import commit_rows, token_for
from tests.factories import TEST_PASSWORD, PersonFactory, TeamFactory
from tests.pulse.factories import make_round, open_round

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def _browser():
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def _post_form(browser, url: str, form: dict):
    csrf = CSRF.search(browser.open(url).read().decode()).group(1)
    return browser.open(url, urllib.parse.urlencode({"csrf_token": csrf, **form}).encode())


def test_answers_by_page_and_by_api_leave_no_line_while_other_requests_are_logged(
    committed_app, served_app
):
    def people():
        team = TeamFactory()
        hr = PersonFactory(roles=["hr"])
        return [hr, PersonFactory(team=team), PersonFactory(team=team)]

    hr_id, by_page_id, by_api_id = commit_rows(committed_app, people)
    with committed_app.app_context():
        hr, by_page = db.session.get(Person, hr_id), db.session.get(Person, by_page_id)
        round_ = open_round(hr, make_round(hr, teams=[by_page.team]))
        db.session.commit()
        round_id, email = round_.id, by_page.email

    browser = _browser()
    _post_form(browser, served_app.url + "/sign-in", {"email": email, "password": TEST_PASSWORD})
    page = _post_form(
        browser,
        f"{served_app.url}/pulse/rounds/{round_id}/answer",
        {"mission": "6", "feedback": "5", "tools": "4"},
    )
    assert page.url.endswith("/")  # answered, back on the home page

    api = urllib.request.Request(  # noqa: S310 (loopback)
        f"{served_app.url}/api/v1/pulse/rounds/{round_id}/responses",
        data=json.dumps({"answers": {"mission": 3, "feedback": 3, "tools": 3}}).encode(),
        headers={
            "Authorization": f"Bearer {token_for(committed_app, by_api_id)}",
            "Content-Type": "application/json",
        },
        method="POST",
    )
    with urllib.request.urlopen(api) as response:  # noqa: S310 (loopback)
        assert response.status == 201

    log = served_app.log.read_text()
    assert "POST /sign-in" in log and f"GET /pulse/rounds/{round_id}/answer" in log
    assert f"/pulse/rounds/{round_id}/answer HTTP" in log  # the page's GET is logged
    assert "POST /pulse/rounds/" not in log
    assert "/responses" not in log
