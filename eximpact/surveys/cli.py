"""`flask surveys import FILE`: survey results from a CSV file, through the page's importer."""

from pathlib import Path

import click
from flask.cli import AppGroup

from eximpact.csvio import CsvFileError, decode_upload
from eximpact.extensions import db

surveys = AppGroup("surveys", help="External survey results (NPS, CSAT, CES …).")


@surveys.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(path: Path) -> None:
    """Import survey results from a CSV file; nothing is stored if any row is bad."""
    from eximpact.surveys.services.importer import import_results

    try:
        text = decode_upload(path.read_bytes(), path.name)
    except CsvFileError as error:
        raise click.ClickException(f"{error.error.file}: {error.error.message}") from error
    result = import_results(None, text, via="cli")
    if not result.ok:
        db.session.rollback()
        for error in result.errors:
            click.echo(f"{path.name}:{error.line}: {error.message}", err=True)
        raise click.ClickException(f"{len(result.errors)} problem(s): nothing was imported.")
    db.session.commit()
    click.echo(result.summary)
