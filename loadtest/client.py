"""What a load user needs to talk to the app: sign-in, bearer tokens, forms, signatures."""

import hashlib
import hmac
import re
import time
from html.parser import HTMLParser

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def loopback_cookies(client) -> None:
    """Production cookies are Secure; on loopback, where the TLS proxy would sit, send them.

    requests copies the jar into a default one for each request, so a cookie policy would
    be lost: the flag is dropped from the stored cookies after every answer instead.
    """
    send = client.request

    def request(*args, **kwargs):
        response = send(*args, **kwargs)
        for cookie in client.cookies:
            cookie.secure = False
        return response

    client.request = request


def csrf_token(html: str) -> str:
    match = CSRF.search(html)
    if not match:
        raise RuntimeError("No CSRF token on the page.")
    return match.group(1)


def web_sign_in(client, email: str, password: str) -> None:
    loopback_cookies(client)
    page = client.get("/sign-in", name="/sign-in")
    response = client.post(
        "/sign-in",
        data={"csrf_token": csrf_token(page.text), "email": email, "password": password},
        allow_redirects=False,
        name="/sign-in [POST]",
    )
    if response.status_code != 302:
        raise RuntimeError(f"Sign-in of {email} answered {response.status_code}.")


def bearer(client, email: str, password: str) -> dict:
    response = client.post(
        "/api/v1/auth/token", json={"email": email, "password": password}, name="/api/v1/auth/token"
    )
    if response.status_code != 201:
        raise RuntimeError(f"Token for {email} answered {response.status_code}.")
    return {"Authorization": f"Bearer {response.json()['token']}"}


def webhook_headers(secret: str, body: bytes) -> dict:
    stamp = str(int(time.time()))
    digest = hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return {
        "Content-Type": "application/json",
        "X-EXImpact-Timestamp": stamp,
        "X-EXImpact-Signature": f"sha256={digest}",
    }


class FormFields(HTMLParser):
    """Inputs and selected options of a page, by name (the timesheet grid's cells)."""

    def __init__(self, html: str):
        super().__init__()
        self.values: dict[str, str] = {}
        self._select: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name"):
            self.values[attrs["name"]] = attrs.get("value") or ""
        elif tag == "select":
            self._select = attrs.get("name")
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def timesheet_grid(html: str) -> tuple[dict, dict[int, dict[int, str]]]:
    """The form's fields, and {project id: {day index: entry id}} of the stored cells."""
    fields = FormFields(html).values
    grid: dict[int, dict[int, str]] = {}
    for r in range(int(fields.get("rows") or 0)):
        project = fields.get(f"r{r}-project")
        if project and project.isdigit():
            cells = grid.setdefault(int(project), {})
            for d in range(7):
                if entry := fields.get(f"r{r}-d{d}-entry"):
                    cells[d] = entry
    return fields, grid
