"""Hours reports: grouped in SQL, scoped to the asker, and the entries behind them as CSV/XLSX."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests.ambassadors.factories import (
    TODAY,
    CxProjectFactory,
    InitiativeFactory,
    TimeEntryFactory,
    ambassador,
    manager_with_team,
)
from tests.factories import PersonFactory

API = "/api/v1/reports/hours"
PAGE = "/ambassadors/reports"
JAN = date(TODAY.year, 1, 1)


def log(person, project, day, hours, status="approved", note=""):
    return TimeEntryFactory(
        person=person,
        project=project,
        work_date=day,
        hours=Decimal(hours),
        status=status,
        note=note,
    )


@pytest.fixture
def logged(programme):
    """Sam and Ola's time in January and February on two projects of two pillars."""
    inform = CxProjectFactory(name="Newsletter", initiative=InitiativeFactory(pillar="inform"))
    log(programme.sam, programme.project, JAN, "2.5")
    log(programme.sam, programme.project, JAN + timedelta(days=40), "1.25", status="submitted")
    log(programme.ola, programme.project, JAN + timedelta(days=3), "4")
    log(programme.ola, inform, JAN + timedelta(days=35), "3", status="rejected")
    return programme, inform


def rows(response) -> dict:
    return {row["label"]: row["hours"] for row in response.get_json()["rows"]}


def period(**extra) -> str:
    end = JAN + timedelta(days=59)
    query = {"from": JAN.isoformat(), "to": end.isoformat(), **extra}
    return "&".join(f"{k}={v}" for k, v in query.items())


def test_hours_by_project_sum_to_the_entries(api, logged):
    programme, _ = logged
    body = api(programme.hr).get(f"{API}?group_by=project&{period()}").get_json()
    assert {r["label"]: r["hours"] for r in body["rows"]} == {
        "Callback promise": 7.75,
        "Newsletter": 3.0,
    }
    assert body["total"] == sum(r["hours"] for r in body["rows"]) == 10.75
    assert body["approved_total"] == 6.5
    assert {r["key"] for r in body["rows"]} == {programme.project.id, logged[1].id}


def test_hours_by_person_team_pillar_and_month(api, logged):
    programme, _ = logged
    hr = api(programme.hr)
    assert rows(hr.get(f"{API}?group_by=person&{period()}")) == {
        "Ola Ambassador": 7.0,
        "Sam Ambassador": 3.75,
    }
    assert rows(hr.get(f"{API}?group_by=team&{period()}")) == {programme.team.name: 10.75}
    assert rows(hr.get(f"{API}?group_by=pillar&{period()}")) == {"Engage": 7.75, "Inform": 3.0}
    month = hr.get(f"{API}?group_by=month&{period()}").get_json()["rows"]
    assert [(r["key"], r["label"], r["hours"]) for r in month] == [
        (f"{TODAY.year}-01", f"Jan {TODAY.year}", 6.5),
        (f"{TODAY.year}-02", f"Feb {TODAY.year}", 4.25),
    ]


def test_people_without_a_team_are_grouped_as_no_team(api, logged):
    programme, _ = logged
    loner = ambassador(name="Lone Ranger")
    log(loner, programme.project, JAN, "1")
    assert rows(api(programme.hr).get(f"{API}?group_by=team&{period()}"))["No team"] == 1.0


def test_the_period_and_state_narrow_the_report(api, logged):
    programme, _ = logged
    hr = api(programme.hr)
    january = period(to=(JAN + timedelta(days=30)).isoformat())
    assert hr.get(f"{API}?{january}").get_json()["total"] == 6.5
    assert hr.get(f"{API}?{period(status='rejected')}").get_json()["total"] == 3.0
    assert hr.get(f"{API}?{period(person_id=programme.sam.id)}").get_json()["total"] == 3.75


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("group_by=colour", "group_by"),
        ("from=soon", "from"),
        ("status=lost", "status"),
        ("from=2026-05-01&to=2026-04-01", "to"),
    ],
)
def test_bad_report_parameters_are_named(api, programme, query, field):
    response = api(programme.hr).get(f"{API}?{query}")
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]


def test_a_manager_sees_only_their_teams(api, logged):
    programme, _ = logged
    other_boss, other_team = manager_with_team()
    log(ambassador(manager=other_boss, team=other_team), programme.project, JAN, "9")
    assert api(programme.manager).get(f"{API}?{period()}").get_json()["total"] == 10.75
    assert api(other_boss).get(f"{API}?{period()}").get_json()["total"] == 9.0
    assert api(programme.hr).get(f"{API}?{period()}").get_json()["total"] == 19.75


@pytest.mark.parametrize("roles", [[], ["ambassador"], ["admin"]])
def test_others_get_no_report(api, programme, roles):
    person = PersonFactory(roles=roles)
    assert api(person).get(API).status_code == 403
    assert api(person).get(f"{API}.csv").status_code == 403


def test_the_csv_has_a_header_row_and_one_row_per_entry(api, logged):
    programme, _ = logged
    response = api(programme.hr).get(f"{API}.csv?{period()}")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    table = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(table) == 4
    assert sum(Decimal(row["hours"]) for row in table) == Decimal("10.75")
    first = table[0]
    assert (first["date"], first["person"], first["project"], first["pillar"], first["status"]) == (
        JAN.isoformat(),
        "Sam Ambassador",
        "Callback promise",
        "engage",
        "approved",
    )
    assert response.get_data(as_text=True).splitlines()[0].startswith("entry_id,date,week_start")


def test_the_csv_defuses_text_a_spreadsheet_would_run(api, programme):
    log(programme.sam, programme.project, JAN, "1", note='=HYPERLINK("http://evil")')
    table = list(
        csv.DictReader(
            io.StringIO(api(programme.hr).get(f"{API}.csv?{period()}").get_data(as_text=True))
        )
    )
    assert table[0]["note"].startswith("'=")


def test_the_csv_is_streamed(app, programme):
    from flask import g

    from eximpact.api.reports import hours_report_csv

    with app.test_request_context(f"{API}.csv"):
        g.api_user = programme.hr
        response = hours_report_csv()  # the declared route: permission, query, view
        assert response.is_streamed


def test_the_report_page_shows_chart_table_allocation_and_budget(client, auth, logged):
    programme, _ = logged
    auth.login(programme.hr)
    page = client.get(f"{PAGE}?{period()}").get_data(as_text=True)
    assert "<svg" in page and "<script" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "Callback promise" in page and "10.75" in page
    assert "Allocation used vs agreed" in page and "Sam Ambassador" in page
    assert "Project hours vs budget" in page
    for group in ("person", "team", "pillar", "month"):
        assert client.get(f"{PAGE}?group_by={group}&{period()}").status_code == 200


def test_allocation_used_counts_the_agreed_hours_of_the_period(app, logged):
    from eximpact.ambassadors.services.reports import HoursFilter, allocation_use

    programme, _ = logged
    week = HoursFilter(JAN, JAN + timedelta(days=13))  # two weeks
    use = {row.person.name: row for row in allocation_use(programme.hr, week, TODAY)}
    assert (use["Sam Ambassador"].agreed, use["Sam Ambassador"].used) == (
        Decimal(16),
        Decimal("2.5"),
    )
    assert (use["Ola Ambassador"].agreed, use["Ola Ambassador"].used) == (Decimal(8), Decimal(4))


def test_the_xlsx_holds_the_figures_and_every_entry(client, auth, logged):
    programme, _ = logged
    auth.login(programme.hr)
    response = client.get(f"{PAGE}/hours.xlsx?group_by=pillar&{period()}")
    assert response.mimetype.endswith("spreadsheetml.sheet")
    workbook = load_workbook(io.BytesIO(response.data), read_only=True)
    summary, entries = workbook.worksheets
    figures = list(summary.iter_rows(values_only=True))
    assert figures[1] == ("Pillar", "Hours", "Approved hours")
    assert ("Engage", 7.75, 6.5) in figures and ("Total", 10.75, 6.5) in figures
    lines = list(entries.iter_rows(values_only=True))
    assert lines[0][:3] == ("entry_id", "date", "week_start") and len(lines) == 5
    assert sum(line[11] for line in lines[1:]) == 10.75
    workbook.close()


def test_the_page_csv_matches_the_api_csv(client, auth, api, logged):
    programme, _ = logged
    auth.login(programme.hr)
    page_csv = client.get(f"{PAGE}/hours.csv?{period()}").get_data(as_text=True)
    assert page_csv == api(programme.hr).get(f"{API}.csv?{period()}").get_data(as_text=True)


@pytest.mark.parametrize("people", [2, 20])
def test_the_report_page_costs_the_same_queries_however_much_time_is_logged(
    client, auth, programme, count_queries, people
):
    for _ in range(people):
        person = ambassador(manager=programme.manager, team=programme.team)
        for day in range(0, 60, 6):
            log(person, programme.project, JAN + timedelta(days=day), "1")
    auth.login(programme.hr)
    client.get(f"{PAGE}?{period()}")
    with count_queries() as counter:
        assert client.get(f"{PAGE}?{period()}").status_code == 200
    assert counter.count == 11, counter.statements


class TestOneFilterForPageAndApi:
    """The page and the API read the report's filter with one parse function."""

    def test_a_reversed_period_is_refused_by_both_naming_the_end(self, client, auth, api, logged):
        programme, _ = logged
        reversed_period = f"from={(JAN + timedelta(days=9)).isoformat()}&to={JAN.isoformat()}"
        body = api(programme.hr).get(f"{API}?{reversed_period}").get_json()
        assert body["error"]["fields"] == {"to": ["The end cannot be before the start."]}
        auth.login(programme.hr)
        response = client.get(f"{PAGE}?{reversed_period}")
        page = response.get_data(as_text=True)
        assert response.status_code == 422
        assert "The end cannot be before the start." in page
        assert f'value="{JAN.isoformat()}"' in page  # what was typed comes back

    def test_a_malformed_date_or_team_is_a_422_on_both(self, client, auth, api, logged):
        programme, _ = logged
        auth.login(programme.hr)
        for query, field in (("from=2026-02-30", "from"), ("team_id=north", "team_id")):
            assert api(programme.hr).get(f"{API}?{query}").get_json()["error"]["fields"].keys() == {
                field
            }
            assert client.get(f"{PAGE}?{query}").status_code == 422
            assert client.get(f"{PAGE}/hours.csv?{query}").status_code == 422

    def test_both_filter_by_team_id(self, client, auth, api, logged):
        programme, _ = logged
        other_boss, other_team = manager_with_team()
        log(ambassador(manager=other_boss, team=other_team), programme.project, JAN, "9")
        query = period(team_id=other_team.id, group_by="team")
        assert rows(api(programme.hr).get(f"{API}?{query}")) == {other_team.name: 9.0}
        auth.login(programme.hr)
        page = client.get(f"{PAGE}?{query}").get_data(as_text=True)
        assert other_team.name in page and programme.team.name not in page.split("<table", 1)[1]
