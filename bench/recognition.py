"""The benchmark's recognition: categories, award cycles and nominations in every state."""

import bisect
import random
import sys
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from bench.common import (
    FIRST_DAY,
    NOMINATIONS,
    NOW,
    PER_CYCLE,
    SEED,
    TODAY,
    at,
    ids_of,
    insert_rows,
    name_of,
)
from eximpact.extensions import db
from eximpact.recognition import models as recognition
from eximpact.recognition.models import AwardCycle, Category, Nomination, nomination_praise
from eximpact.recognition.periods import period_bounds, period_name
from eximpact.recognition.services import points

# -- recognition -------------------------------------------------------------------------

CATEGORIES = (
    # name, reward kind, reward, what it costs, active
    ("Customer hero", "points", "500 points and the Customer Hero badge", "50.00", True),
    ("Ownership", "voucher", "A 75 € gift voucher", "75.00", True),
    ("One team", "badge", "The One Team badge", "0.00", True),
    ("Going the extra mile", "day_off", "A day off", "200.00", True),
    ("Rookie of the month", "gift", "A book of their choice", "40.00", True),
    ("Service legend", "other", "Lunch with the board", "100.00", False),
)
REASONS = (
    "turns confused customers into fans, and two of them wrote in about it this month.",
    "covered my chats for a whole afternoon so I could finish a difficult case.",
    "rewrote the refund checklist so nobody has to guess any more.",
    "went out on a Sunday evening to a family with small children and no heating.",
    "trained two new starters on our toughest call types during busy weeks.",
)
MONTHLY_BUDGET, ANNUAL_BUDGET = Decimal("3000.00"), Decimal("5000.00")


def _cycles(hr_id: int) -> list[dict]:
    """A monthly cycle for every month so far (nominations open all month) and an annual
    one a year (nominations in December)."""
    cycles, month = [], FIRST_DAY
    while month <= TODAY:
        start, end = period_bounds("month", month)
        cycles.append(
            {
                "name": f"Service heroes — {period_name('month', month)}",
                "cadence": "monthly",
                "period_start": start,
                "period_end": end,
                "opens_on": start,
                "closes_on": end,
                "budget": MONTHLY_BUDGET,
                "created_by_id": hr_id,
            }
        )
        month = end + timedelta(days=1)
    for year in range(FIRST_DAY.year, TODAY.year + 1):
        cycles.append(
            {
                "name": f"Customer hero of the year {year}",
                "cadence": "annual",
                "period_start": date(year, 1, 1),
                "period_end": date(year, 12, 31),
                "opens_on": date(year, 12, 1),
                "closes_on": date(year, 12, 31),
                "budget": ANNUAL_BUDGET,
                "created_by_id": hr_id,
            }
        )
    return cycles


def _review(rng: random.Random, cycle: dict, created: datetime) -> tuple[str, datetime | None]:
    """The state a nomination reached and when it was reviewed: old cycles are decided."""
    settled = cycle["closes_on"] < TODAY - timedelta(days=14)
    roll = rng.random()
    if roll < (0.03 if settled else 0.45):
        return recognition.SUBMITTED, None
    reviewed = created + timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 8))
    if reviewed > NOW - timedelta(hours=1):
        return recognition.SUBMITTED, None
    if roll < (0.18 if settled else 0.55):
        return recognition.DECLINED, reviewed
    if roll < (0.32 if settled else 0.6):
        return recognition.AWARDED, reviewed
    return recognition.APPROVED, reviewed


def build_recognition(org: dict, praise: dict) -> tuple[dict, str]:
    """Categories, cycles and nominations: never oneself, once per nominee and at most
    PER_CYCLE per nominator in a cycle, made inside its window, reviewed by the nominee's
    manager (HR when the manager nominated), awards within the cycle's budget, evidence
    only praise of the nominee."""
    rng = random.Random(SEED + 2)
    hr_id, manager_of = org["hr_id"], org["manager_of"]
    nominators = org["people"][1:]  # HR reviews and awards; nobody nominates them here
    insert_rows(
        Category,
        [
            {
                "name": name,
                "description": f"{name}: what customers tell others about.",
                "reward_kind": kind,
                "reward": reward,
                "reward_value": Decimal(value),
                "active": active,
            }
            for name, kind, reward, value, active in CATEGORIES
        ],
    )
    categories = db.session.execute(
        select(Category.id, Category.reward, Category.reward_value, Category.active).order_by(
            Category.id
        )
    ).all()
    active_categories = [c for c in categories if c.active]
    cycles = _cycles(hr_id)
    insert_rows(AwardCycle, cycles)
    cycle_ids = ids_of(AwardCycle.id)

    open_cycles = [c for c in cycles if c["opens_on"] <= TODAY]
    per_cycle = NOMINATIONS // max(1, len(open_cycles))
    praise_of = praise["praise_of"]
    rows, evidence, counts = [], [], defaultdict(int)
    for cycle_id, cycle in zip(cycle_ids, cycles, strict=True):
        if cycle["opens_on"] > TODAY:
            continue
        window = (min(cycle["closes_on"], TODAY) - cycle["opens_on"]).days + 1
        made = defaultdict(set)  # nominator → nominees in this cycle
        budget_left = cycle["budget"]
        pairs = []
        for _ in range(per_cycle):
            nominator, nominee = rng.choice(nominators), rng.choice(nominators)
            pairs.append((nominator, nominee))
            if rng.random() < 0.02:
                pairs.append((nominee, nominator))  # reciprocal: the reviewers see a flag
        for nominator, nominee in pairs:
            if nominee == nominator or nominee in made[nominator]:
                continue
            if len(made[nominator]) >= PER_CYCLE:
                continue
            made[nominator].add(nominee)
            created = at(cycle["opens_on"] + timedelta(days=rng.randrange(window)), 9)
            created += timedelta(minutes=rng.randrange(8 * 60))
            if created > NOW:
                created = NOW - timedelta(minutes=rng.randint(5, 60))
            category = rng.choice(active_categories)
            status, reviewed = _review(rng, cycle, created)
            awarded = None
            if status == recognition.AWARDED:
                awarded = reviewed + timedelta(days=rng.randint(1, 5))
                if awarded > NOW or category.reward_value > budget_left:
                    status, awarded = recognition.APPROVED, None
                else:
                    budget_left -= category.reward_value
            reviewer = manager_of[nominee]
            if reviewer in (None, nominator):
                reviewer = hr_id
            public = status in recognition.PUBLIC_STATUSES
            rows.append(
                {
                    "cycle_id": cycle_id,
                    "category_id": category.id,
                    "nominator_id": nominator,
                    "nominee_id": nominee,
                    "reason": f"{name_of(org['number'][nominee])} {rng.choice(REASONS)}",
                    "status": status,
                    "reviewed_by_id": reviewer if reviewed else None,
                    "reviewed_at": reviewed,
                    "decline_reason": "Please nominate this under One team."
                    if status == recognition.DECLINED
                    else None,
                    "awarded_by_id": hr_id if awarded else None,
                    "awarded_at": awarded,
                    "reward": category.reward if awarded else None,
                    "reward_value": category.reward_value if awarded else None,
                    "recognised_at": (awarded or reviewed) if public else None,
                    "created_at": created,
                    "updated_at": awarded or reviewed or created,
                }
            )
            counts[status] += 1
            # Evidence: up to two pieces of the nominee's praise from the weeks before.
            theirs = praise_of.get(nominee, [])
            low = bisect.bisect_left(theirs, (cycle["period_start"] - timedelta(days=60), 0))
            high = bisect.bisect_right(theirs, (created.date(), sys.maxsize))
            recent = [praise_id for _, praise_id in theirs[low:high]]
            evidence.append(recent[-2:] if recent and rng.random() < 0.6 else [])
    insert_rows(Nomination, rows)
    nomination_ids = ids_of(Nomination.id)
    links = [
        {"nomination_id": nomination_id, "praise_id": praise_id}
        for nomination_id, praise_ids in zip(nomination_ids, evidence, strict=True)
        for praise_id in praise_ids
    ]
    insert_rows(nomination_praise, links)
    # The bulk inserts (these and the praise before them) bypass the services that keep it.
    points_rows = points.rebuild()
    states = ", ".join(f"{counts[s]:,} {s}" for s in recognition.STATUSES)
    summary = (
        f"{len(categories)} categories, {len(cycles)} cycles, "
        f"{len(rows):,} nominations ({states}), {len(links):,} with praise as evidence, "
        f"{points_rows:,} points rollup rows"
    )
    return {"team": org["team_ids"][0]}, summary


# -- building and timing -----------------------------------------------------------------
