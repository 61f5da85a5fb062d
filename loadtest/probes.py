"""A probe after the load: the rate limiter's counters are shared through Redis.

Failed sign-ins are spread over the four workers (a new connection each); only counters
kept in the shared store add up to the limit, so the attempt past it must get 429.
"""

import json
import urllib.error
import urllib.request

from loadtest.servers import HOST


def sign_in_failures_are_shared(port: int, limit: int = 10) -> tuple[bool, list[int]]:
    body = json.dumps({"email": "nobody.loadtest@example.com", "password": "wrong"}).encode()
    statuses = []
    for _ in range(limit + 2):
        request = urllib.request.Request(
            f"http://{HOST}:{port}/api/v1/auth/token",
            data=body,
            method="POST",
            headers={"Content-Type": "application/json", "Connection": "close"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                statuses.append(response.status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)
    return statuses[:limit] == [401] * limit and statuses[limit:] == [429, 429], statuses
