"""Concurrent writes through a served app: writers wait their turn, nothing is lost."""

import json
import threading
import urllib.error
import urllib.request

from sqlalchemy import func, select

from eximpact.extensions import db
from eximpact.praise.models import Praise
from tests.committed import commit_rows, token_for, unique
from tests.factories import PersonFactory

THREADS = 8
WRITES_PER_THREAD = 25


def post_json(url: str, token: str, body: dict) -> int:
    request = urllib.request.Request(  # noqa: S310 (loopback)
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_eight_threads_of_25_praise_posts_are_all_stored_once(committed_app, served_app):
    """8 threads × 25 POST /api/v1/praise on `make run`'s setup: no errors, each stored once."""
    logger_id, praised_id = commit_rows(committed_app, lambda: PersonFactory.create_batch(2))
    token = token_for(committed_app, logger_id)
    run = unique("race")
    statuses: list[int] = []
    lock = threading.Lock()

    def writer(thread: int) -> None:
        for n in range(WRITES_PER_THREAD):
            status = post_json(
                served_app.url + "/api/v1/praise",
                token,
                {
                    "source": "survey",
                    "text": f"Thread {thread} write {n} was brilliant",
                    "employee_ids": [praised_id],
                    "external_id": f"{run}-{thread}-{n}",
                },
            )
            with lock:
                statuses.append(status)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    assert statuses.count(201) == THREADS * WRITES_PER_THREAD, sorted(set(statuses))
    with committed_app.app_context():
        stored = db.session.execute(
            select(Praise.external_id, func.count())
            .where(Praise.external_id.like(f"{run}-%"))
            .group_by(Praise.external_id)
        ).all()
    assert len(stored) == THREADS * WRITES_PER_THREAD
    assert {count for _, count in stored} == {1}
