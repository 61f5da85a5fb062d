"""Demo survey results: two years of quarterly NPS and CSAT per customer-facing team.

They come in as a batch through the same checks and the same save as the import and
the API (idempotent on `external_id`), from a seeded generator: Care North, whose
ambassadors and recognition are busiest in the demo, drifts up; the others wobble.
"""

import random
from datetime import date

from sqlalchemy import select

from eximpact.extensions import db
from eximpact.org.models import Team
from eximpact.periods import QUARTER, period_of
from eximpact.surveys.services.results import check_results, conflicts, save_results

CUSTOMER_FACING = {  # team: (NPS at the start, its drift per quarter)
    "Care North": (28, 2.5),
    "Care South": (34, 0.5),
    "Field Service": (22, 1.0),
    "Sales": (40, -0.5),
}
QUARTERS = 8
SOURCE = "Customer survey (demo)"


class DemoSurveyError(RuntimeError):
    pass


def _rows(teams: dict[str, int], today: date) -> list[dict]:
    rng = random.Random(12)  # noqa: S311 (demo figures, not secrets)
    last = period_of(today, QUARTER).previous()
    rows = []
    for name, (start, drift) in CUSTOMER_FACING.items():
        if name not in teams:
            continue
        for step in range(QUARTERS):
            period = last.shifted(step - QUARTERS + 1)
            nps = max(-100, min(100, round(start + drift * step + rng.uniform(-4, 4))))
            csat = round(min(100.0, 70 + nps / 4 + rng.uniform(-3, 3)), 1)
            n = rng.randint(40, 180)
            for metric, value in (("nps", nps), ("csat", csat)):
                rows.append(
                    {
                        "team_id": teams[name],
                        "period": period.key,
                        "metric": metric,
                        "value": str(value),
                        "n": n,
                        "source": SOURCE,
                        "external_id": f"demo-{metric}-{teams[name]}-{period.key}",
                    }
                )
    return rows


def load_demo(today: date) -> None:
    teams = dict(
        db.session.execute(
            select(Team.name, Team.id).where(Team.name.in_(CUSTOMER_FACING), Team.active)
        ).all()
    )
    checked, problems = check_results(_rows(teams, today))
    items = [item for item in checked if item is not None]
    problems = problems or conflicts(items)
    if problems:
        raise DemoSurveyError(f"The demo survey results are invalid: {problems}")
    save_results(None, items, via="demo")
