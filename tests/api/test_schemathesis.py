"""The OpenAPI document is the truth: schemathesis, with every check, finds nothing to report.

The app serves the demo organisation from a database of its own (real commits) on a
local port; schemathesis reads /api/v1/openapi.json and tries every operation as HR
and as an employee, with a fixed seed and a bounded number of examples, in all its
phases (examples, coverage, fuzzing, stateful). The checks are listed once, below;
schemathesis.toml says why a 422 from a service's rule counts as an answer, and
schemathesis_hooks.py adds the check that the parser never refuses what the document
allows. `DELETE /auth/token` is left out: it would sign the run out halfway.
"""

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from config import PROJECT_ROOT
from eximpact import create_app
from eximpact.auth.services import issue_session_token
from eximpact.demo import load_demo
from eximpact.extensions import db
from eximpact.org.models import Person
from tests.conftest import config_for

HERE = Path(__file__).parent
CHECKS = "all"  # not_a_server_error, status_code_conformance, content_type_conformance,
# response_schema_conformance, positive_data_acceptance, negative_data_rejection, … and ours
MAX_EXAMPLES = 8
SEED = 20261203
WEBHOOK_SECRET = "schemathesis-webhook-secret"


@pytest.fixture(scope="module")
def served(committed_database):
    """The demo organisation served on 127.0.0.1 by a werkzeug server in a thread."""
    app = create_app(config_for(committed_database, PRAISE_WEBHOOK_SECRET=WEBHOOK_SECRET))
    with app.app_context():
        load_demo()
        db.session.commit()
        tokens = {}
        for persona in ("hr", "employee"):
            person = db.session.scalar(
                select(Person).where(Person.email == f"{persona}@example.com")
            )
            tokens[persona] = issue_session_token(person)[1]
        db.session.commit()
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", tokens
    finally:
        server.shutdown()
        thread.join(timeout=10)
        with app.app_context():
            _empty(app)


def _empty(app) -> None:
    from sqlalchemy import text

    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            names = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            connection.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
    db.engine.dispose()


@pytest.mark.parametrize("persona", ["hr", "employee"])
def test_schemathesis_with_every_check_finds_no_failure(served, persona, tmp_path):
    """Every operation, every check, as HR and as an employee: 0 failures."""
    url, tokens = served
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "--config-file",
        str(HERE / "schemathesis.toml"),
        "run",
        f"{url}/api/v1/openapi.json",
        "--checks",
        CHECKS,
        "--header",
        f"Authorization: Bearer {tokens[persona]}",
        "--exclude-operation-id",
        "revoke_token",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        str(SEED),
        "--no-color",
        "--report-dir",
        str(tmp_path),
    ]
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(PROJECT_ROOT),
        "SCHEMATHESIS_HOOKS": "tests.api.schemathesis_hooks",
        "HOME": str(tmp_path),
    }
    run = subprocess.run(  # noqa: S603 (our own schemathesis, fixed arguments)
        command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stdout[-20000:] + run.stderr[-5000:]
