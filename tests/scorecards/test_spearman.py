"""Spearman's ρ with ties as average ranks, and its Fisher-z (Bonett–Wright) interval."""

from math import atanh, sqrt, tanh

import pytest

from eximpact.scorecards.services.spearman import average_ranks, spearman


def test_ties_share_the_average_of_their_ranks():
    """[10, 20, 20, 30] ranks 1, 2.5, 2.5, 4."""
    assert average_ranks([10, 20, 20, 30]) == [1, 2.5, 2.5, 4]
    assert average_ranks([3, 3, 3]) == [2, 2, 2]


def test_rho_without_ties_matches_the_textbook_formula():
    """No ties: ρ = 1 − 6 Σd² / (n (n² − 1)); here Σd² = 4, n = 8, so ρ = 1 − 24/504."""
    xs = [1, 2, 3, 4, 5, 6, 7, 8]
    ys = [2, 1, 3, 4, 5, 6, 8, 7]
    result = spearman(xs, ys)
    rho = 1 - 6 * 4 / (8 * 63)
    assert result["rho"] == pytest.approx(rho, abs=1e-4)
    se = sqrt((1 + rho**2 / 2) / 5)
    assert result["ci_low"] == pytest.approx(tanh(atanh(rho) - 1.959964 * se), abs=1e-4)
    assert result["ci_high"] == pytest.approx(tanh(atanh(rho) + 1.959964 * se), abs=1e-4)


def test_rho_with_ties_is_pearson_of_the_average_ranks():
    """x ranks 1,2.5,2.5,4,5,6,7,8 against y in order: worked out by hand, ρ = 0.99398."""
    xs = [1, 2, 2, 4, 5, 6, 7, 8]
    ys = [1, 2, 3, 4, 5, 6, 7, 8]
    # ranks of x: mean 4.5; Σ(rx−4.5)(ry−4.5) = 41.5, Σ(rx−4.5)² = 41.5, Σ(ry−4.5)² = 42
    assert spearman(xs, ys)["rho"] == pytest.approx(41.5 / sqrt(41.5 * 42), abs=1e-4)


def test_fewer_than_eight_teams_give_no_rho():
    """Seven pairs: too few teams to tell."""
    assert spearman(list(range(7)), list(range(7))) is None


def test_a_figure_without_spread_gives_no_rho():
    """Every team alike on one axis: no correlation to speak of, not a division by zero."""
    assert spearman([1] * 9, list(range(9))) is None


def test_a_perfect_order_has_a_closed_interval():
    """ρ = 1: the interval is [1, 1], not an infinite z."""
    assert spearman(list(range(8)), list(range(8))) == {"rho": 1.0, "ci_low": 1.0, "ci_high": 1.0}
