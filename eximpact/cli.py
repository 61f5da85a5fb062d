"""Command-line tasks: `flask seed`, `flask org import`, `flask outbox send`."""

from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from eximpact.extensions import db
from eximpact.imports import encoding_option, run_import_command

seed = AppGroup("seed", help="Load demo data.")
org = AppGroup("org", help="People and teams.")
outbox = AppGroup("outbox", help="The outbox: e-mail, and Slack and Teams messages.")


@seed.command("demo")
@click.option("--if-empty", is_flag=True, help="Only when the database has no people yet.")
def seed_demo(if_empty: bool) -> None:
    """Load the demo organisation (idempotent)."""
    from eximpact.demo import DEMO_PASSWORD, DEMO_SIGN_INS, database_is_empty, load_demo

    if if_empty and not database_is_empty():
        click.echo("The database already has people: demo data not loaded.")
        return
    load_demo()
    db.session.commit()
    click.echo(f"Demo data loaded. Sign in with any of these (password: {DEMO_PASSWORD}):")
    for email, what in DEMO_SIGN_INS:
        click.echo(f"  {email:<26} {what}")


@org.command("import")
@click.option("--teams", "teams_path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--people", "people_path", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--invite", is_flag=True, help="E-mail an invitation to each person it adds.")
@encoding_option
def import_command(
    teams_path: Path | None, people_path: Path | None, invite: bool, encoding: str | None
) -> None:
    """Import teams and/or people from CSV; nothing is stored if any row is bad."""
    from eximpact.org.importer import PEOPLE_FILE, TEAMS_FILE, import_org

    if not teams_path and not people_path:
        raise click.UsageError("Give --teams, --people or both.")
    run_import_command(
        {TEAMS_FILE: teams_path, PEOPLE_FILE: people_path},
        encoding,
        lambda texts: import_org(
            None, texts.get(TEAMS_FILE), texts.get(PEOPLE_FILE), invite=invite
        ),
    )


@org.command("invite")
@click.option(
    "--without-password",
    is_flag=True,
    required=True,
    help="Everyone active who has no password yet (e.g. after an import).",
)
def invite_command(without_password: bool) -> None:
    """Queue invitation e-mails with a link to choose a password."""
    from sqlalchemy import select

    from eximpact.auth.password_links import invite
    from eximpact.org.models import Person

    people = db.session.scalars(
        select(Person).where(Person.active, Person.password_hash.is_(None))
    ).all()
    count = invite(people, None)
    db.session.commit()
    click.echo(f"Queued {count} invitation(s); `flask outbox send` delivers them.")


@outbox.command("send")
@click.option("--limit", default=500, show_default=True, help="At most this many messages.")
def outbox_send(limit: int) -> None:
    """Send due e-mail (SMTP) and chat messages (HTTP); failures wait for their retry time."""
    from eximpact.notifications.services import send_pending

    sent, failed = send_pending(limit=limit)
    click.echo(f"Sent {sent}, failed {failed} (retried later, unless refused for good).")
    if failed and not sent:
        raise SystemExit(1)


def register(app: Flask) -> None:
    from eximpact.ambassadors.cli import ambassadors, reminders
    from eximpact.praise.cli import outreach, praise
    from eximpact.pulse.cli import pulse
    from eximpact.surveys.cli import surveys

    groups = (seed, org, outbox, reminders, ambassadors, praise, outreach, pulse, surveys)
    for group in groups:
        app.cli.add_command(group)
