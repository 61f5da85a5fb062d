"""The scorecard as CSV and XLSX: the same rows as the page and API, the same disclosure.

Employee columns write their value only when shown; otherwise the status words.
"""

import io

from openpyxl import Workbook

from eximpact.csvio import csv_line, safe_cell
from eximpact.scorecards.services.scorecard import EXTERNAL, INTERNAL, LABELS, survey_metrics

EMPLOYEE = ("engaged_share", "climate_index")
SURVEY_PARTS = ("value", "n", "previous", "change")


def header(data: dict) -> list[str]:
    columns = ["team_id", "team", "parent_id", "people"]
    for key in (*INTERNAL, *EXTERNAL, *EMPLOYEE):
        columns += [key, f"{key}_previous", f"{key}_change"]
    for metric in survey_metrics(data):
        key = f"survey_{metric}"
        columns += [key, f"{key}_n", f"{key}_previous", f"{key}_change"]
    return columns


def _employee(figure: dict):
    return figure["value"] if figure["status"] == "shown" else figure["status"]


def rows(data: dict):
    """One list per team, in the header's order."""
    surveys = survey_metrics(data)
    for team in data["teams"]:
        out = [team["team_id"], team["name"], team["parent_id"], team["people"]]
        for family, keys in (("internal", INTERNAL), ("external", EXTERNAL)):
            for key in keys:
                metric = team[family][key]
                out += [metric["value"], metric["previous"], metric["change"]]
        for key in EMPLOYEE:
            metric = team["employee"][key]
            out += [_employee(metric["value"]), _employee(metric["previous"]), metric["change"]]
        for metric in surveys:
            cell = team["external"]["survey"].get(metric) or dict.fromkeys(SURVEY_PARTS)
            out += [cell[part] for part in SURVEY_PARTS]
        yield out


def _plain(value):
    return "" if value is None else value


def csv_text(data: dict) -> str:
    lines = [csv_line(header(data))]
    lines.extend(csv_line([_plain(v) for v in row]) for row in rows(data))
    return "".join(lines)


def xlsx_bytes(data: dict) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(f"Scorecard {data['period']['key']}")
    sheet.append(
        [f"Scorecard, {data['period']['name']} (change from {data['period']['previous']})"]
    )
    sheet.append([LABELS.get(name, name) for name in header(data)])
    for row in rows(data):
        sheet.append([safe_cell(v) if isinstance(v, str) else v for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
