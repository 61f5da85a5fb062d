"""Imports every feature's models, so Alembic and `db.create_all()` see the whole schema."""

from eximpact.ambassadors.models import CxProject, Enrolment, Reminder, TimeEntry
from eximpact.audit.models import AuditEvent
from eximpact.auth.models import ApiToken
from eximpact.campaigns.models import Campaign, Initiative, Kpi, Rollout, Stakeholder
from eximpact.notifications.models import OutboxMessage
from eximpact.org.models import Person, RoleAssignment, Team

__all__ = [
    "ApiToken",
    "AuditEvent",
    "Campaign",
    "CxProject",
    "Enrolment",
    "Initiative",
    "Kpi",
    "OutboxMessage",
    "Person",
    "Reminder",
    "RoleAssignment",
    "Rollout",
    "Stakeholder",
    "Team",
    "TimeEntry",
]
