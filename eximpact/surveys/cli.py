"""`flask surveys import FILE`: survey results from a CSV file, through the page's importer."""

from pathlib import Path

import click
from flask.cli import AppGroup

from eximpact.imports import encoding_option, run_import_command

surveys = AppGroup("surveys", help="External survey results (NPS, CSAT, CES …).")


@surveys.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@encoding_option
def import_command(path: Path, encoding: str | None) -> None:
    """Import survey results from a CSV file; nothing is stored if any row is bad."""
    from eximpact.surveys.services.importer import SURVEY_FILE, import_results

    run_import_command(
        {SURVEY_FILE: path},
        encoding,
        lambda texts: import_results(None, texts[SURVEY_FILE], via="cli"),
    )
