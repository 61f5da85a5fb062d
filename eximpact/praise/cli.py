"""`flask praise import` and `flask outreach notify-overdue` (run it from cron, daily)."""

from pathlib import Path

import click
from flask.cli import AppGroup

from eximpact.csvio import CsvFileError, decode_upload
from eximpact.extensions import db

praise = AppGroup("praise", help="Customer praise.")
outreach = AppGroup("outreach", help="Leaders' follow-ups on customer praise.")


@praise.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(path: Path) -> None:
    """Import praise from a CSV file; nothing is stored if any row is bad."""
    from eximpact.praise.services.importer import import_praise

    try:
        text = decode_upload(path.read_bytes(), path.name)
    except CsvFileError as error:
        raise click.ClickException(f"{error.error.file}: {error.error.message}") from error
    result = import_praise(None, text)
    if not result.ok:
        db.session.rollback()
        for error in result.errors:
            click.echo(f"{path.name}:{error.line}: {error.message}", err=True)
        raise click.ClickException(f"{len(result.errors)} problem(s): nothing was imported.")
    db.session.commit()
    click.echo(f"praise: {result.created} added, {result.unchanged} already there")


@outreach.command("notify-overdue")
def notify_overdue_command() -> None:
    """E-mail leaders about follow-ups past their due date (each one once)."""
    from eximpact import clock
    from eximpact.praise.services.outreach import notify_overdue

    count = notify_overdue(clock.today())
    db.session.commit()
    click.echo(f"{count} overdue follow-up(s) reminded; `flask outbox send` delivers the e-mail.")
