"""`python -m loadtest` (run by `make loadtest` under `.ci/with-postgres`).

Order: Redis, SMTP, migrate and seed, gunicorn, Locust with the faults beside it, the
outbox sent for real, the checks, one summary line. Whatever happens, everything started
here is stopped and its folder removed (`finally`, and SIGTERM/SIGINT turned into exits).
"""

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from loadtest.ledger import load
from loadtest.report import figures, summary_line
from loadtest.servers import (
    HOST,
    Mailbox,
    Postgres,
    Stack,
    flask_command,
    free_port,
    start_gunicorn,
    start_redis,
)

ROOT = Path(__file__).resolve().parent.parent
SECONDS = int(os.environ.get("LOADTEST_SECONDS") or 60)
USERS = 50
WORKERS, THREADS = 4, 8
REDIS_PORT, SMTP_PORT = 6391, 2525


def _exit_on_signal(signum, _frame):
    raise SystemExit(128 + signum)


def environment(workdir: Path, app_port: int) -> dict:
    """The production settings; set here before `eximpact` (and config.py) is imported."""
    if "TEST_DATABASE_URL" not in os.environ:
        raise SystemExit("loadtest: run it as `make loadtest` (it needs .ci/with-postgres).")
    env = dict(os.environ)
    env.update(
        EXIMPACT_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(48),
        DATABASE_URL=os.environ["TEST_DATABASE_URL"],
        RATELIMIT_STORAGE_URI=f"redis://{HOST}:{REDIS_PORT}",
        MAIL_SERVER=HOST,
        MAIL_PORT=str(SMTP_PORT),
        MAIL_TIMEOUT="5",
        EXIMPACT_PRAISE_WEBHOOK_SECRET=secrets.token_urlsafe(32),
        EXIMPACT_INSTANCE_PATH=str(workdir / "instance"),
        EXIMPACT_BASE_URL=f"http://{HOST}:{app_port}",
        FLASK_APP="eximpact:create_app",
        PYTHONPATH=str(ROOT),
    )
    os.environ.update(env)
    return env


def seed_organisation(env: dict, workdir: Path) -> Path:
    for args in (["db", "upgrade"], ["seed", "demo"]):
        result = flask_command(args, env, timeout=300)
        if result.returncode:
            raise RuntimeError(f"flask {' '.join(args)} failed:\n{result.stderr[-2000:]}")
    from eximpact import create_app
    from eximpact.extensions import db
    from loadtest.seed import seed

    app = create_app()
    with app.app_context():
        setup = seed()
        db.session.commit()
    path = workdir / "setup.json"
    path.write_text(json.dumps(setup))
    return path


def wait_until_everyone_is_in(locust, ready: Path, timeout: float = 180) -> float:
    """Signing 50 people in (a slow hash by design) is the ramp-up, not the measured load."""
    deadline = time.monotonic() + timeout
    while not ready.exists():
        if locust.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("Not every load user could sign in.")
        time.sleep(0.1)
    time.sleep(0.05)  # the file is written in one go; let the write finish
    return float(ready.read_text())


def drive(stack: Stack, env: dict, port: int, setup: Path, ledger: Path, ready: Path):
    env = dict(
        env,
        LOADTEST_SETUP=str(setup),
        LOADTEST_LEDGER=str(ledger),
        LOADTEST_READY=str(ready),
        LOADTEST_USERS=str(USERS),
        LOADTEST_SECONDS=str(SECONDS),
        LOADTEST_WEBHOOK_SECRET=env["EXIMPACT_PRAISE_WEBHOOK_SECRET"],
    )
    return stack.start(
        "locust",
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "loadtest" / "users.py"),
            "--headless",
            "--users",
            str(USERS),
            "--spawn-rate",
            str(USERS),
            "--run-time",  # a bound only: the load stops SECONDS after everyone signed in
            f"{SECONDS + 180}s",
            "--stop-timeout",
            "15",
            "--host",
            f"http://{HOST}:{port}",
            "--only-summary",
            "--exit-code-on-error",
            "0",
            "--loglevel",
            "WARNING",
        ],
        env=env,
    )


def send_outbox_twice_at_once(env: dict) -> None:
    """Once every message is due again, two senders share the queue (SKIP LOCKED), then one."""
    from sqlalchemy import func, select

    from eximpact.extensions import db, utcnow
    from eximpact.notifications.models import OutboxMessage

    latest = db.session.scalar(
        select(func.max(OutboxMessage.next_attempt_at)).where(OutboxMessage.sent_at.is_(None))
    )
    db.session.rollback()
    if latest is not None:
        time.sleep(max(0.0, (latest - utcnow()).total_seconds()) + 1)
    threads = [
        threading.Thread(target=flask_command, args=(["outbox", "send"], env)) for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    flask_command(["outbox", "send"], env)


def main() -> int:
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, _exit_on_signal)
    workdir = Path(tempfile.mkdtemp(prefix="eximpact-loadtest."))
    stack = Stack(workdir)
    mailbox = Mailbox(SMTP_PORT)
    try:
        port = free_port(5201, 5299)
        env = environment(workdir, port)
        postgres = Postgres()
        start_redis(stack, REDIS_PORT)
        mailbox.up()
        setup = seed_organisation(env, workdir)
        gunicorn = start_gunicorn(stack, port, env, WORKERS, THREADS)
        print(
            f"Driving {USERS} users for {SECONDS} s against gunicorn "
            f"({WORKERS} workers × {THREADS} threads) on {HOST}:{port}",
            flush=True,
        )

        from loadtest.faults import Faults

        faults = Faults(SECONDS, gunicorn, WORKERS, postgres, mailbox, env)
        ledger_path = workdir / "ledger.json"
        ready = workdir / "ready"
        locust = drive(stack, env, port, setup, ledger_path, ready)
        started = wait_until_everyone_is_in(locust, ready)
        print(
            f"  everyone signed in; the {SECONDS} s clock started at "
            f"{time.strftime('%H:%M:%S', time.localtime(started))}"
        )
        injector = faults.run(started)
        locust.wait(timeout=SECONDS + 120)
        ended = started + SECONDS
        injector.join(timeout=300)
        if not ledger_path.exists():
            print(stack.log_tail("locust"), file=sys.stderr)
            raise RuntimeError("Locust wrote no ledger.")

        from eximpact import create_app
        from eximpact.extensions import db
        from loadtest.checks import check_all
        from loadtest.probes import sign_in_failures_are_shared

        shared, statuses = sign_in_failures_are_shared(port)

        app = create_app()
        with app.app_context():
            send_outbox_twice_at_once(env)
            ledger = load(ledger_path)
            verdict = check_all(ledger, mailbox.received, faults.outbox_down)
            if not shared:
                verdict.add("breaks", f"sign-in failures not counted across workers: {statuses}")
            db.session.rollback()
        numbers = figures(ledger["requests"], faults.windows, started, ended)
        for note in faults.problems + verdict.notes + numbers.notes:
            print(f"  {note}", flush=True)
        print(summary_line(numbers, verdict), flush=True)
        failed = faults.problems or verdict.lost or verdict.duplicated or verdict.breaks
        if failed or numbers.server_errors:  # the logs go with the folder: show their ends
            print(
                f"--- errors the app logged ---\n{stack.errors_logged('gunicorn')}", file=sys.stderr
            )
            for name in ("gunicorn", "locust"):
                print(f"--- end of the {name} log ---\n{stack.log_tail(name, 40)}", file=sys.stderr)
        return 1 if failed or numbers.server_errors else 0
    finally:
        mailbox.down()
        stack.close()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except subprocess.CalledProcessError as error:
        print(f"loadtest: {error} {error.stderr!r}", file=sys.stderr)
        sys.exit(2)
