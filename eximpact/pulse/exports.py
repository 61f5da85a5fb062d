"""The results as CSV, written from the same disclosed structure as the page and the API."""

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
