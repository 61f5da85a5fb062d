"""`flask praise import` and `flask outreach notify-overdue` (run it from cron, daily)."""

from pathlib import Path

import click
from flask.cli import AppGroup

from eximpact.extensions import db
from eximpact.imports import encoding_option, run_import_command

praise = AppGroup("praise", help="Customer praise.")
outreach = AppGroup("outreach", help="Leaders' follow-ups on customer praise.")


@praise.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@encoding_option
def import_command(path: Path, encoding: str | None) -> None:
    """Import praise from a CSV file; nothing is stored if any row is bad."""
    from eximpact.praise.services.importer import PRAISE_FILE, import_praise

    run_import_command(
        {PRAISE_FILE: path}, encoding, lambda texts: import_praise(None, texts[PRAISE_FILE])
    )


@outreach.command("notify-overdue")
def notify_overdue_command() -> None:
    """E-mail leaders about follow-ups past their due date (each one once)."""
    from eximpact import clock
    from eximpact.praise.services.outreach import notify_overdue

    count = notify_overdue(clock.today())
    db.session.commit()
    click.echo(f"{count} overdue follow-up(s) reminded; `flask outbox send` delivers the e-mail.")
