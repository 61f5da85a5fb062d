"""The hours CSV: every value written by the database exactly as the export promises,
defused against spreadsheet formulas, streamed in batches at a fixed number of queries."""

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from eximpact.csvio import csv_chunks
from tests.ambassadors.factories import TODAY, CxProjectFactory, TimeEntryFactory, ambassador
from tests.factories import TeamFactory

API = "/api/v1/reports/hours.csv"
JAN = date(TODAY.year, 1, 1)
PERIOD = f"from={JAN.isoformat()}&to={(JAN + timedelta(days=59)).isoformat()}"


def table(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_each_value_is_written_as_the_export_promises(api, programme):
    entry = TimeEntryFactory(
        person=programme.sam,
        project=programme.project,
        work_date=JAN + timedelta(days=2),
        hours=Decimal("1.5"),
        status="rejected",
        note="Called back the Smiths",
        rejection_reason="Wrong project",
        submitted_at=datetime(TODAY.year, 1, 4, 17, 5, 9, 654321),
        decided_at=datetime(TODAY.year, 1, 5, 8, 0, 0),
        decided_by=programme.manager,
    )
    [row] = table(api(programme.hr).get(f"{API}?{PERIOD}"))
    assert row == {
        "entry_id": str(entry.id),
        "date": entry.work_date.isoformat(),
        "week_start": entry.week_start.isoformat(),
        "person_id": str(programme.sam.id),
        "person": "Sam Ambassador",
        "email": programme.sam.email,
        "team": programme.team.name,
        "project_id": str(programme.project.id),
        "project": "Callback promise",
        "initiative": programme.project.initiative.title,
        "pillar": programme.project.initiative.pillar,
        "hours": "1.50",
        "status": "rejected",
        "note": "Called back the Smiths",
        "rejection_reason": "Wrong project",
        "submitted_at": f"{TODAY.year}-01-04T17:05:09Z",  # seconds, no fraction, UTC
        "decided_at": f"{TODAY.year}-01-05T08:00:00Z",
        "decided_by": "Maya Manager",
    }


def test_what_is_missing_is_an_empty_cell_and_whole_hours_keep_two_decimals(api, programme):
    TimeEntryFactory(person=programme.ola, project=programme.project, work_date=JAN, hours=3)
    [row] = table(api(programme.hr).get(f"{API}?{PERIOD}"))
    assert row["hours"] == "3.00"
    assert row["submitted_at"] == row["decided_at"] == row["decided_by"] == ""
    assert row["rejection_reason"] == ""


def test_every_text_a_spreadsheet_would_run_is_defused(api, programme):
    team = TeamFactory(name="+Team Plus")
    person = ambassador(team=team, name="=Eve Formula")
    project = CxProjectFactory(name="-Minus project")
    TimeEntryFactory(
        person=person, project=project, work_date=JAN, status="approved", note="@SUM(A1)"
    )
    [row] = table(api(programme.hr).get(f"{API}?{PERIOD}"))
    assert (row["person"], row["team"], row["project"], row["note"]) == (
        "'=Eve Formula",
        "'+Team Plus",
        "'-Minus project",
        "'@SUM(A1)",
    )


@pytest.mark.parametrize("entries", [3, 40])
def test_the_csv_costs_the_same_queries_however_many_entries(
    api, programme, count_queries, entries
):
    for day in range(entries):
        TimeEntryFactory(
            person=programme.sam,
            project=programme.project,
            work_date=JAN + timedelta(days=day % 50),
        )
    client = api(programme.hr)
    with count_queries() as counter:
        response = client.get(f"{API}?{PERIOD}")
        assert len(table(response)) == entries
    assert counter.count == 8, counter.statements


def test_batches_are_written_as_they_arrive_behind_one_header():
    chunks = csv_chunks(("a", "b"), iter([[(1, "x,y")], [(2, None), (3, "z")]]))
    assert next(chunks) == 'a,b\r\n1,"x,y"\r\n'  # the header goes out with the first batch
    assert list(chunks) == ["2,\r\n3,z\r\n", ""]
