"""CSV import of survey results, checked as a whole: the page and `flask surveys import`.

Columns: team (its name or id), period, metric, value, n, and optionally source and
external_id. Read as every import reads Excel's files (`eximpact.csvio`), a decimal
comma accepted (`45,5`). Every row goes through `results.check_results`; on
any bad row nothing is stored and every bad row is named with its line. A row without
an external id is matched by its natural key (team, metric, period, source), so the
same file imported again stores nothing new, and the result says so.
"""

from dataclasses import dataclass, field

from sqlalchemy import func, select

from eximpact.csvio import CsvFileError, RowError, read_rows
from eximpact.extensions import db
from eximpact.org.models import Person, Team
from eximpact.surveys.services import results
from eximpact.validation import whole_number

SURVEY_FILE = "survey-results.csv"
REQUIRED_COLUMNS = {"team", "period", "metric", "value", "n"}
OPTIONAL_COLUMNS = {"source", "external_id"}
TEMPLATE = (
    "team,period,metric,value,n,source,external_id\n"
    "Customer Care,2026-Q3,nps,42,118,Medallia,\n"
    "Customer Care,2026-Q3,csat,87.5,240,Medallia,\n"
)


@dataclass
class SurveyImportResult:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def summary(self) -> str:
        if not (self.created or self.updated):
            return f"Nothing new: all {self.unchanged} result(s) were already stored."
        return (
            f"Import done: {self.created} added, {self.updated} updated, "
            f"{self.unchanged} already there."
        )


def _team_ids(names: set[str]) -> dict[str, int]:
    """Team names (any case) or ids → team id, in one query; unknown ones are absent."""
    ids = {name: number for name in names if (number := whole_number(name)) is not None}
    lowered = {name.lower() for name in names}
    rows = db.session.execute(
        select(Team.id, Team.name).where(
            # The exact name too: SQLite's lower() leaves non-ASCII letters ("Łódź") as they are.
            func.lower(Team.name).in_(lowered)
            | Team.name.in_(names)
            | Team.id.in_(set(ids.values()))
        )
    ).all()
    by_name = {name.lower(): team_id for team_id, name in rows}
    known = {team_id for team_id, _name in rows}
    out = {}
    for name in names:
        if name.lower() in by_name:
            out[name] = by_name[name.lower()]
        elif ids.get(name) in known:
            out[name] = ids[name]
    return out


def import_results(actor: Person | None, text: str, via: str = "csv") -> SurveyImportResult:
    """Check every row, then store (flush) what is new; the caller commits or rolls back."""
    result = SurveyImportResult()
    lines, rows = [], []
    try:
        for line, raw in read_rows(text, SURVEY_FILE, REQUIRED_COLUMNS, OPTIONAL_COLUMNS):
            if raw is None:
                result.errors.append(
                    RowError(
                        SURVEY_FILE, line, "This row has more cells than the header has columns."
                    )
                )
                continue
            lines.append(line)
            rows.append(raw)
    except CsvFileError as error:
        result.errors = [error.error]
        return result
    teams = _team_ids({row["team"] for row in rows if row["team"]})
    checked_rows = []
    for row in rows:
        n = whole_number(row["n"])
        checked_rows.append(
            {
                **row,
                "team_id": teams.get(row["team"], row["team"] or None),
                "n": n if n is not None else row["n"],
            }
        )
    checked, problems = results.check_results(checked_rows)
    if not problems:
        problems = results.conflicts(checked)
    for index, fields in problems.items():
        for name, messages in fields.items():
            column = "team" if name == "team_id" else name
            for message in messages:
                if column == "team":
                    message = f"No active team is called or numbered {rows[index]['team']!r}."
                result.errors.append(RowError(SURVEY_FILE, lines[index], f"{column}: {message}"))
    if result.errors:
        result.errors.sort(key=lambda error: error.line)
        return result
    if not checked:
        result.errors = [RowError(SURVEY_FILE, 1, "The file has no results: only a header.")]
        return result
    saved = results.save_results(actor, checked, via)
    result.created, result.updated, result.unchanged = saved.created, saved.updated, saved.unchanged
    return result
