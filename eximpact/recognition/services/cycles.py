"""Award cycles and categories: the programme HR sets up, and the budget awards draw on."""

from datetime import date
from decimal import Decimal

from sqlalchemy import func, or_, select

from eximpact import audit
from eximpact.extensions import db
from eximpact.org.models import Person
from eximpact.recognition.models import (
    AWARDED,
    CADENCES,
    REWARD_KINDS,
    AwardCycle,
    Category,
    Nomination,
)
from eximpact.recognition.periods import CADENCE_PERIOD, period_bounds, period_name
from eximpact.validation import Problems, too_long

# Limits of categories and cycles: forms, the API's schema and these rules read them.
LIMITS = {"cycle_name": 120, "category_name": 80, "description": 500, "reward": 200}
MONEY_MAX = Decimal("9999999999.99")


def _money_problem(value: Decimal | None) -> str | None:
    if value is None:
        return None
    if value < 0:
        return "Must not be negative."
    if value > MONEY_MAX:
        return "That amount is too large."
    return None


def save_category(
    actor: Person,
    category: Category | None,
    *,
    name: str,
    description: str,
    reward_kind: str,
    reward: str,
    reward_value: Decimal | None,
    active: bool = True,
    company_value: bool | None = None,
) -> Category:
    """Create (`category` None) or update a category; raises ValidationFailed with every problem."""
    problems = Problems()
    name, reward = (name or "").strip(), (reward or "").strip()
    if not name:
        problems.add("name", "Enter a name.")
    elif len(name) > LIMITS["category_name"]:
        problems.add("name", too_long(LIMITS["category_name"]))
    else:
        clash = db.session.scalar(
            select(Category.id).where(
                or_(Category.name == name, func.lower(Category.name) == name.lower())
            )
        )
        if clash is not None and (category is None or clash != category.id):
            problems.add("name", "Another category already has this name.")
    if len(description or "") > LIMITS["description"]:
        problems.add("description", too_long(LIMITS["description"]))
    if reward_kind not in REWARD_KINDS:
        problems.add("reward_kind", f"Use one of: {', '.join(REWARD_KINDS)}.")
    if not reward:
        problems.add("reward", "Say what the winner gets, e.g. '500 points' or 'a day off'.")
    elif len(reward) > LIMITS["reward"]:
        problems.add("reward", too_long(LIMITS["reward"]))
    if problem := _money_problem(reward_value):
        problems.add("reward_value", problem)
    problems.raise_if_any()

    created = category is None
    if created:
        category = Category(name=name)
        db.session.add(category)
    category.name = name
    category.description = (description or "").strip()
    category.reward_kind = reward_kind
    category.reward = reward
    category.reward_value = reward_value or Decimal(0)
    category.active = active
    if company_value is not None:  # None: keep it as it is
        category.company_value = company_value
    db.session.flush()
    audit.record("category", category.id, "created" if created else "updated", actor)
    return category


def budget_used(cycle_ids: list[int]) -> dict[int, Decimal]:
    """What each cycle's awards cost so far, in one grouped query."""
    if not cycle_ids:
        return {}
    rows = db.session.execute(
        select(Nomination.cycle_id, func.coalesce(func.sum(Nomination.reward_value), 0))
        .where(Nomination.cycle_id.in_(cycle_ids), Nomination.status == AWARDED)
        .group_by(Nomination.cycle_id)
    )
    used = dict.fromkeys(cycle_ids, Decimal(0))
    used.update({cycle_id: Decimal(total) for cycle_id, total in rows})
    return used


def save_cycle(
    actor: Person,
    cycle: AwardCycle | None,
    *,
    name: str,
    cadence: str,
    period_start: date | None,
    period_end: date | None,
    opens_on: date | None,
    closes_on: date | None,
    budget: Decimal | None,
) -> AwardCycle:
    """Create (`cycle` None) or update an award cycle; raises ValidationFailed with every problem.

    A budget can shrink, but never below what the cycle has already awarded.
    """
    problems = Problems()
    name = (name or "").strip()
    if not name:
        problems.add("name", "Enter a name, e.g. 'Customer heroes — Q4 2026'.")
    elif len(name) > LIMITS["cycle_name"]:
        problems.add("name", too_long(LIMITS["cycle_name"]))
    else:
        clash = db.session.scalar(
            select(AwardCycle.id).where(
                or_(AwardCycle.name == name, func.lower(AwardCycle.name) == name.lower())
            )
        )
        if clash is not None and (cycle is None or clash != cycle.id):
            problems.add("name", "Another cycle already has this name.")
    if cadence not in CADENCES:
        problems.add("cadence", f"Use one of: {', '.join(CADENCES)}.")
    for field, value in (
        ("period_start", period_start),
        ("period_end", period_end),
        ("opens_on", opens_on),
        ("closes_on", closes_on),
    ):
        if value is None:
            problems.add(field, "Enter a date.")
    if period_start and period_end and period_end < period_start:
        problems.add("period_end", "The period cannot end before it starts.")
    if opens_on and closes_on and closes_on < opens_on:
        problems.add("closes_on", "Nominations cannot close before they open.")
    if problem := _money_problem(budget):
        problems.add("budget", problem)
    elif budget is not None and cycle is not None:
        used = budget_used([cycle.id])[cycle.id]
        if budget < used:
            problems.add("budget", f"This cycle has already awarded {used:,.2f}.")
    problems.raise_if_any()

    created = cycle is None
    before = None if created else str(cycle.budget)
    if created:
        cycle = AwardCycle(name=name, created_by=actor)
        db.session.add(cycle)
    cycle.name = name
    cycle.cadence = cadence
    cycle.period_start, cycle.period_end = period_start, period_end
    cycle.opens_on, cycle.closes_on = opens_on, closes_on
    cycle.budget = budget
    db.session.flush()
    audit.record(
        "award_cycle", cycle.id, "created" if created else "updated", actor, before, str(budget)
    )
    return cycle


def suggested_cycle(cadence: str, day: date) -> dict:
    """Sensible defaults for a new cycle of `cadence` around `day`: the period, an open window."""
    start, end = period_bounds(CADENCE_PERIOD[cadence], day)
    return {
        "name": f"Customer heroes — {period_name(CADENCE_PERIOD[cadence], day)}",
        "period_start": start,
        "period_end": end,
        "opens_on": start,
        "closes_on": end,
    }


def open_cycles(on: date) -> list[AwardCycle]:
    """Cycles taking nominations on `on`, the one closing first first."""
    return list(
        db.session.scalars(
            select(AwardCycle)
            .where(AwardCycle.opens_on <= on, AwardCycle.closes_on >= on)
            .order_by(AwardCycle.closes_on, AwardCycle.id)
        )
    )


def cycles_query():
    return select(AwardCycle).order_by(AwardCycle.period_start.desc(), AwardCycle.id.desc())


def active_categories() -> list[Category]:
    return list(
        db.session.scalars(
            select(Category).where(Category.active).order_by(func.lower(Category.name))
        )
    )


def all_categories() -> list[Category]:
    return list(
        db.session.scalars(
            select(Category).order_by(Category.active.desc(), func.lower(Category.name))
        )
    )
