"""After the load: the database against the ledger, the invariants, and the figures.

Lost: a write the server acknowledged that is not stored (or not as acknowledged).
Duplicated: a write stored more often than acknowledged: twice, or once though refused.
Invariant breaks: ≤ 24 h per person and day, award budgets, one praise per external id,
one decision per item, all-or-nothing batches, mail sent exactly once.
A write whose answer was cut (no answer, 5xx) may be stored once or not at all.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from eximpact.ambassadors.models import TimeEntry
from eximpact.audit.models import AuditEvent
from eximpact.extensions import db
from eximpact.notifications.models import OutboxMessage
from eximpact.org.models import Person
from eximpact.praise.models import Praise
from eximpact.recognition.models import AWARDED, AwardCycle, Nomination
from loadtest.ledger import ACKED, DOUBT, REFUSED, outcome

EXAMPLES = 5  # problems shown per kind, so one systematic fault does not flood the output


@dataclass
class Verdict:
    lost: int = 0
    duplicated: int = 0
    breaks: int = 0
    notes: list[str] = field(default_factory=list)
    _shown: Counter = field(default_factory=Counter)

    def add(self, what: str, message: str) -> None:
        setattr(self, what, getattr(self, what) + 1)
        self._shown[what] += 1
        if self._shown[what] <= EXAMPLES:
            self.notes.append(f"{what}: {message}")


def _by_kind(writes: list[dict]) -> dict[str, list[dict]]:
    kinds = defaultdict(list)
    for record in writes:
        kinds[record["kind"]].append(record)
    return kinds


def check_stored_once(
    verdict: Verdict, what: str, records: list[tuple[str, list[str]]], stored: Counter
) -> None:
    """records: (outcome, keys of one all-or-nothing write); stored: key → rows in the DB."""
    for result, keys in records:
        counts = [stored[key] for key in keys]
        if any(count > 1 for count in counts):
            verdict.add("duplicated", f"{what} {keys[0]} stored {max(counts)} times")
        elif result == ACKED and min(counts) == 0:
            verdict.add("lost", f"{what} {keys[0]} was acknowledged but is not stored")
        elif result == REFUSED and max(counts) > 0:
            verdict.add("duplicated", f"{what} {keys[0]} was refused but is stored")
        elif result == DOUBT and len(set(counts)) > 1:
            verdict.add("breaks", f"{what} {keys[0]}: only part of a cut batch is stored")


def check_entries(verdict: Verdict, writes: list[dict]) -> None:
    stored = Counter(
        dict(
            db.session.execute(
                select(TimeEntry.note, func.count())
                .where(TimeEntry.note.like("lt-%"))
                .group_by(TimeEntry.note)
            ).all()
        )
    )
    check_stored_once(
        verdict,
        "time entry",
        [(outcome(r["status"]), [i["note"] for i in r["items"]]) for r in writes],
        stored,
    )


def check_nominations(verdict: Verdict, writes: list[dict]) -> None:
    stored = Counter(
        dict(
            db.session.execute(
                select(Nomination.reason, func.count())
                .where(Nomination.reason.like("%lt-%"))
                .group_by(Nomination.reason)
            ).all()
        )
    )
    check_stored_once(
        verdict, "nomination", [(outcome(r["status"]), [r["reason"]]) for r in writes], stored
    )


def check_praise(verdict: Verdict, writes: list[dict]) -> None:
    """Every delivery of one external id (API or webhook, repeated or at once) → one praise."""
    rows = defaultdict(list)
    for external_id, praise_id in db.session.execute(
        select(Praise.external_id, Praise.id).where(Praise.external_id.like("lt-%"))
    ):
        rows[external_id].append(praise_id)
    deliveries = defaultdict(list)
    for record in writes:
        deliveries[record["external_id"]].append(record)
    for external_id, records in deliveries.items():
        results = {outcome(r["status"]) for r in records}
        stored = rows.get(external_id, [])
        answered_ids = {r["id"] for r in records if outcome(r["status"]) == ACKED}
        if len(stored) > 1:
            verdict.add("duplicated", f"praise {external_id} stored {len(stored)} times")
        elif ACKED in results and not stored:
            verdict.add("lost", f"praise {external_id} was acknowledged but is not stored")
        elif results == {REFUSED} and stored:
            verdict.add("duplicated", f"praise {external_id} was refused but is stored")
        elif stored and answered_ids - set(stored):
            verdict.add("duplicated", f"praise {external_id} answered with {answered_ids}")


def _final_states(records: list[dict]) -> list[dict]:
    """The states a person's week may be in: the last acknowledged save, or a cut one after it."""
    allowed = [{}]
    for record in sorted(records, key=lambda r: r["t0"]):
        status = record["status"]
        if status == 302:
            allowed = [record["state"]]
        elif outcome(status) == DOUBT:
            allowed.append(record["state"])
    return allowed


def check_timesheets(verdict: Verdict, writes: list[dict]) -> None:
    per_person = defaultdict(list)
    for record in writes:
        if record["status"] == 302 and record["broken"]:
            verdict.add("breaks", f"a day over 24 h was saved for {record['person']}")
        elif record["status"] == 200 and not record["broken"]:
            verdict.add("lost", f"a valid timesheet save of {record['person']} was refused")
        per_person[(record["person"], record["week"])].append(record)
    ids = dict(db.session.execute(select(Person.email, Person.id)).all())
    for (email, week), records in per_person.items():
        keys = set().union(*(r["state"] for r in records))
        stored = Counter()
        hours = {}
        for entry in db.session.scalars(
            select(TimeEntry).where(
                TimeEntry.person_id == ids[email], TimeEntry.week_start == date.fromisoformat(week)
            )
        ):
            key = f"{entry.project_id}:{entry.work_date.isoformat()}"
            if key in keys:
                stored[key] += 1
                hours[key] = float(entry.hours)
        if any(count > 1 for count in stored.values()):
            verdict.add("duplicated", f"{email}'s week {week} has two entries in one cell")
        actual = {key: hours.get(key) for key in keys}
        wanted = [{key: state.get(key) for key in keys} for state in _final_states(records)]
        if not any(_same(actual, state) for state in wanted):
            verdict.add("lost", f"{email}'s week {week} is {actual}, acknowledged {wanted[0]}")


def _same(a: dict, b: dict) -> bool:
    return all(
        abs((a[k] or 0) - (b[k] or 0)) < 0.005 and (a[k] is None) == (b[k] is None) for k in a
    )


def check_decisions(verdict: Verdict, writes: list[dict]) -> None:
    """Two managers deciding at once: one wins, the other is told; the stored state agrees."""
    decisions = defaultdict(list)
    for record in writes:
        decisions[(record["item"], record["id"], record["action"] == "award")].append(record)
    statuses = {
        "nominations": dict(db.session.execute(select(Nomination.id, Nomination.status)).all()),
        "time-entries": dict(db.session.execute(select(TimeEntry.id, TimeEntry.status)).all()),
    }
    expected = {
        "approve": {"approved", AWARDED},
        "decline": {"declined"},
        "reject": {"rejected"},
        "award": {AWARDED},
    }
    for (item, item_id, _award), records in decisions.items():
        won = [r for r in records if outcome(r["status"]) == ACKED]
        status = statuses[item].get(item_id)
        if len(won) > 1:
            verdict.add("breaks", f"{item} {item_id} was decided {len(won)} times")
        elif won and status not in expected[won[0]["action"]]:
            verdict.add("lost", f"{item} {item_id}: {won[0]['action']} acknowledged, now {status}")


def check_invariants(verdict: Verdict) -> None:
    for person_id, day, hours in db.session.execute(
        select(TimeEntry.person_id, TimeEntry.work_date, func.sum(TimeEntry.hours))
        .group_by(TimeEntry.person_id, TimeEntry.work_date)
        .having(func.sum(TimeEntry.hours) > 24)
    ):
        verdict.add("breaks", f"person {person_id} has {hours} h on {day}")
    for cycle in db.session.scalars(select(AwardCycle).where(AwardCycle.budget.is_not(None))):
        used = db.session.scalar(
            select(func.coalesce(func.sum(Nomination.reward_value), 0)).where(
                Nomination.cycle_id == cycle.id, Nomination.status == AWARDED
            )
        )
        if Decimal(used) > cycle.budget:
            verdict.add("breaks", f"{cycle.name} awarded {used} of a {cycle.budget} budget")
    for external_id, count in db.session.execute(
        select(Praise.external_id, func.count())
        .where(Praise.external_id.is_not(None))
        .group_by(Praise.external_id)
        .having(func.count() > 1)
    ):
        verdict.add("breaks", f"{count} praise rows share the external id {external_id}")
    for entity, actions in (("nomination", ["approved", "declined"]), ("nomination", ["awarded"])):
        for entity_id, count in db.session.execute(
            select(AuditEvent.entity_id, func.count())
            .where(AuditEvent.entity_type == entity, AuditEvent.action.in_(actions))
            .group_by(AuditEvent.entity_id)
            .having(func.count() > 1)
        ):
            verdict.add("breaks", f"{entity} {entity_id} has {count} {'/'.join(actions)} events")
    submitted = Counter(
        dict(
            db.session.execute(
                select(AuditEvent.entity_id, func.count())
                .where(AuditEvent.entity_type == "time_entry", AuditEvent.action == "submitted")
                .group_by(AuditEvent.entity_id)
            ).all()
        )
    )
    for entity_id, count in db.session.execute(
        select(AuditEvent.entity_id, func.count())
        .where(
            AuditEvent.entity_type == "time_entry", AuditEvent.action.in_(["approved", "rejected"])
        )
        .group_by(AuditEvent.entity_id)
    ):
        if count > submitted[entity_id]:
            verdict.add(
                "breaks",
                f"time entry {entity_id}: {count} decisions, {submitted[entity_id]} submissions",
            )


def check_submitted(verdict: Verdict, writes: list[dict]) -> None:
    """An acknowledged submission left no entry of it in draft."""
    statuses = dict(db.session.execute(select(TimeEntry.id, TimeEntry.status)).all())
    for record in writes:
        if outcome(record["status"]) == ACKED:
            for entry_id in record["ids"]:
                if statuses.get(entry_id) in (None, "draft"):
                    verdict.add(
                        "lost",
                        f"submission of entry {entry_id} acknowledged, "
                        f"now {statuses.get(entry_id)}",
                    )


def check_mail(verdict: Verdict, received: Counter, down: dict) -> None:
    """The run with the SMTP server down kept every message; each was later sent once."""
    if not down or down.get("sent") != 0 or not down.get("failed"):
        verdict.add("breaks", f"outbox send with SMTP down did not fail as it should: {down}")
    messages = list(db.session.scalars(select(OutboxMessage)))
    verdict.notes.append(
        f"mail: {len(messages)} queued, {down.get('failed')} kept while SMTP was down, "
        f"{sum(received.values())} delivered, {sum(1 for m in messages if m.attempts > 1)} "
        "after a retry"
    )
    for message in messages:
        times = received[message.id]
        if message.sent_at is None:
            verdict.add("lost", f"mail {message.id} is still unsent ({message.last_error})")
        elif times == 0:
            verdict.add("lost", f"mail {message.id} is marked sent but never arrived")
        elif times > 1:
            verdict.add("duplicated", f"mail {message.id} arrived {times} times")


def check_exercised(verdict: Verdict, kinds: dict[str, list[dict]]) -> None:
    """A kind of write the load never got acknowledged would make its check prove nothing."""
    for kind in ("timesheet", "entries", "submit", "praise", "nomination", "decision"):
        results = Counter(
            ACKED
            if kind == "timesheet" and r["status"] == 302
            else REFUSED
            if kind == "timesheet" and r["status"] == 200
            else outcome(r["status"])
            for r in kinds[kind]
        )
        verdict.notes.append(
            f"{kind}: {results[ACKED]} acknowledged, {results[REFUSED]} refused, "
            f"{results[DOUBT]} cut"
        )
        if not results[ACKED]:
            verdict.add("breaks", f"the load got no {kind} write acknowledged: nothing proven")


def check_all(ledger: dict, received: Counter, outbox_down: dict) -> Verdict:
    verdict = Verdict()
    kinds = _by_kind(ledger["writes"])
    check_exercised(verdict, kinds)
    check_entries(verdict, kinds["entries"])
    check_nominations(verdict, kinds["nomination"])
    check_praise(verdict, kinds["praise"])
    check_timesheets(verdict, kinds["timesheet"])
    check_decisions(verdict, kinds["decision"])
    check_submitted(verdict, kinds["submit"])
    check_invariants(verdict)
    check_mail(verdict, received, outbox_down)
    return verdict
