"""Demo rounds: two closed engagement pulses and one open, and a closed climate check.

Everything goes through the services (invitations, one answer per invitation) with
past days given explicitly; answers come from a seeded generator, so loading gives
the same figures each time, and a round found by title is left alone. Finance and
People & Culture have fewer than k people, and in the second pulse only four of
Care South answer: the results show the hiding and the remainder rule at work.
"""

import random
from datetime import date, timedelta

from sqlalchemy import select

from eximpact.extensions import db
from eximpact.org.models import Person, Team
from eximpact.pulse.items import CLIMATE, CLIMATE_ITEMS, ENGAGEMENT
from eximpact.pulse.models import PulseRound
from eximpact.pulse.services import answers, rounds

COMMENTS = (
    "The new call-listening sessions help me understand what customers go through.",
    "I would like more time for training on the new CRM.",
    "Our team meetings finally discuss customer feedback, keep it up.",
    "Decisions from the last survey were never explained to us.",
    "Recognition from colleagues means a lot, thank you.",
    "Tools are slow during peak hours and customers notice.",
    "I know why our work matters for customers, the town hall made it clear.",
    "More cross-team projects, please.",
    "Please share what happened with the ideas we sent in.",
    "The onboarding buddy system worked really well for me.",
    "I still do not know who to ask when the knowledge base is wrong.",
    "Great spirit in the team this quarter.",
)
# (title, kind, opens days ago, closes days ago (negative: in the future), mood, answer share)
ROUNDS = (
    ("Engagement pulse, spring", ENGAGEMENT, 200, 186, 0.0, 0.85),
    ("Engagement pulse, summer", ENGAGEMENT, 100, 86, 0.6, 0.85),
    ("Team climate check, Customer Care", CLIMATE, 60, 46, 0.3, 0.9),
    ("Engagement pulse, winter", ENGAGEMENT, 3, -10, 0.6, 0.4),
)


def _hr() -> Person:
    return db.session.scalar(select(Person).where(Person.email == "hr@example.com"))


def _engagement_answers(rng: random.Random, mood: float, enps: bool) -> dict:
    def score():
        return max(1, min(7, round(rng.gauss(5.0 + mood, 1.3))))

    values = {"mission": score(), "feedback": max(1, score() - 1), "tools": score()}
    if enps and rng.random() < 0.9:
        values["enps"] = max(0, min(10, round(rng.gauss(7 + mood, 2))))
    return values


def _climate_answers(rng: random.Random, mood: float) -> dict:
    return {item.key: max(1, min(5, round(rng.gauss(3.6 + mood, 0.9)))) for item in CLIMATE_ITEMS}


def _answers_of(round_: PulseRound, people: list[Person], share, mood, seed: int, today):
    rng = random.Random(seed)  # noqa: S311  (demo figures, repeatable on purpose)
    care_south = db.session.scalar(select(Team.id).where(Team.name == "Care South"))
    south_answered = 0
    for person in people:
        if person.email == "employee@example.com" and round_.status == "open":
            continue  # the demo employee can answer the open round themselves
        if rng.random() > share:
            continue
        if round_.title.endswith("summer") and person.team_id == care_south:
            if south_answered >= 4:  # a team under k next to a bigger sibling
                continue
            south_answered += 1
        values = (
            _engagement_answers(rng, mood, round_.enps)
            if round_.kind == ENGAGEMENT
            else _climate_answers(rng, mood)
        )
        comment = rng.choice(COMMENTS) if round_.comments and rng.random() < 0.5 else None
        answers.answer(person, round_, values, comment, today=today)


def load_demo(today: date) -> None:
    hr = _hr()
    if hr is None:
        return
    care = db.session.scalar(select(Team.id).where(Team.name == "Customer Care"))
    for seed, (title, kind, opens_ago, closes_ago, mood, share) in enumerate(ROUNDS):
        if db.session.scalar(select(PulseRound.id).where(PulseRound.title == title)):
            continue
        opened = today - timedelta(days=opens_ago)
        data = rounds.RoundInput(
            kind=kind,
            title=title,
            opens_on=opened,
            closes_on=today - timedelta(days=closes_ago),
            team_ids=[care] if kind == CLIMATE and care else [],
            enps=kind == ENGAGEMENT,
            comments=kind == ENGAGEMENT,
        )
        round_ = rounds.create_round(hr, data, today=opened)
        rounds.open_round(hr, round_, today=opened)
        _answers_of(round_, rounds.audience(round_), share, mood, seed, opened)
        if closes_ago > 0:
            rounds.close_round(hr, round_)
    db.session.flush()
