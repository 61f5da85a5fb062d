"""A closed round's tally: written when it closes, equal to a count over its answers, and
the headline it gives equal to the results' own figures."""

import random
from collections import Counter

from sqlalchemy import select

from eximpact.extensions import db
from eximpact.pulse.items import CLIMATE, CLIMATE_ITEMS, ENGAGEMENT, ENGAGEMENT_ITEMS
from eximpact.pulse.maths import climate_stats, engagement_stats, headline_of_scores
from eximpact.pulse.models import PulseResponse, PulseTally
from eximpact.pulse.services import rounds
from eximpact.pulse.services.tally import answer_score
from tests.factories import PersonFactory
from tests.pulse.factories import CustomerCare, answer_as, make_round, open_round


def _random_answers(rng, kind):
    items = ENGAGEMENT_ITEMS if kind == ENGAGEMENT else CLIMATE_ITEMS
    return {item.key: rng.randint(item.minimum, item.maximum) for item in items}


def _tally(round_id) -> Counter:
    rows = db.session.execute(
        select(PulseTally.team_id, PulseTally.score, PulseTally.responses).where(
            PulseTally.round_id == round_id
        )
    )
    return Counter({(team, score): n for team, score, n in rows})


def _counted(round_, kind) -> Counter:
    rows = db.session.execute(
        select(PulseResponse.team_id, PulseResponse.answers).where(
            PulseResponse.round_id == round_.id
        )
    )
    return Counter((team, answer_score(kind, answers)) for team, answers in rows)


def test_closing_a_round_writes_its_tally_equal_to_a_count_over_its_answers(app):
    """Nothing is tallied while the round is open; closing counts every answer once, by the
    team it was given in and the sum of its items, for both kinds of round."""
    rng = random.Random(7)
    org = CustomerCare()
    hr = PersonFactory(roles=["hr"])
    for kind in (ENGAGEMENT, CLIMATE):
        round_ = open_round(hr, make_round(hr, teams=[org.care], kind=kind, title=kind))
        for person in [org.head, *org.north_people, *org.south_people[:5]]:
            answer_as([person], round_, _random_answers(rng, kind))
        assert _tally(round_.id) == Counter()
        rounds.close_round(hr, round_)
        tally = _tally(round_.id)
        assert tally == _counted(round_, kind)
        assert sum(tally.values()) == 14
        assert {team for team, _ in tally} == {org.care.id, org.north.id, org.south.id}


def test_the_headline_of_the_scores_equals_the_results_figures_to_the_last_digit():
    """Engaged share and climate index from `{score: how many}` equal engagement_stats and
    climate_stats of the same answers, over many random groups of every size."""
    rng = random.Random(12)
    for size in [*range(1, 40), 97, 250, 1000]:
        for kind in (ENGAGEMENT, CLIMATE):
            answers = [_random_answers(rng, kind) for _ in range(size)]
            scores = Counter(answer_score(kind, a) for a in answers)
            headline = headline_of_scores(kind, scores)
            if kind == ENGAGEMENT:
                assert headline["engaged_share"] == engagement_stats(answers)["engaged_share"]
            else:
                assert headline["climate_index"] == climate_stats(answers)["climate_index"]
            assert headline["n"] == size
