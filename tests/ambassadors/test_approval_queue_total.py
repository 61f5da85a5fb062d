"""The approval queue counts its weeks in the page's own query: the total is exact on
every page, and a page past the end still knows how many weeks wait."""

from datetime import timedelta

from eximpact.ambassadors.models import monday_of
from eximpact.ambassadors.services.approvals import approval_queue
from tests.ambassadors.factories import TODAY, ambassador
from tests.ambassadors.test_approvals import submitted


def weeks_waiting(programme, people: int, weeks: int) -> None:
    for _ in range(people):
        person = ambassador(manager=programme.manager, team=programme.team)
        for weeks_ago in range(1, weeks + 1):
            submitted(person, programme.project, week=monday_of(TODAY) - timedelta(weeks=weeks_ago))


def test_the_total_counts_every_week_waiting_not_the_entries(programme):
    weeks_waiting(programme, people=3, weeks=3)  # 9 weeks of 2 entries each
    first = approval_queue(programme.manager, 1, 4)
    last = approval_queue(programme.manager, 3, 4)
    assert (first.total, len(first.items), first.pages) == (9, 4, 3)
    assert (last.total, len(last.items)) == (9, 1)


def test_a_page_past_the_end_is_empty_and_still_knows_the_total(programme):
    weeks_waiting(programme, people=1, weeks=2)
    beyond = approval_queue(programme.manager, 5, 4)
    assert (beyond.total, beyond.items) == (2, [])


def test_an_empty_queue_has_no_weeks(programme):
    queue = approval_queue(programme.manager, 1, 20)
    assert (queue.total, queue.items) == (0, [])
