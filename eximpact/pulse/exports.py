"""The results as CSV and as a chart, drawn from the same disclosed structure as the page
and the API: a hidden team is simply not in them."""

from eximpact import charts
from eximpact.csvio import csv_line
from eximpact.pulse.disclosure import SHOWN
from eximpact.pulse.items import BANDS, ENGAGEMENT, items_for


def _cell(fig) -> str:
    if fig is None:
        return ""
    return "" if fig["status"] != SHOWN else fig["value"]


def results_csv(results: dict) -> str:
    """One row per team (the organisation first); a hidden cell is empty and `status` says why."""
    kind = results["round"]["kind"]
    keys = [item.key for item in items_for(kind)]
    header = ["team_id", "team", "parent_id", "status", "invited", "responses", "participation"]
    if kind == ENGAGEMENT:
        header += ["engaged_share", "mean", *(f"band_{b}" for b in BANDS)]
    else:
        header += ["climate_index"]
    header += [f"item_{key}" for key in keys]
    if kind == ENGAGEMENT and results["round"]["enps"]:
        header += ["enps", "enps_status"]
    header += ["change"]
    lines = [csv_line(header)]
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
        if kind == ENGAGEMENT and results["round"]["enps"]:
            values += [_cell(row["enps"]), row["enps"]["status"]]
        values += [_cell(row["change"])]
        lines.append(csv_line(values))
    return "".join(lines)


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
