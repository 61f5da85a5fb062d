"""The results as CSV and as a chart, drawn from the same disclosed structure as the page
and the API: a hidden team is simply not in them."""

import io

from openpyxl import Workbook

from eximpact import charts
from eximpact.csvio import csv_line, safe_cell
from eximpact.pulse.disclosure import SHOWN
from eximpact.pulse.items import BANDS, ENGAGEMENT, items_for


def _cell(fig) -> str:
    if fig is None:
        return ""
    return "" if fig["status"] != SHOWN else fig["value"]


def results_rows(results: dict) -> tuple[list, list[list]]:
    """(header, rows): one row per team, the organisation first; a hidden cell is empty and
    `status` says why. CSV and XLSX both write these rows."""
    kind = results["round"]["kind"]
    keys = [item.key for item in items_for(kind)]
    with_enps = kind == ENGAGEMENT and results["round"]["enps"]
    header = ["team_id", "team", "parent_id", "status", "invited", "responses", "participation"]
    if kind == ENGAGEMENT:
        header += ["engaged_share", "mean", *(f"band_{b}" for b in BANDS)]
    else:
        header += ["climate_index"]
    header += [f"item_{key}" for key in keys]
    if with_enps:
        header += ["enps", "enps_status"]
    header += ["change"]
    rows = []
    for row in [results["organisation"], *results["teams"]]:
        values = [
            row["team_id"] or "",
            row["name"],
            row["parent_id"] or "",
            row["status"],
            row["invited"],
            _cell(row["responses"]),
            _cell(row["participation"]),
        ]
        if kind == ENGAGEMENT:
            values += [_cell(row["engaged_share"]), _cell(row["mean"])]
            values += [_cell(row["bands"][b]) for b in BANDS]
        else:
            values += [_cell(row["climate_index"])]
        values += [_cell(row["items"][key]) for key in keys]
        if with_enps:
            values += [_cell(row["enps"]), row["enps"]["status"]]
        values += [_cell(row["change"])]
        rows.append(values)
    return header, rows


def results_csv(results: dict) -> str:
    header, rows = results_rows(results)
    return "".join(csv_line(values) for values in [header, *rows])


def results_xlsx(results: dict) -> bytes:
    header, rows = results_rows(results)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Results")
    sheet.append([results["round"]["title"], f"k = {results['min_group']}"])
    sheet.append(header)
    for values in rows:
        sheet.append([safe_cell(v) if isinstance(v, str) else v for v in values])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def headline_chart(results: dict):
    """The headline per shown team (engaged share in %, or the climate index); None if none."""
    engagement = results["round"]["kind"] == ENGAGEMENT
    key = "engaged_share" if engagement else "climate_index"
    rows = [r for r in [results["organisation"], *results["teams"]] if r["status"] == SHOWN]
    if not rows:
        return None
    values = [r[key]["value"] * 100 if engagement else r[key]["value"] for r in rows]
    title = "Share engaged (%), teams with enough answers" if engagement else "Climate index"
    return charts.horizontal_bar(
        title, [r["name"] for r in rows], {title: [round(v, 1) for v in values]}, range=(0, 100)
    )
