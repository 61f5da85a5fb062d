"""The benchmark's pulse rounds with their anonymous answers, and imported survey results.

Pulse: every quarter an engagement pulse (with eNPS) and a team climate check, asked of
everyone and closed two weeks later. Each invitation knows its person and team and only
whether they answered; each answer holds the round, the team at opening and the scores,
checked by the app's own `clean_answers`, under a random key and written shuffled, as
closing a round leaves them (`reshuffle_answers`): no person and no time beside an answer;
then the round's tally, by the function closing a round calls.
Participation and mood differ by team, so some teams fall under k and are hidden.

Surveys: quarterly NPS and CSAT per customer-facing team (the teams below a department),
checked as a whole by the importer's own `check_results`.
"""

import random
import secrets
from collections import Counter

from sqlalchemy import select

from bench.common import FIRST_DAY, SEED, TODAY, insert_rows
from eximpact.extensions import db
from eximpact.org.models import Person, Team
from eximpact.periods import QUARTER, Period, period_of
from eximpact.pulse.items import CLIMATE, CLIMATE_ITEMS, ENGAGEMENT
from eximpact.pulse.models import (
    CLOSED,
    MIN_GROUP_DEFAULT,
    PulseInvitation,
    PulseResponse,
    PulseRound,
    new_uuid,
)
from eximpact.pulse.services.answers import clean_answers
from eximpact.pulse.services.rounds import hash_token
from eximpact.pulse.services.tally import tally_round
from eximpact.surveys.models import ExternalMetric
from eximpact.surveys.services.results import check_results

SURVEY_SOURCE = "Bench survey tool"
# Each kind opens on the 1st of the quarter's second (engagement) or third month (climate).
ROUND_MONTH = {ENGAGEMENT: 1, CLIMATE: 2}


def closed_quarters() -> list[Period]:
    """Every quarter of the data that has ended."""
    quarter, this = period_of(FIRST_DAY, QUARTER), period_of(TODAY, QUARTER)
    out = []
    while quarter < this:
        out.append(quarter)
        quarter = quarter.next()
    return out


def _engagement_answers(rng: random.Random, mood: float) -> dict:
    def score():
        return max(1, min(7, round(rng.gauss(5.0 + mood, 1.3))))

    values = {"mission": score(), "feedback": max(1, score() - 1), "tools": score()}
    if rng.random() < 0.9:
        values["enps"] = max(0, min(10, round(rng.gauss(7 + mood, 2))))
    return values


def _climate_answers(rng: random.Random, mood: float) -> dict:
    return {item.key: max(1, min(5, round(rng.gauss(3.6 + mood, 0.9)))) for item in CLIMATE_ITEMS}


def build_pulse(org: dict) -> tuple[dict, str]:
    """Closed quarterly rounds of both kinds with invitations and shuffled answers."""
    rng = random.Random(SEED + 3)
    members = db.session.execute(
        select(Person.id, Person.team_id).where(Person.active).order_by(Person.id)
    ).all()
    teams = sorted({team for _, team in members})
    # A team's mood and willingness to answer; a few teams answer too little to be shown.
    mood = {team: rng.gauss(0, 0.5) for team in teams}
    share = {team: 0.15 if rng.random() < 0.05 else rng.uniform(0.55, 0.95) for team in teams}
    rounds = answered = 0
    for quarter in closed_quarters():
        for kind, month in ROUND_MONTH.items():
            opens = quarter.start.replace(month=quarter.start.month + month)
            closes = opens.replace(day=15)
            round_ = PulseRound(
                kind=kind,
                title=f"{'Engagement pulse' if kind == ENGAGEMENT else 'Climate check'}, "
                f"{quarter.name}",
                opens_on=opens,
                closes_on=closes,
                status=CLOSED,
                min_group=MIN_GROUP_DEFAULT,
                enps=kind == ENGAGEMENT,
                comments=False,
                created_by_id=org["hr_id"],
            )
            db.session.add(round_)
            db.session.flush()
            invitations, responses = [], []
            drift = rng.gauss(0, 0.15)
            for person_id, team_id in members:
                responded = rng.random() < share[team_id]
                invitations.append(
                    {
                        "round_id": round_.id,
                        "person_id": person_id,
                        "team_id": team_id,
                        "token_hash": hash_token(secrets.token_urlsafe(24)),
                        "responded": responded,
                    }
                )
                if not responded:
                    continue
                feeling = mood[team_id] + drift
                raw = (
                    _engagement_answers(rng, feeling)
                    if kind == ENGAGEMENT
                    else _climate_answers(rng, feeling)
                )
                clean, _ = clean_answers(round_, raw, None)  # the app's own checks
                responses.append({"round_id": round_.id, "team_id": team_id, "answers": clean})
            secrets.SystemRandom().shuffle(responses)  # as closing a round leaves them
            for response in responses:
                response["id"] = new_uuid()
            insert_rows(PulseInvitation, invitations)
            insert_rows(PulseResponse, responses)
            tally_round(round_)  # what closing a round writes
            rounds += 1
            answered += len(responses)
    return {}, f"{rounds} closed rounds, {answered:,} anonymous answers"


def build_surveys(org: dict) -> tuple[dict, str]:
    """Quarterly NPS and CSAT of every team below a department, checked by the importer."""
    rng = random.Random(SEED + 4)
    facing = db.session.scalars(
        select(Team.id).where(Team.parent_id.is_not(None), Team.active).order_by(Team.id)
    ).all()
    rows = []
    for team_id in facing:
        level = rng.gauss(0, 1)
        for quarter in closed_quarters():
            n = rng.randint(20, 400)
            nps = max(-100, min(100, round(30 + 15 * level + rng.gauss(0, 8))))
            csat = max(0.0, min(100.0, round(78 + 6 * level + rng.gauss(0, 4), 1)))
            for metric, value in (("nps", nps), ("csat", csat)):
                rows.append(
                    {
                        "team_id": team_id,
                        "period": quarter.key,
                        "metric": metric,
                        "value": value,
                        "n": n,
                        "source": SURVEY_SOURCE,
                    }
                )
    checked, problems = check_results(rows)
    if problems:
        raise SystemExit(f"Survey results the importer would refuse: {list(problems.items())[:3]}")
    insert_rows(
        ExternalMetric,
        [
            {
                "team_id": item.team_id,
                "period_key": item.period.key,
                "period_start": item.period.start,
                "grain": item.period.grain,
                "metric": item.metric,
                "value": item.value,
                "n": item.n,
                "source": item.source,
                "external_id": item.external_id,
            }
            for item in checked
        ],
    )
    metrics = Counter(item.metric for item in checked)
    summary = ", ".join(f"{count:,} {metric}" for metric, count in sorted(metrics.items()))
    return {}, f"{len(facing)} customer-facing teams, {summary} results"
