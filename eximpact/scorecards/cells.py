"""The scorecard table's cells as display text, worked out once in Python.

The page shows a row per team (500 at a large customer) of 15 metrics; rendering each
cell through a template macro cost most of the page's time. Here each cell becomes
`Cell(text, change, words, muted)` (shares in per cent, changes of shares in points,
hidden employee figures as words), and the templates only print them: the team card
through `templates/scorecards/_cells.html`, the scorecard inline.
"""

from dataclasses import dataclass

from eximpact.pulse.disclosure import SHOWN

HIDDEN_WORDS = {
    "no_round": "No round yet",
    "withheld_to_protect_others": "Withheld",
}
NOT_ENOUGH_WORDS = "Not enough responses"


@dataclass(frozen=True)
class Cell:
    text: str | None  # None: show `muted` instead
    change: str | None = None
    words: str | None = None
    muted: str = "—"


def _number(value, share: bool) -> str:
    return f"{round(value * 100)} %" if share else str(value)


def _change(change, share: bool) -> str | None:
    if change is None:
        return None
    sign = "+" if change > 0 else ""
    return f"{sign}{round(change * 100, 1)} pts" if share else f"{sign}{change}"


def metric_cell(metric: dict, share: bool = False) -> Cell:
    value = metric["value"]
    return Cell(
        None if value is None else _number(value, share),
        _change(metric["change"], share),
        metric.get("words"),
    )


def employee_cell(metric: dict, share: bool = False) -> Cell:
    figure = metric["value"]
    if figure["status"] != SHOWN:
        return Cell(None, muted=HIDDEN_WORDS.get(figure["status"], NOT_ENOUGH_WORDS))
    return Cell(_number(figure["value"], share), _change(metric["change"], share))


def row_cells(row: dict, internal, external) -> list[Cell]:
    """The cells of one team's row, in the table's column order."""
    cells = [metric_cell(row["internal"][key], key.endswith("_share")) for key in internal]
    cells += [metric_cell(row["external"][key]) for key in external]
    cells.append(employee_cell(row["employee"]["engaged_share"], share=True))
    cells.append(employee_cell(row["employee"]["climate_index"]))
    return cells
