"""The benchmark's customer praise and its leaders' outreach."""

import random
from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import select

from bench.common import DUE_DAYS, FIRST_DAY, PRAISE, SEED, TODAY, at, ids_of, insert_rows, name_of
from eximpact.extensions import db
from eximpact.org.models import RoleAssignment
from eximpact.praise.models import (
    ENGAGEMENT_LEVELS,
    OUTREACH_DONE,
    OUTREACH_OPEN,
    SOURCES,
    Outreach,
    Praise,
    praise_employee,
)

# -- customer praise and outreach --------------------------------------------------------

PRAISE_TEXTS = (
    "{name} sorted out my billing mess in one call and rang back the next day to check.",
    "{name} was patient and kind, and explained every step. The best support I have had.",
    "I called to cancel and ended up renewing: {name} actually listened.",
    "Five stars for {name}. Quick, friendly, and did exactly what was promised.",
    "{name} understood my problem before I had finished typing it. Impressive!",
    "{name} stayed on the line until my card was unblocked at the airport. A lifesaver.",
)
INTAKE_WEIGHTS = {"form": 50, "csv": 20, "api": 5, "webhook": 25}
OUTREACH_NOTES = {
    "note": "A handwritten card to say thank you.",
    "call": "Called to say thanks and shared it at the team huddle.",
    "visit": "Visited the team with coffee and the praise printed out.",
}


def _outreach_done(rng: random.Random, received: date, due: date) -> datetime | None:
    """When the leader followed up: nearly always for old praise, mostly on time."""
    age = (TODAY - received).days
    roll = rng.random()
    if age > 3 * DUE_DAYS:
        if roll >= 0.97:
            return None  # overdue, never done
        if roll < 0.85:
            return at(received + timedelta(days=rng.randint(0, DUE_DAYS)), 10, 30)
        return at(min(TODAY, due + timedelta(days=rng.randint(1, 14))), 10, 30)
    if roll < 0.5:
        return at(received + timedelta(days=rng.randint(0, min(age, DUE_DAYS))), 10, 30)
    return None


def build_praise(org: dict) -> tuple[dict, str]:
    """Praise spread over the years (one to three people each; ambassadors and the busy
    manager's reports more often), each with an outreach per praised person for their
    line manager, due DUE_DAYS after receipt."""
    rng = random.Random(SEED + 1)
    people, hr_id, manager_of = org["people"], org["hr_id"], org["manager_of"]
    everyone = people[1:]
    busy_reports = [pid for pid, mid in manager_of.items() if mid == org["busy_manager"]]
    ambassadors = db.session.scalars(
        select(RoleAssignment.person_id).where(RoleAssignment.role == "ambassador")
    ).all()
    days = (TODAY - FIRST_DAY).days + 1
    rows, named = [], []
    for i in range(PRAISE):
        received = FIRST_DAY + timedelta(days=i * days // PRAISE)
        roll = rng.random()
        pool = ambassadors if roll < 0.25 else busy_reports if roll < 0.3 else everyone
        praised = {rng.choice(pool)}
        for _ in range(0 if roll < 0.8 else 1 if roll < 0.95 else 2):
            praised.add(rng.choice(everyone))
        intake = rng.choices(list(INTAKE_WEIGHTS), weights=list(INTAKE_WEIGHTS.values()))[0]
        level = rng.choice((None, 3, 4, 4, 5, 5))
        emotion = rng.choice(ENGAGEMENT_LEVELS[level][1]) if level and rng.random() < 0.7 else None
        customer = f"CASE-{rng.randrange(PRAISE // 2 + 1)}" if rng.random() < 0.8 else None
        logged_by = {"webhook": None, "csv": hr_id, "api": hr_id}.get(intake, rng.choice(everyone))
        rows.append(
            {
                "source": rng.choice(("survey", "nps") if intake == "webhook" else SOURCES),
                "received_at": received,
                "text": rng.choice(PRAISE_TEXTS).format(name=name_of(org["number"][min(praised)])),
                "nps": rng.choice((None, 8, 9, 9, 10, 10)),
                "engagement_level": level,
                "emotion": emotion,
                "customer_ref": customer,  # repeats now and then, as customers write again
                "external_id": None if intake == "form" else f"{intake}-{i}",
                "intake": intake,
                "logged_by_id": logged_by,
                "created_at": at(received, 9) + timedelta(minutes=i % 480),
            }
        )
        named.append(sorted(praised))
    insert_rows(Praise, rows)
    praise_ids = ids_of(Praise.id)

    links, outreach = [], []
    praise_of = defaultdict(list)  # person → [(received, praise id)], oldest first
    for praise_id, row, praised in zip(praise_ids, rows, named, strict=True):
        received = row["received_at"]
        due = received + timedelta(days=DUE_DAYS)
        for pid in praised:
            links.append({"praise_id": praise_id, "person_id": pid})
            praise_of[pid].append((received, praise_id))
            if (leader := manager_of[pid]) is None:
                continue  # nobody to follow up, as in `outreach_leader`
            done = _outreach_done(rng, received, due)
            kind = rng.choice(tuple(OUTREACH_NOTES)) if done else None
            outreach.append(
                {
                    "praise_id": praise_id,
                    "employee_id": pid,
                    "leader_id": leader,
                    "due_on": due,
                    "status": OUTREACH_DONE if done else OUTREACH_OPEN,
                    "kind": kind,
                    "note": OUTREACH_NOTES[kind] if done else "",
                    "completed_at": done,
                    "completed_by_id": leader if done else None,
                    "overdue_notified_at": at(due + timedelta(days=1), 6)
                    if not done and due < TODAY
                    else None,
                    "created_at": row["created_at"],
                }
            )
    insert_rows(praise_employee, links)
    insert_rows(Outreach, outreach)
    done = sum(1 for item in outreach if item["status"] == OUTREACH_DONE)
    summary = (
        f"{PRAISE:,} praise, {len(links):,} praised-person links, "
        f"{len(outreach):,} outreach ({done:,} done)"
    )
    return {"praise_of": praise_of}, summary
