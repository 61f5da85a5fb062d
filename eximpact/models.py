"""Imports every feature's models, so Alembic and `db.create_all()` see the whole schema."""

from eximpact.ambassadors.models import (
    AmbassadorReminder,
    CxProject,
    Enrolment,
    HoursMonth,
    TimeEntry,
)
from eximpact.audit.models import AuditEvent
from eximpact.auth.models import ApiToken
from eximpact.campaigns.models import Campaign, Initiative, Kpi, Rollout, Stakeholder
from eximpact.maturity.models import MaturityAnswer, MaturityAssessment
from eximpact.notifications.models import ChatChannel, EmailChoice, Notification, OutboxMessage
from eximpact.org.models import Person, RoleAssignment, Team
from eximpact.praise.models import Outreach, Praise
from eximpact.pulse.models import (
    PulseComment,
    PulseInvitation,
    PulseResponse,
    PulseRound,
    PulseTally,
)
from eximpact.recognition.models import (
    AwardCycle,
    Category,
    Comment,
    Nomination,
    Reaction,
    RecognitionPoints,
    Thanks,
)
from eximpact.surveys.models import ExternalMetric

__all__ = [
    "AmbassadorReminder",
    "ApiToken",
    "AuditEvent",
    "AwardCycle",
    "Campaign",
    "Category",
    "ChatChannel",
    "Comment",
    "CxProject",
    "EmailChoice",
    "Enrolment",
    "ExternalMetric",
    "HoursMonth",
    "Initiative",
    "Kpi",
    "MaturityAnswer",
    "MaturityAssessment",
    "Nomination",
    "Notification",
    "OutboxMessage",
    "Outreach",
    "Person",
    "Praise",
    "PulseComment",
    "PulseInvitation",
    "PulseResponse",
    "PulseRound",
    "PulseTally",
    "Reaction",
    "RecognitionPoints",
    "RoleAssignment",
    "Rollout",
    "Stakeholder",
    "Team",
    "Thanks",
    "TimeEntry",
]
