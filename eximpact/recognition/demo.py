"""Demo recognition: categories, this quarter's open cycle with nominations in every state
(two of them flagged), last quarter's cycle with its winners, quick thanks, and a few
reactions and comments answering the wall.

Everything goes through the services (the rules hold for demo data too) and is looked
up by name first, so loading again adds nothing. `employee@example.com` has made no
nomination in the open cycle, so the demo can be tried from the start.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import select

from eximpact import clock
from eximpact.extensions import db
from eximpact.org.models import Person
from eximpact.praise.models import Praise
from eximpact.recognition.models import (
    APPROVED,
    AWARDED,
    DECLINED,
    PUBLIC_STATUSES,
    AwardCycle,
    Category,
    Nomination,
    Reaction,
    Thanks,
)
from eximpact.recognition.periods import period_bounds, period_name
from eximpact.recognition.services import answers, nominating, thanking
from eximpact.recognition.services.cycles import save_category, save_cycle

CATEGORIES = [
    (
        "Customer hero",
        "Made a customer's day: the moments customers tell others about.",
        "points",
        "500 points and the Customer Hero badge",
        Decimal("50.00"),
    ),
    (
        "Ownership",
        "Company value: took a problem as their own and saw it through.",
        "voucher",
        "A 75 € gift voucher",
        Decimal("75.00"),
    ),
    (
        "One team",
        "Company value: helped a colleague or another team serve a customer better.",
        "badge",
        "The One Team badge",
        Decimal("0.00"),
    ),
    (
        "Going the extra mile",
        "Did far more than the job asked, for a customer.",
        "day_off",
        "A day off",
        Decimal("200.00"),
    ),
]


class Demo(NamedTuple):
    nominator: str
    nominee: str
    category: str
    reason: str
    praise: tuple[str, ...] = ()  # external ids of demo praise
    outcome: str | None = None  # None: still submitted
    reviewer: str | None = None
    decline_reason: str | None = None
    awarded_by: str | None = None


OPEN_CYCLE = [
    Demo(
        "jonas.weber@example.com",
        "aisha.rahman@example.com",
        "Customer hero",
        "Aisha turns confused customers into fans: two customers wrote in about her this "
        "quarter alone.",
        praise=("demo-praise-02", "demo-praise-03"),
    ),
    Demo(
        "sofia.rossi@example.com",
        "kwame.mensah@example.com",
        "One team",
        "Kwame covered my chats for a whole afternoon so I could finish a difficult case.",
    ),
    Demo(
        "kwame.mensah@example.com",
        "sofia.rossi@example.com",
        "One team",
        "Sofia taught me the new billing tool and never made me feel slow.",
    ),
    Demo(
        "chloe.martin@example.com",
        "employee@example.com",
        "Customer hero",
        "Erik called a customer back on his own initiative to make sure the fix worked.",
        praise=("demo-praise-01",),
        outcome=APPROVED,
        reviewer="manager@example.com",
    ),
    Demo(
        "mateo.silva@example.com",
        "fatima.haddad@example.com",
        "Ownership",
        "Fatima rewrote the refund checklist so nobody has to guess any more.",
        outcome=DECLINED,
        reviewer="manager@example.com",
        decline_reason="A good improvement, but please nominate it under One team: it helped "
        "the whole team more than a customer.",
    ),
    Demo(
        "ravi.patel@example.com",
        "noah.schmidt@example.com",
        "Going the extra mile",
        "Noah went out on a Sunday evening to a family with small children and no heating.",
        praise=("demo-praise-09",),
        outcome=AWARDED,
        reviewer="tomas.garcia@example.com",
        awarded_by="hr@example.com",
    ),
]

PAST_CYCLE = [
    Demo(
        "mei.chen@example.com",
        "liam.oconnor@example.com",
        "Customer hero",
        "Liam's customers keep asking for him by name. This one even wrote to say so.",
        praise=("demo-praise-14",),
        outcome=AWARDED,
        reviewer="priya.nair@example.com",
        awarded_by="hr@example.com",
    ),
    Demo(
        "ethan.brooks@example.com",
        "zofia.nowak@example.com",
        "Ownership",
        "Zofia reworked a customer's contract from scratch to save them money, unasked.",
        praise=("demo-praise-12",),
        outcome=AWARDED,
        reviewer="rachel.adeyemi@example.com",
        awarded_by="hr@example.com",
    ),
    Demo(
        "manager@example.com",
        "employee@example.com",
        "One team",
        "Erik trained two new starters on our toughest call types during his own busy weeks.",
        praise=("demo-praise-13",),
        outcome=APPROVED,
        reviewer="daniel.kowalski@example.com",
    ),
]


def _categories(hr: Person) -> dict[str, Category]:
    existing = {c.name: c for c in db.session.scalars(select(Category))}
    for name, description, kind, reward, value in CATEGORIES:
        if name not in existing:
            existing[name] = save_category(
                hr,
                None,
                name=name,
                description=description,
                reward_kind=kind,
                reward=reward,
                reward_value=value,
                company_value=description.startswith("Company value"),
            )
    return existing


def _cycle(hr: Person, day: date, budget: Decimal) -> AwardCycle:
    start, end = period_bounds("quarter", day)
    name = f"Customer heroes — {period_name('quarter', day)}"
    cycle = db.session.scalar(select(AwardCycle).where(AwardCycle.name == name))
    return cycle or save_cycle(
        hr,
        None,
        name=name,
        cadence="quarterly",
        period_start=start,
        period_end=end,
        opens_on=start,
        closes_on=end,
        budget=budget,
    )


class Moments(NamedTuple):
    """When the demo's nominations were made, decided and awarded: in order, never ahead."""

    on: date
    submitted: datetime
    decided: datetime
    awarded: datetime

    @classmethod
    def between(cls, on: date, start: datetime, end: datetime) -> "Moments":
        step = max(end - start, timedelta(0)) / 3
        return cls(on, start, start + step, start + 2 * step)


def _nominate(cycle, demos, moments: Moments, people, categories) -> None:
    evidence = {
        p.external_id: p.id
        for p in db.session.scalars(
            select(Praise).where(Praise.external_id.in_([x for d in demos for x in d.praise]))
        )
    }
    for demo in demos:
        nominator, nominee = people[demo.nominator], people[demo.nominee]
        exists = db.session.scalar(
            select(Nomination.id).where(
                Nomination.cycle_id == cycle.id,
                Nomination.nominator_id == nominator.id,
                Nomination.nominee_id == nominee.id,
            )
        )
        if exists:
            continue
        nomination = nominating.nominate(
            nominator,
            nominee_id=nominee.id,
            category_id=categories[demo.category].id,
            cycle_id=cycle.id,
            reason=demo.reason,
            praise_ids=[evidence[x] for x in demo.praise if x in evidence],
            on=moments.on,
        )
        nomination.created_at = moments.submitted  # demo history, not "now"
        reviewer = people.get(demo.reviewer)
        if demo.outcome == DECLINED:
            nominating.decline(reviewer, nomination, demo.decline_reason, now=moments.decided)
        elif demo.outcome in (APPROVED, AWARDED):
            nominating.approve(reviewer, nomination, now=moments.decided)
        if demo.outcome == AWARDED:
            nominating.award(people[demo.awarded_by], nomination, now=moments.awarded)


def load_demo(today: date) -> None:
    people = {p.email: p for p in db.session.scalars(select(Person))}
    hr = people["hr@example.com"]
    categories = _categories(hr)
    current = _cycle(hr, today, Decimal("1000.00"))
    past = _cycle(hr, period_bounds("quarter", today)[0] - timedelta(days=1), Decimal("600.00"))

    now = min(clock.now(), datetime.combine(today, time(23)))
    opened = datetime.combine(current.opens_on, time(8))
    _nominate(
        current,
        OPEN_CYCLE,
        Moments.between(today, max(opened, now - timedelta(days=6)), now - timedelta(minutes=5)),
        people,
        categories,
    )
    past_start = datetime.combine(past.closes_on - timedelta(days=20), time(8))
    _nominate(
        past,
        PAST_CYCLE,
        Moments.between(past_start.date(), past_start, past_start + timedelta(days=12)),
        people,
        categories,
    )
    _thank(people, categories)
    _answer(people)
    db.session.flush()


THANKS = [
    (
        "aisha.rahman@example.com",
        "jonas.weber@example.com",
        "One team",
        "Thanks for taking over my queue when the outage calls came in.",
    ),
    (
        "ambassador@example.com",
        "aisha.rahman@example.com",
        "Ownership",
        "You chased the billing bug to the end and told the customer yourself.",
    ),
    (
        "jonas.weber@example.com",
        "ambassador@example.com",
        "One team",
        "Thank you for the listening session: the whole team heard real customers.",
    ),
]


def _thank(people: dict[str, Person], categories: dict[str, Category]) -> None:
    """A few quick thanks on the wall, once, through the service (its rules hold)."""
    if db.session.scalar(select(Thanks.id).limit(1)) is not None:
        return
    for giver, recipient, value, message in THANKS:
        category = categories[value]
        if not category.company_value:  # a demo database loaded before values existed
            continue
        thanking.give_thanks(
            people[giver],
            recipient_id=people[recipient].id,
            category_id=category.id,
            message=message,
        )


ANSWERS = [  # (who, reaction, comment) on the newest recognition and the newest thanks
    ("manager@example.com", "clap", "Well deserved: the customer wrote to us twice about it."),
    ("employee@example.com", "party", None),
    ("hr@example.com", "heart", None),
]


def _answer(people: dict[str, Person]) -> None:
    """Colleagues react to and comment on the wall's newest items, once, through the service."""
    if db.session.scalar(select(Reaction.id).limit(1)) is not None:
        return
    items = [
        db.session.scalar(
            select(Nomination)
            .where(Nomination.status.in_(PUBLIC_STATUSES))
            .order_by(Nomination.recognised_at.desc(), Nomination.id.desc())
            .limit(1)
        ),
        db.session.scalar(select(Thanks).order_by(Thanks.created_at.desc(), Thanks.id.desc())),
    ]
    for item in filter(None, items):
        for email, reaction, text in ANSWERS:
            person = people.get(email)
            if person is None or person.id == answers.recognised_person(item).id:
                continue
            answers.react(person, item, reaction)
            if text:
                answers.add_comment(person, item, text)
