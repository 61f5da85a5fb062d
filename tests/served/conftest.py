"""A real gunicorn serving the app from a subprocess, as `make run` does (1 worker × 4 threads).

It serves the `committed_database` (on SQLite a file of its own, on PostgreSQL a
database of its own), so what a request commits is really committed.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from config import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Served:
    def __init__(self, url: str, log: Path):
        self.url = url
        self.log = log


@pytest.fixture
def served_app(committed_app, tmp_path):
    """`gunicorn --workers 1 --threads 4` on 127.0.0.1, stopped (and waited for) after the test."""
    port = free_port()
    env = {
        **os.environ,
        "EXIMPACT_ENV": "development",
        "DATABASE_URL": committed_app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": committed_app.config["SECRET_KEY"],  # links made in the test verify
        "EXIMPACT_INSTANCE_PATH": str(tmp_path),
        "EXIMPACT_TRUSTED_HOSTS": "127.0.0.1",
    }
    log = tmp_path / "access.log"
    errors = (tmp_path / "error.log").open("wb")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(  # noqa: S603 (our own gunicorn, fixed arguments)
        [
            str(gunicorn),
            "--workers=1",
            "--threads=4",
            f"--bind=127.0.0.1:{port}",
            f"--access-logfile={log}",
            "eximpact:create_app()",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=errors,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process, tmp_path / "error.log")
        yield Served(url, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:  # pragma: no cover - a hung worker
            process.kill()
            process.wait()
        errors.close()


def _wait_until_up(url: str, process: subprocess.Popen, errors: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped: " + errors.read_text()[-2000:])
        try:
            urllib.request.urlopen(url + "/sign-in", timeout=2)  # noqa: S310 (loopback)
            return
        except OSError:  # refused, reset or timed out while gunicorn starts
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within 30 s")
