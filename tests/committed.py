"""Helpers for races: tests that commit for real on the `committed_app` fixture (conftest).

Concurrency (two deliveries, two reviewers at the same moment) needs real
transactions on several connections; the rolled-back test database cannot show it.
Such tests are `postgres_only`.
"""

import threading
import uuid

from eximpact.auth.services import issue_personal_token
from eximpact.extensions import db


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def commit_rows(app, make):
    """Run `make()` in the app, commit, and return the ids of what it returned."""
    with app.app_context():
        rows = make()
        db.session.commit()
        return [row.id for row in rows]


def token_for(app, person_id: int) -> str:
    from eximpact.org.models import Person

    with app.app_context():
        _, plain = issue_personal_token(db.session.get(Person, person_id), "race", None)
        db.session.commit()
        return plain


def at_the_same_moment(*calls):
    """Run each call in its own thread, started together; return their results in order."""
    results = [None] * len(calls)
    errors = []

    def run(index, call):
        try:
            results[index] = call()
        except Exception as error:  # the test asserts there were none
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return results


def first_call_waits_for_the_other(monkeypatch, owner, name: str, parties: int = 2):
    """Patch `owner.name` so each thread's first call returns, then waits for the others.

    This makes the race certain instead of likely: every request has read the state
    before any of them writes.
    """
    original = getattr(owner, name)
    barrier = threading.Barrier(parties, timeout=15)
    seen = threading.local()

    def waiting(*args, **kwargs):
        result = original(*args, **kwargs)
        if not getattr(seen, "waited", False):
            seen.waited = True
            barrier.wait()
        return result

    monkeypatch.setattr(owner, name, waiting)


def run_concurrently(app, *actions):
    """Run each action in its own thread, app context and session, released at the same moment.

    Returns what each returned or raised, in order.
    """
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        with app.app_context():
            try:
                barrier.wait(timeout=10)
                results[index] = action()
                db.session.commit()
            except Exception as error:
                db.session.rollback()
                results[index] = error
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results
