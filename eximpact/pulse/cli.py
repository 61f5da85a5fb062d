"""`flask pulse remind` and `flask pulse close-due`: daily jobs for cron."""

import click
from flask.cli import AppGroup

from eximpact.extensions import db

pulse = AppGroup("pulse", help="Engagement pulse and climate check rounds.")


def _day(value):
    return value.date() if value else None


TODAY = click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Pretend it is this day (YYYY-MM-DD); default: today.",
)


@pulse.command("remind")
@TODAY
def remind_command(today) -> None:
    """Remind those who have not answered, on the set days before closing (run daily)."""
    from eximpact.pulse.services.reminders import send_reminders

    queued = send_reminders(_day(today))
    db.session.commit()
    click.echo(f"Queued {queued} pulse reminder(s); `flask outbox send` delivers them.")


@pulse.command("close-due")
@TODAY
def close_due_command(today) -> None:
    """Close open rounds whose closing day has passed (run daily)."""
    from eximpact.pulse.services.rounds import close_due

    closed = close_due(_day(today))
    db.session.commit()
    click.echo(f"Closed {closed} round(s).")
