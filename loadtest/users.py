"""The load's people (a Locust file): who reads what, who writes what, and the races.

Every write goes in the ledger before it is sent and gets its answer after; the two
decisions on one item are sent at the same moment from two greenlets, as two managers
clicking together would. `LOADTEST_SETUP` names the seed's JSON, `LOADTEST_LEDGER`
where the ledger is written when Locust quits.
"""

import json
import os
import random
import time
import uuid
from collections import defaultdict, deque
from datetime import UTC, date, timedelta
from pathlib import Path

import gevent
from locust import HttpUser, between, events, task

from eximpact import clock
from loadtest.client import bearer, timesheet_grid, web_sign_in, webhook_headers
from loadtest.ledger import ACKED, Ledger, outcome

SETUP = json.loads(Path(os.environ["LOADTEST_SETUP"]).read_text())
SECRET = os.environ["LOADTEST_WEBHOOK_SECRET"]
ZONE = clock.zone(os.environ.get("EXIMPACT_TIMEZONE") or clock.DEFAULT_TIMEZONE)
LEDGER = Ledger()
POOLS = defaultdict(deque)
for _email, _p in sorted(SETUP["personas"].items()):
    POOLS[_p["kind"]].append(_email)
LOAD_PEOPLE = [p["id"] for p in SETUP["personas"].values()]
MANAGER_OF = {p["id"]: p["manager"] for p in SETUP["personas"].values()}
SUBMITTED_ENTRIES: deque = deque()  # (entry id, the person's manager)
SUBMITTED_NOMINATIONS: deque = deque()  # (nomination id, the nominee's manager)
APPROVED_NOMINATIONS: deque = deque()
GOOD_HOURS = ["0.5", "1", "1.25", "2", "2:30", "3", "4"]


@events.request.add_listener
def _on_request(request_type, name, response_time, response, start_time=None, **_kw):
    status = getattr(response, "status_code", 0) or 0
    LEDGER.request(start_time or 0.0, response_time / 1000, status, f"{request_type} {name}")


RUNNER = []
SIGNED_IN = []


@events.init.add_listener
def _on_init(environment, **_kw):
    RUNNER.append(environment)


def signed_in() -> None:
    """Once everyone is in, the clock starts: faults are timed from it, the load stops after."""
    SIGNED_IN.append(True)
    if len(SIGNED_IN) == int(os.environ["LOADTEST_USERS"]):
        Path(os.environ["LOADTEST_READY"]).write_text(repr(time.time()))
        gevent.spawn_later(int(os.environ["LOADTEST_SECONDS"]), RUNNER[0].runner.quit)


@events.quitting.add_listener
def _on_quitting(**_kw):
    LEDGER.dump(Path(os.environ["LOADTEST_LEDGER"]))


def _today() -> date:
    """The organisation's today, as the server counts it (no app here to ask)."""
    return clock.now().replace(tzinfo=UTC).astimezone(ZONE).date()


def _hours(text: str) -> float:
    if ":" in text:
        h, m = text.split(":")
        return int(h) + int(m) / 60
    return float(text)


class Person(HttpUser):
    """A signed-in person of one kind from the seed, with a web session or a bearer token."""

    abstract = True
    wait_time = between(0.1, 0.6)
    kind = ""
    web = False

    def on_start(self):
        self.email = POOLS[self.kind].popleft() if self.kind else self.pick_email()
        POOLS[self.kind].append(self.email)  # more users than people: people are shared
        persona = SETUP["personas"].get(self.email, {})
        self.person_id = persona.get("id")
        for _attempt in range(30):  # a fault may cut the sign-in: the person tries again
            try:
                self._sign_in()
                return signed_in()
            except (RuntimeError, ValueError):
                gevent.sleep(1)
        raise RuntimeError(f"{self.email} could not sign in for 30 s")

    def _sign_in(self) -> None:
        if self.web:
            web_sign_in(self.client, self.email, SETUP["password"])
        elif self.email in SETUP["tokens"]:
            self.auth = {"Authorization": f"Bearer {SETUP['tokens'][self.email]}"}
        else:
            self.auth = bearer(self.client, self.email, SETUP["password"])

    def pick_email(self) -> str:
        raise NotImplementedError

    def api(self, method: str, path: str, name: str | None = None, **kw):
        return self.client.request(method, "/api/v1" + path, headers=self.auth, name=name, **kw)


class Timesheet(Person):
    """An ambassador saving the week's grid on the page, with typos and double clicks."""

    fixed_count = 14

    kind, web = "web", True

    @task(3)
    def save_week(self):
        page = self.client.get("/ambassadors/timesheet", name="/ambassadors/timesheet")
        fields, grid = timesheet_grid(page.text)
        week = date.fromisoformat(fields["week"])
        form = {"csrf_token": fields["csrf_token"], "week": fields["week"], "action": "save"}
        state, broken = {}, random.random() < 0.1
        projects = SETUP["projects"][:2]
        form["rows"] = str(len(projects))
        for r, project in enumerate(projects):
            form[f"r{r}-project"] = str(project)
            form[f"r{r}-note"] = form[f"r{r}-note-was"] = ""
            for d in range(7):
                day = week + timedelta(days=d)
                if entry := grid.get(project, {}).get(d):
                    form[f"r{r}-d{d}-entry"] = entry
                value = random.choice(["", *GOOD_HOURS]) if day <= _today() else ""
                form[f"r{r}-d{d}"] = value
                state[f"{project}:{day.isoformat()}"] = _hours(value) if value else None
        if broken:
            form["r0-d0"] = "25"  # over a day: the whole save is refused
        clicks = 2 if random.random() < 0.2 else 1  # a double click sends the form twice at once
        gevent.joinall([gevent.spawn(self._post_week, form, state, broken) for _ in range(clicks)])

    def _post_week(self, form: dict, state: dict, broken: bool):
        record = LEDGER.write("timesheet", person=self.email, week=form["week"], state=state)
        response = self.client.post(
            "/ambassadors/timesheet",
            data=form,
            allow_redirects=False,
            name="/ambassadors/timesheet [POST]",
        )
        LEDGER.answered(record, response, broken=broken)

    @task(2)
    def look_around(self):
        for path in random.sample(["/", "/ambassadors/entries", "/recognition/", "/praise/"], 2):
            self.client.get(path)


class TimeApi(Person):
    """An ambassador's tool sending batches of time entries, then submitting some."""

    fixed_count = 10

    kind = "api"

    def on_start(self):
        super().on_start()
        self.drafts: list[int] = []

    @task(4)
    def batch(self):
        items = [
            {
                "project_id": random.choice(SETUP["projects"]),
                "date": (_today() - timedelta(days=random.randint(1, 40))).isoformat(),
                "hours": random.choice([1, 2, 3, 4, 6, 8]),
                "note": f"lt-{uuid.uuid4().hex}",
            }
            for _ in range(random.randint(1, 4))
        ]
        if random.random() < 0.1:
            items[-1]["hours"] = 0  # one faulty item: nothing of the batch may be stored
        record = LEDGER.write("entries", person=self.email, items=items)
        response = self.api("POST", "/time-entries", json=items)
        ids = [i["id"] for i in response.json()["items"]] if response.status_code == 201 else []
        LEDGER.answered(record, response, ids=ids)
        self.drafts.extend(ids)
        if ids and random.random() < 0.5:
            self.submit()  # the week done: managers get something to decide early in the run

    @task(1)
    def submit(self):
        if not self.drafts:
            return
        ids, self.drafts = self.drafts[:3], self.drafts[3:]
        record = LEDGER.write("submit", person=self.email, ids=ids)
        response = self.api("POST", "/time-entries/submit", json={"ids": ids})
        LEDGER.answered(record, response)
        if outcome(response.status_code) == ACKED:
            SUBMITTED_ENTRIES.extend((i, MANAGER_OF[self.person_id]) for i in ids)

    @task(1)
    def read(self):
        self.api("GET", f"/time-entries?person_id={self.person_id}", name="/time-entries")


class PraiseApi(Person):
    """A colleague logging customer praise through the API, repeating some deliveries."""

    fixed_count = 5

    kind = "emp"

    def on_start(self):
        super().on_start()
        self.sent: list[dict] = []

    @task(4)
    def log_praise(self):
        if self.sent and random.random() < 0.2:
            body = random.choice(self.sent)  # a retry of something already stored
        else:
            body = {
                "source": random.choice(["survey", "email", "call", "chat"]),
                "text": f"Thank you for the patient help ({uuid.uuid4().hex[:8]})",
                "employee_ids": random.sample(LOAD_PEOPLE, random.randint(1, 2)),
                "nps": random.choice([9, 10, 11 if random.random() < 0.1 else 10]),
                "external_id": f"lt-api-{uuid.uuid4().hex}",
            }
        record = LEDGER.write("praise", external_id=body["external_id"], via="api")
        response = self.api("POST", "/praise", json=body)
        praise_id = response.json().get("id") if response.status_code in (200, 201) else None
        LEDGER.answered(record, response, id=praise_id)
        if praise_id:
            self.sent.append(body)

    @task(2)
    def read(self):
        self.api(
            "GET",
            random.choice(["/recognition/wall", "/recognition/leaderboard", "/praise", "/people"]),
        )


class Webhook(Person):
    """A survey tool delivering signed praise: repeats, and the same delivery twice at once."""

    fixed_count = 3

    kind = ""

    def on_start(self):
        self.sent: list[dict] = []
        signed_in()

    @task
    def deliver(self):
        roll = random.random()
        if self.sent and roll < 0.2:
            body = random.choice(self.sent)
        else:
            body = {
                "source": "survey",
                "text": f"Solved it in one call ({uuid.uuid4().hex[:8]})",
                "employee_emails": [random.choice(list(SETUP["personas"]))],
                "external_id": f"lt-hook-{uuid.uuid4().hex}",
            }
            self.sent.append(body)
        copies = 3 if roll > 0.75 else 1
        gevent.joinall([gevent.spawn(self._send, body) for _ in range(copies)])

    def _send(self, body: dict):
        raw = json.dumps(body).encode()
        record = LEDGER.write("praise", external_id=body["external_id"], via="webhook")
        response = self.client.post(
            "/api/v1/webhooks/praise", data=raw, headers=webhook_headers(SECRET, raw)
        )
        praise_id = response.json().get("id") if response.status_code in (200, 201) else None
        LEDGER.answered(record, response, id=praise_id)


class Nominator(Person):
    """Colleagues nominating peers (each of them in turn), until their allowance says no."""

    fixed_count = 8

    kind = "emp"

    @task
    def nominate(self):
        self.email = random.choice(POOLS["emp"])
        self.person_id = SETUP["personas"][self.email]["id"]
        self.auth = {"Authorization": f"Bearer {SETUP['tokens'][self.email]}"}
        nominee = random.choice([p for p in LOAD_PEOPLE if p != self.person_id])
        reason = f"Stayed late to fix a customer's order, again. lt-{uuid.uuid4().hex}"
        record = LEDGER.write("nomination", reason=reason, nominator=self.person_id)
        response = self.api(
            "POST",
            "/nominations",
            json={
                "nominee_id": nominee,
                "category_id": SETUP["categories"][0],
                "reason": reason,
                "cycle_id": SETUP["cycle_id"],
            },
        )
        nomination_id = response.json().get("id") if response.status_code == 201 else None
        LEDGER.answered(record, response, id=nomination_id)
        if nomination_id:
            SUBMITTED_NOMINATIONS.append((nomination_id, MANAGER_OF[nominee]))
        self.api("GET", "/recognition/wall")


class Deciders(Person):
    """A manager and HR deciding the same items at the same moment, and racing the budget."""

    fixed_count = 3

    kind = ""

    def on_start(self):
        self.tokens = {
            email: {"Authorization": f"Bearer {SETUP['tokens'][email]}"}
            for email in [SETUP["hr"], *SETUP["managers"]]
        }
        signed_in()

    def _decide(self, item: str, item_id: int, actor: str, action: str):
        body = {"reason": "Not this time, sorry."} if action in ("decline", "reject") else {}
        record = LEDGER.write("decision", item=item, id=item_id, actor=actor, action=action)
        response = self.client.post(
            f"/api/v1/{item}/{item_id}/{action}",
            json=body,
            headers=self.tokens[actor],
            name=f"/api/v1/{item}/[id]/{action}",
        )
        LEDGER.answered(record, response)
        if item == "nominations" and action == "approve" and response.status_code == 200:
            APPROVED_NOMINATIONS.append((item_id, actor))

    def _race(self, item: str, item_id: int, manager: str, other_action: str):
        gevent.joinall(
            [
                gevent.spawn(self._decide, item, item_id, manager, "approve"),
                gevent.spawn(self._decide, item, item_id, SETUP["hr"], other_action),
            ]
        )

    @task(3)
    def nomination(self):
        if SUBMITTED_NOMINATIONS:
            nomination_id, manager = SUBMITTED_NOMINATIONS.popleft()
            self._race("nominations", nomination_id, manager, random.choice(["approve", "decline"]))

    @task(3)
    def time_entry(self):
        if SUBMITTED_ENTRIES:
            entry_id, manager = SUBMITTED_ENTRIES.popleft()
            self._race("time-entries", entry_id, manager, random.choice(["approve", "reject"]))

    @task(2)
    def award(self):
        if len(APPROVED_NOMINATIONS) >= 2:
            pair = [APPROVED_NOMINATIONS.popleft() for _ in range(2)]
            gevent.joinall(
                [
                    gevent.spawn(self._decide, "nominations", i, SETUP["hr"], "award")
                    for i, _actor in pair
                ]
            )


class Reader(Person):
    """HR, a manager and employees reading the dashboard, wall, reports, lists, leaderboards."""

    fixed_count = 7

    web = True
    PAGES = {
        "hr@example.com": [
            "/campaigns/{c}",
            "/ambassadors/reports",
            "/org/people",
            "/campaigns/initiatives",
            "/praise/outreach/report",
            "/recognition/nominations",
        ],
        "manager@example.com": [
            "/campaigns/{c}",
            "/ambassadors/approvals",
            "/ambassadors/reports",
            "/praise/outreach",
        ],
    }
    COMMON = ["/", "/recognition/", "/recognition/leaderboard", "/praise/", "/campaigns/timeline"]

    def pick_email(self) -> str:
        return random.choice(SETUP["reader_emails"])

    @task
    def read(self):
        path = random.choice(self.PAGES.get(self.email, []) + self.COMMON)
        campaign = random.choice(SETUP["campaign_ids"] or [0])
        self.client.get(path.format(c=campaign), name=path)
