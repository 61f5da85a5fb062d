"""The audit trail: who changed what, when, from which state to which."""

from eximpact.audit.models import AuditEvent
from eximpact.audit.services import events_for, record

__all__ = ["AuditEvent", "events_for", "record"]
