"""Imports every feature's models, so Alembic and `db.create_all()` see the whole schema."""

from eximpact.ambassadors.models import AmbassadorReminder, CxProject, Enrolment, TimeEntry
from eximpact.audit.models import AuditEvent
from eximpact.auth.models import ApiToken
from eximpact.campaigns.models import Campaign, Initiative, Kpi, Rollout, Stakeholder
from eximpact.notifications.models import OutboxMessage
from eximpact.org.models import Person, RoleAssignment, Team

__all__ = [
    "AmbassadorReminder",
    "ApiToken",
    "AuditEvent",
    "Campaign",
    "CxProject",
    "Enrolment",
    "Initiative",
    "Kpi",
    "OutboxMessage",
    "Person",
    "RoleAssignment",
    "Rollout",
    "Stakeholder",
    "Team",
    "TimeEntry",
]
