"""The servers the load test starts, each stopped whatever happens (see `Stack`).

Everything listens on 127.0.0.1 only. Child processes get SIGTERM when this process
dies (PR_SET_PDEATHSIG), so even a killed run leaves nothing behind.
"""

import ctypes
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from aiosmtpd.controller import Controller

HOST = "127.0.0.1"
PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def wait_for_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"Nothing answered on {HOST}:{port} within {timeout:.0f} s.")


def free_port(start: int, end: int) -> int:
    for port in range(start, end + 1):
        with socket.socket() as sock:
            if sock.connect_ex((HOST, port)) != 0:
                return port
    raise RuntimeError(f"No free port in {start}–{end}.")


class Stack:
    """Processes started in order, stopped in reverse order by `close()` (always called)."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.processes: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, args: list[str], env: dict | None = None) -> subprocess.Popen:
        log = open(self.workdir / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(  # noqa: S603 (our own fixed command lines)
            args, stdout=log, stderr=subprocess.STDOUT, env=env, preexec_fn=_die_with_parent
        )
        log.close()
        self.processes.append((name, process))
        return process

    def close(self) -> None:
        for _name, process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for _name, process in reversed(self.processes):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()

    def errors_logged(self, name: str, most: int = 20) -> str:
        """Each traceback the app logged ("Unhandled error on …") as its time, route and error."""
        path = self.workdir / f"{name}.log"
        text = path.read_text(errors="replace").splitlines() if path.exists() else []
        found = []
        for i, line in enumerate(text):
            if "Unhandled error" in line:
                rest = text[i + 1 : i + 200]
                end = next((j for j, x in enumerate(rest) if x.startswith("[")), len(rest))
                error = next((x for x in reversed(rest[:end]) if x and not x[0].isspace()), "")
                found.append(f"{line}\n    {error[:300]}")
        return "\n".join(found[-most:])

    def log_tail(self, name: str, lines: int = 30) -> str:
        path = self.workdir / f"{name}.log"
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def require_free(port: int) -> None:
    """A fixed port already taken would let us talk to someone else's server: refuse."""
    with socket.socket() as sock:
        if sock.connect_ex((HOST, port)) == 0:
            raise RuntimeError(f"{HOST}:{port} is already in use; stop what listens there.")


def start_redis(stack: Stack, port: int) -> None:
    require_free(port)
    stack.start(
        "redis",
        [
            "redis-server",
            "--bind",
            HOST,
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(stack.workdir),
        ],
    )
    wait_for_port(port)


def start_gunicorn(stack: Stack, port: int, env: dict, workers: int, threads: int):
    process = stack.start(
        "gunicorn",
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--bind",
            f"{HOST}:{port}",
            "--graceful-timeout",
            "5",
            "--timeout",
            "60",
            # Longer than any user sits idle: with gunicorn's 2 s, a user reusing a connection
            # just as the server drops it sees a reset that no server fault caused (a proxy
            # in front hides this in production).
            "--keep-alive",
            "300",
            "--no-control-socket",
            "eximpact:create_app()",
        ],
        env=env,
    )
    wait_for_port(port, timeout=60)
    return process


def worker_pids(master: subprocess.Popen) -> list[int]:
    """The gunicorn master's children, from /proc (no extra tools needed)."""
    path = Path(f"/proc/{master.pid}/task/{master.pid}/children")
    return [int(pid) for pid in path.read_text().split()] if path.exists() else []


class Mailbox:
    """A real SMTP server (aiosmtpd) that counts every outbox message it receives."""

    OUTBOX_ID = re.compile(rb"Message-ID:\s*<[^>]*outbox-(\d+)@", re.IGNORECASE)

    def __init__(self, port: int):
        self.port = port
        self.received: Counter[int] = Counter()
        self.other = 0
        self._lock = threading.Lock()
        self._controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope):
        match = self.OUTBOX_ID.search(envelope.original_content or envelope.content)
        with self._lock:
            if match:
                self.received[int(match.group(1))] += 1
            else:
                self.other += 1
        return "250 OK"

    def up(self) -> None:
        self._controller = Controller(self, hostname=HOST, port=self.port)
        self._controller.start()

    def down(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


def flask_command(args: list[str], env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    flask = str(Path(sys.executable).with_name("flask"))
    return subprocess.run(  # noqa: S603
        [flask, "--app", "eximpact:create_app", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


class Postgres:
    """The throw-away server of `.ci/with-postgres`, which tells us where it lives."""

    def __init__(self):
        self.bindir = os.environ.get("EXIMPACT_PG_BINDIR")
        self.datadir = os.environ.get("EXIMPACT_PG_DATADIR")
        if not (self.bindir and self.datadir):
            raise RuntimeError("Run under .ci/with-postgres (it sets EXIMPACT_PG_*).")

    def restart(self) -> None:
        as_pg = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        subprocess.run(  # noqa: S603
            [
                *as_pg,
                f"{self.bindir}/pg_ctl",
                "-D",
                f"{self.datadir}/data",
                "-m",
                "fast",
                "-l",
                f"{self.datadir}/server.log",
                "-w",
                "restart",
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
