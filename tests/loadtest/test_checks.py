"""The load test's verdicts (loadtest/): what counts as lost, duplicated, or cut by a fault.

The checks themselves must be able to fail, or a green `make loadtest` proves nothing.
"""

from collections import Counter

from loadtest.checks import Verdict, _final_states, _same, check_stored_once
from loadtest.ledger import ACKED, DOUBT, REFUSED, outcome
from loadtest.report import figures, summary_line


def test_an_answer_is_acknowledged_refused_or_in_doubt():
    assert [outcome(s) for s in (200, 201, 302, 409, 422, 500, 0, None)] == [
        ACKED,
        ACKED,
        ACKED,
        REFUSED,
        REFUSED,
        DOUBT,
        DOUBT,
        DOUBT,
    ]


def test_an_acknowledged_write_that_is_not_stored_is_lost():
    verdict = Verdict()
    check_stored_once(verdict, "entry", [(ACKED, ["a", "b"])], Counter({"a": 1}))
    assert (verdict.lost, verdict.duplicated, verdict.breaks) == (1, 0, 0)


def test_a_write_stored_twice_or_stored_though_refused_is_duplicated():
    verdict = Verdict()
    check_stored_once(
        verdict, "entry", [(ACKED, ["a"]), (REFUSED, ["b"])], Counter({"a": 2, "b": 1})
    )
    assert (verdict.lost, verdict.duplicated) == (0, 2)


def test_a_cut_batch_may_be_stored_whole_or_not_at_all_but_never_in_part():
    verdict = Verdict()
    stored = Counter({"a": 1, "b": 1, "x": 1})
    check_stored_once(verdict, "entry", [(DOUBT, ["a", "b"]), (DOUBT, ["c", "d"])], stored)
    assert verdict.breaks == 0
    check_stored_once(verdict, "entry", [(DOUBT, ["x", "y"])], stored)
    assert verdict.breaks == 1


def test_a_week_may_end_as_last_acknowledged_or_as_a_cut_save_after_it():
    saves = [
        {"t0": 1, "status": 302, "state": {"k": 1.0}},
        {"t0": 2, "status": 200, "state": {"k": 9.0}},  # refused: must leave no trace
        {"t0": 3, "status": 302, "state": {"k": 2.0}},
        {"t0": 4, "status": 0, "state": {"k": 3.0}},
    ]
    allowed = _final_states(saves)
    assert allowed == [{"k": 2.0}, {"k": 3.0}]
    assert not any(_same({"k": 9.0}, state) for state in allowed)
    assert not _same({"k": None}, {"k": 0.0})


def test_failures_inside_a_fault_window_are_counted_apart_from_server_errors():
    requests = [
        (10.0, 10.2, 200, "GET /"),
        (10.5, 11.0, 500, "POST /api/v1/praise"),  # inside the window
        (11.5, 12.0, 0, "GET /"),  # the window's grace still covers it
        (20.0, 20.1, 500, "GET /wall"),  # nothing was failing then
    ]
    numbers = figures(requests, [("worker killed", 10.4, 11.6)], 10.0, 20.1)
    assert (numbers.requests, numbers.cut_by_faults, numbers.server_errors) == (4, 2, 1)
    line = summary_line(numbers, Verdict())
    assert line.startswith("loadtest: 4 requests, 0/s, p95 ")
    assert line.endswith(
        "0 lost, 0 duplicated, 0 invariant breaks, 1 server errors outside fault windows"
    )
