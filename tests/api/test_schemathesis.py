"""Schemathesis over the whole OpenAPI document: no request, valid or not, gets a server error.

Every operation of `/api/v1/openapi.json` is fuzzed as HR and as an employee, with
valid (positive) and invalid (negative) data, a fixed seed and a bounded number of
examples, inside the rolled-back test database like any other test. The checks run
on each response are listed once, in CHECKS: a later step switches on every check
there. SCHEMATHESIS_MAX_EXAMPLES (default below) trades depth for time.
"""

import contextvars
import os

import pytest
import schemathesis
from flask.globals import _cv_app
from hypothesis import HealthCheck, Phase, given, seed, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from eximpact.auth.services import issue_personal_token
from eximpact.extensions import db
from tests.factories import PersonFactory, TeamFactory

CHECKS = [not_a_server_error]
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "8"))
SEED = 20261203
PERSONAS = {"hr": ["hr"], "employee": []}


def isolated(app):
    """The app as WSGI, each request in a fresh context, as IsolatedClient does (conftest)."""

    def wsgi(environ, start_response):
        def in_fresh_context():
            _cv_app.set(None)
            body = app(environ, start_response)
            try:
                return list(body)  # read inside the request's context (streamed CSV)
            finally:
                getattr(body, "close", lambda: None)()

        return contextvars.copy_context().run(in_fresh_context)

    return wsgi


def fuzz_operation(operation, mode: GenerationMode, headers: dict) -> None:
    @seed(SEED)
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=False,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS)

    run()


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_no_api_operation_answers_a_server_error(app, persona):
    person = PersonFactory(roles=PERSONAS[persona], team=TeamFactory())
    PersonFactory(manager=person, team=person.team)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", isolated(app))
    failures = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 30  # the whole document, not a corner of it
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            # A fresh token each time: DELETE /auth/token revokes the one it is sent with.
            _, token = issue_personal_token(person, "schemathesis", None)
            db.session.flush()
            headers = {"Authorization": f"Bearer {token}"}
            try:
                fuzz_operation(operation, mode, headers)
            except Exception as error:  # collect every operation's failure, then report all
                failures.append(f"{operation.label} [{mode.value}]: {error}")
    assert not failures, "\n\n".join(failures)
