"""The maths of INSIGHT.md: TEEI bands and shares, eNPS, the climate index, a clear change."""

from collections.abc import Mapping
from math import sqrt
from statistics import fmean

from eximpact.pulse.items import BANDS, CLIMATE_ITEMS, ENGAGEMENT, ENGAGEMENT_ITEMS, band

Z_90 = 1.6449  # two-sided 90 %: |z| above this is a clear change


def engagement_stats(answers: list[dict]) -> dict:
    """n, share highly + moderately engaged, mean of the 3–21 sum, band shares, item means."""
    n = len(answers)
    sums = [sum(a[item.key] for item in ENGAGEMENT_ITEMS) for a in answers]
    bands = dict.fromkeys(BANDS, 0)
    for total in sums:
        bands[band(total)] += 1
    return {
        "n": n,
        "engaged": bands["highly"] + bands["moderately"],
        "engaged_share": round((bands["highly"] + bands["moderately"]) / n, 4),
        "mean": round(fmean(sums), 2),
        "bands": {key: round(count / n, 4) for key, count in bands.items()},
        "items": {
            item.key: round(fmean(a[item.key] for a in answers), 2) for item in ENGAGEMENT_ITEMS
        },
    }


def enps_stats(scores: list[int]) -> dict:
    """eNPS: % promoters (9–10) minus % detractors (0–6), with the three groups and n."""
    n = len(scores)
    promoters = sum(1 for s in scores if s >= 9)
    detractors = sum(1 for s in scores if s <= 6)
    return {
        "score": round(100 * (promoters - detractors) / n),
        "promoters": promoters,
        "passives": n - promoters - detractors,
        "detractors": detractors,
        "n": n,
    }


def climate_stats(answers: list[dict]) -> dict:
    """Item means (1–5), the index (mean − 1) × 25, and the share answering 4 or 5 on average."""
    n = len(answers)
    means = [fmean(a[item.key] for item in CLIMATE_ITEMS) for a in answers]
    favourable = sum(1 for m in means if m >= 4)
    return {
        "n": n,
        "items": {
            item.key: round(fmean(a[item.key] for a in answers), 2) for item in CLIMATE_ITEMS
        },
        "climate_index": round((fmean(means) - 1) * 25, 1),
        "favourable": favourable,
        "favourable_share": round(favourable / n, 4),
    }


def headline_of_scores(kind: str, scores: Mapping[int, int]) -> dict:
    """The headline of answers given as `{score: how many}` (score: the sum of an answer's
    items), equal to the same key of `engagement_stats` / `climate_stats` of the answers.

    Engagement: the share whose sum lies in the top two bands. Climate: the index of the
    mean of each answer's item mean, summed as `fmean` sums (each answer's mean is the
    float `score / items`; their exact sum, rounded once, over n), so not one digit differs.
    """
    n = sum(scores.values())
    if not n:
        return {"n": 0}
    if kind == ENGAGEMENT:
        engaged = sum(count for score, count in scores.items() if band(score) in BANDS[:2])
        return {"n": n, "engaged": engaged, "engaged_share": round(engaged / n, 4)}
    ratios = [
        ((score / len(CLIMATE_ITEMS)).as_integer_ratio(), count) for score, count in scores.items()
    ]
    scale = max(denominator for (_, denominator), _ in ratios)  # powers of two
    exact = sum(
        count * numerator * (scale // denominator) for (numerator, denominator), count in ratios
    )
    return {"n": n, "climate_index": round((exact / scale / n - 1) * 25, 1)}


def clear_change(hits_now: int, n_now: int, hits_before: int, n_before: int) -> str | None:
    """ "up" or "down" when a two-proportion z-test says so at 90 %; None: no clear change."""
    if not n_now or not n_before:
        return None
    pooled = (hits_now + hits_before) / (n_now + n_before)
    spread = sqrt(pooled * (1 - pooled) * (1 / n_now + 1 / n_before))
    if spread == 0:
        return None
    z = (hits_now / n_now - hits_before / n_before) / spread
    if abs(z) <= Z_90:
        return None
    return "up" if z > 0 else "down"
