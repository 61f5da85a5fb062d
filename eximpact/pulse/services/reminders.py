"""Reminders to those who have not answered, on set days before a round closes.

Only invitations whose flag is still unset are reminded, each once per set day,
so running `flask pulse remind` more than once a day changes nothing.
"""

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from eximpact import clock
from eximpact.extensions import db
from eximpact.notifications.services import queue_email
from eximpact.pulse.items import KIND_LABELS
from eximpact.pulse.models import OPEN, PulseInvitation, PulseRound


def reminder_days() -> tuple[int, ...]:
    return tuple(sorted(set(current_app.config["PULSE_REMINDER_DAYS"]), reverse=True))


def send_reminders(today=None) -> int:
    """Queue today's reminders; returns how many were queued."""
    today = today or clock.today()
    days = reminder_days()
    # Never about a round whose closing day has passed by the real clock, whatever `today` says.
    still_open = max(today, clock.today())
    rounds = db.session.scalars(
        select(PulseRound).where(PulseRound.status == OPEN, PulseRound.closes_on >= still_open)
    ).all()
    queued = 0
    for round_ in rounds:
        days_left = (round_.closes_on - today).days
        if days_left not in days:
            continue
        invitations = db.session.scalars(
            select(PulseInvitation)
            .options(joinedload(PulseInvitation.person))
            .where(
                PulseInvitation.round_id == round_.id,
                PulseInvitation.responded.is_(False),
            )
        ).all()
        for invitation in invitations:
            if invitation.reminded_for is not None and invitation.reminded_for <= days_left:
                continue
            if not invitation.person.active:
                continue
            invitation.reminded_for = days_left
            queue_email(
                invitation.person.email,
                "pulse_reminder",
                f"Reminder: {KIND_LABELS[round_.kind]} closes {round_.closes_on:%d %b}",
                "pulse/reminder",
                person=invitation.person,
                round=round_,
                days_left=days_left,
            )
            queued += 1
    db.session.flush()
    return queued
