"""gunicorn's access log without the requests that would put a time beside an answer.

Answers are stored with no person and no time (INSIGHT.md); an access-log line
"POST /pulse/rounds/7/answer" at 10:42 from one address would add both back. So the
answer's POST (page and API) is never written, nor the invitation link's GET, whose
path holds the person's token. Every other request is logged as usual.
`gunicorn.conf.py` names this class; `make run` and the served tests use that file.
"""

import re

from gunicorn.glogging import Logger

UNLOGGED = (
    ("POST", re.compile(r"/pulse/rounds/[^/]+/answer/?")),
    ("POST", re.compile(r"/api/v1/pulse/rounds/[^/]+/responses/?")),
    ("GET", re.compile(r"/pulse/answer/[^/]+/?")),
)


def unlogged(method: str, path: str) -> bool:
    """True for the requests whose line must not reach the access log."""
    return any(method == m and pattern.fullmatch(path) for m, pattern in UNLOGGED)


class AccessLog(Logger):
    """gunicorn's logger, leaving out the answer requests (see the module docstring)."""

    def access(self, resp, req, environ, request_time):
        if unlogged(environ.get("REQUEST_METHOD", ""), environ.get("PATH_INFO", "")):
            return
        super().access(resp, req, environ, request_time)
