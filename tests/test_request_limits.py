"""Request size and Host: a body past the cap is a 413 read by nobody; an unknown Host is a 400."""

import io
import json
import os
import subprocess
import sys

import pytest
from werkzeug.test import encode_multipart

from config import PROJECT_ROOT
from tests.factories import PersonFactory

MIB = 1024 * 1024


class UnreadableInput(io.RawIOBase):
    """A request body that counts what the app reads of it."""

    def __init__(self):
        self.bytes_read = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        size = min(len(buffer), 64 * 1024)
        buffer[:size] = b" " * size
        self.bytes_read += size
        return size


def call_with_declared_length(app, path: str, length: int, content_type="application/json"):
    """Send a request that announces `length` bytes; return (status, body, bytes the app read)."""
    body = UnreadableInput()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "HTTP_HOST": "localhost",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(length),
        "wsgi.input": body,
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
    }
    status = []
    chunks = app.wsgi_app(environ, lambda s, headers, exc_info=None: status.append(s))
    text = b"".join(chunks).decode()
    return int(status[0].split()[0]), text, body.bytes_read


def test_a_2_mib_api_body_is_a_413_with_the_api_error_body(client):
    response = client.post(
        "/api/v1/auth/token", data=b"{" + b" " * (2 * MIB) + b"}", content_type="application/json"
    )
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "payload_too_large"
    assert "1,024 KiB" in response.get_json()["error"]["message"]


def test_a_100_mib_token_request_is_refused_without_reading_the_body(app):
    """The rate limiter's key function must not parse an oversized JSON body either."""
    status, text, read = call_with_declared_length(app, "/api/v1/auth/token", 100 * MIB)
    assert status == 413
    assert json.loads(text)["error"]["code"] == "payload_too_large"
    assert read == 0


def test_an_oversized_token_request_is_a_413_unread_even_once_the_address_is_limited(
    app, client, person
):
    app.config["SIGN_IN_FAILURE_LIMIT"] = "2 per minute"
    for _ in range(3):
        client.post("/api/v1/auth/token", json={"email": person.email, "password": "wrong-one!!"})
    assert client.post("/api/v1/auth/token", json={"email": "x@example.com"}).status_code == 429
    status, _, read = call_with_declared_length(app, "/api/v1/auth/token", 100 * MIB)
    assert (status, read) == (413, 0)


def test_a_body_just_under_the_cap_is_read_as_usual(client):
    body = json.dumps({"email": "nobody@example.com", "password": "x" * (MIB - 100)})
    response = client.post("/api/v1/auth/token", data=body, content_type="application/json")
    assert response.status_code in (401, 422)


def test_an_oversized_form_on_a_page_gets_a_friendly_413_page(client):
    response = client.post("/sign-in", data={"email": "a@example.com", "password": "x" * 2 * MIB})
    assert response.status_code == 413
    assert "text/html" in response.content_type
    assert "That request is too large" in response.get_data(as_text=True)


def test_the_csv_upload_pages_take_files_up_to_10_mib(app, client, auth):
    hr = PersonFactory(roles=["hr"])
    auth.login(hr)
    people = b"name,email\n" + b"".join(
        f"Person {n},person{n}@example.com\n".encode() for n in range(60_000)
    )
    assert MIB < len(people) < 10 * MIB
    # Encoded here: the test client would spool a body this size to a file it never closes.
    boundary, body = encode_multipart({"people_file": (io.BytesIO(people), "people.csv")})
    response = client.post(
        "/org/import", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code != 413
    status, _, read = call_with_declared_length(
        app, "/org/import", 11 * MIB, "multipart/form-data; boundary=x"
    )
    assert (status, read) == (413, 0)


def _config_value(expression: str, **env) -> str:
    """Evaluate `expression` on a freshly imported config.py with `env` set."""
    result = subprocess.run(  # noqa: S603 (our own interpreter, fixed code)
        [sys.executable, "-c", f"import config; print({expression})"],
        cwd=PROJECT_ROOT,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("EXIMPACT_")}, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_the_body_cap_is_configurable_from_the_environment():
    assert _config_value("config.Config.MAX_CONTENT_LENGTH") == str(MIB)
    value = _config_value("config.Config.MAX_CONTENT_LENGTH", EXIMPACT_MAX_CONTENT_LENGTH="2048")
    assert value == "2048"


def test_the_base_url_defaults_to_where_make_run_serves():
    assert _config_value("config.Config.BASE_URL", PORT="5123") == "http://127.0.0.1:5123"


def test_trusted_hosts_come_from_the_configuration():
    hosts = _config_value(
        "config.Config.TRUSTED_HOSTS", EXIMPACT_TRUSTED_HOSTS="ex.example.org, 127.0.0.1"
    )
    assert hosts == "['ex.example.org', '127.0.0.1']"


@pytest.mark.parametrize("path", ["/sign-in", "/api/v1/openapi.json"])
def test_an_unknown_host_is_a_400(client, path):
    assert client.get(path, headers={"Host": "evil.example"}).status_code == 400
    assert client.get(path, headers={"Host": "127.0.0.1:5101"}).status_code == 200
