"""The faults injected during the load, each with the window in which it may cut requests.

A window runs from the moment the fault starts until the system is whole again (the
worker respawned, PostgreSQL accepting connections) plus a short grace. Requests that
fail inside a window are counted apart; a server error outside every window fails the run.
"""

import os
import re
import signal
import threading
import time
from dataclasses import dataclass, field

from loadtest.servers import Mailbox, Postgres, flask_command, worker_pids

GRACE = 1.5  # seconds after recovery in which a request may still carry the fault


@dataclass
class Faults:
    seconds: int
    gunicorn: object
    workers: int
    postgres: Postgres
    mailbox: Mailbox
    env: dict
    windows: list[tuple[str, float, float]] = field(default_factory=list)
    outbox_down: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def run(self, started: float) -> threading.Thread:
        thread = threading.Thread(target=self._schedule, args=(started,), daemon=True)
        thread.start()
        return thread

    def _at(self, started: float, share: float) -> None:
        time.sleep(max(0.0, started + share * self.seconds - time.time()))

    def _schedule(self, started: float) -> None:
        """The request faults first, then the mail fault (a CLI run, which may outlast the load)."""
        for share, fault in (
            (0.3, self.restart_postgres),
            (0.5, self.kill_worker),
            (0.65, self.smtp_down_while_sending),
        ):
            try:
                self._at(started, share)
                fault()
            except Exception as error:  # reported, and it fails the run
                self.problems.append(f"fault injection failed: {error!r}")

    def smtp_down_while_sending(self) -> None:
        """`flask outbox send` with the SMTP server down: every message must stay queued."""
        self.mailbox.down()
        try:
            result = flask_command(["outbox", "send"], self.env)
        finally:
            self.mailbox.up()
        match = re.search(r"Sent (\d+), failed (\d+)", result.stdout)
        self.outbox_down = {
            "exit": result.returncode,
            "sent": int(match.group(1)) if match else None,
            "failed": int(match.group(2)) if match else None,
            "output": (result.stdout + result.stderr).strip()[-500:],
        }

    def kill_worker(self) -> None:
        """`kill -9` of one gunicorn worker; the master starts a new one."""
        before = worker_pids(self.gunicorn)
        if not before:
            raise RuntimeError("gunicorn has no workers to kill")
        victim = before[0]
        start = time.time()
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            now = worker_pids(self.gunicorn)
            if len(now) >= self.workers and victim not in now:
                break
            time.sleep(0.05)
        else:
            raise RuntimeError("the killed worker was not replaced within 30 s")
        time.sleep(1.0)  # the new worker imports the app before it accepts
        self.windows.append(("worker killed", start, time.time() + GRACE))

    def restart_postgres(self) -> None:
        """One restart of PostgreSQL; pool_pre_ping lets every worker reconnect by itself."""
        start = time.time()
        self.postgres.restart()
        self.windows.append(("postgres restarted", start, time.time() + GRACE))
