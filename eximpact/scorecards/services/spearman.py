"""Spearman's rank correlation with a 95 % interval, in plain Python (scipy is not a dependency).

Ranks: ties share the average of the ranks they span. ρ is Pearson's correlation of
the ranks. Interval: Fisher's z = atanh(ρ) with the Bonett–Wright (2000) standard
error sqrt((1 + ρ²/2) / (n − 3)), back-transformed with tanh; 1.96 for 95 %.
"""

from math import atanh, sqrt, tanh

Z_95 = 1.959964
MIN_TEAMS = 8


def average_ranks(values: list[float]) -> list[float]:
    """1-based ranks; tied values get the mean of the positions they occupy."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def pearson(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if not sxx or not syy:
        return None  # one variable does not vary: no correlation to speak of
    return sxy / sqrt(sxx * syy)


def spearman(xs: list[float], ys: list[float]) -> dict | None:
    """{"rho", "ci_low", "ci_high"} or None with fewer than MIN_TEAMS pairs (or no spread)."""
    n = len(xs)
    if n < MIN_TEAMS:
        return None
    rho = pearson(average_ranks(xs), average_ranks(ys))
    if rho is None:
        return None
    if abs(rho) >= 1:
        low = high = rho
    else:
        z = atanh(rho)
        se = sqrt((1 + rho * rho / 2) / (n - 3))
        low, high = tanh(z - Z_95 * se), tanh(z + Z_95 * se)
    return {"rho": round(rho, 4), "ci_low": round(low, 4), "ci_high": round(high, 4)}
