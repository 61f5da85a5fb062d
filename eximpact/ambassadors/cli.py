"""`flask reminders send` and `flask ambassadors sync-roles`: daily jobs for cron."""

import click
from flask.cli import AppGroup

from eximpact import clock
from eximpact.extensions import db

reminders = AppGroup("reminders", help="Reminder e-mails (queued in the outbox).")
ambassadors = AppGroup("ambassadors", help="The CX ambassador programme.")


@reminders.command("send")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Pretend it is this day (YYYY-MM-DD); default: the organisation's today.",
)
def send_reminders_command(today) -> None:
    """Queue reminders for unsubmitted past weeks and approvals waiting too long.

    Each reminder is queued once per week (ambassadors) or per day (approvers), so this
    is safe to run as often as cron likes; `flask outbox send` delivers them.
    """
    from eximpact.ambassadors.services.reminders import send_reminders

    sent = send_reminders(today=today.date() if today else None)  # None: clock.today()
    db.session.commit()
    click.echo(
        f"Queued {sent.ambassadors} reminder(s) to ambassadors and {sent.approvers} to approvers."
    )


@ambassadors.command("sync-roles")
def sync_roles_command() -> None:
    """Take the ambassador role from people whose enrolments have all ended (run daily)."""
    from eximpact.ambassadors.services.enrolments import sync_roles

    changed = sync_roles(clock.today())
    db.session.commit()
    click.echo(f"Ambassador role updated for {changed} person(s).")
