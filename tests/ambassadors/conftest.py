"""A small programme most ambassador tests start from."""

from dataclasses import dataclass
from datetime import timedelta

import pytest

from tests.ambassadors.factories import (
    TODAY,
    CxProjectFactory,
    TimeEntryFactory,
    ambassador,
    manager_with_team,
)
from tests.factories import PersonFactory


@dataclass
class Programme:
    """Maya manages a team with two ambassadors (Sam: 8 h a week, Ola: 4 h); HR is elsewhere."""

    manager: object
    team: object
    sam: object
    ola: object
    hr: object
    project: object
    other_project: object

    def entry(self, person=None, days_ago=1, **kwargs):
        return TimeEntryFactory(
            person=person or self.sam,
            project=kwargs.pop("project", self.project),
            work_date=TODAY - timedelta(days=days_ago),
            **kwargs,
        )


@pytest.fixture
def programme(app) -> Programme:
    manager, team = manager_with_team(name="Maya Manager")
    return Programme(
        manager=manager,
        team=team,
        sam=ambassador(manager=manager, team=team, allocation="8", name="Sam Ambassador"),
        ola=ambassador(manager=manager, team=team, allocation="4", name="Ola Ambassador"),
        hr=PersonFactory(roles=["hr"], name="Hana HR"),
        project=CxProjectFactory(name="Callback promise"),
        other_project=CxProjectFactory(name="Complaint causes"),
    )
