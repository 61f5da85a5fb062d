"""Writing and reading the audit trail."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from eximpact.audit.models import AuditEvent
from eximpact.extensions import db


def record(
    entity_type: str,
    entity_id: int,
    action: str,
    actor=None,
    from_state: str | None = None,
    to_state: str | None = None,
    **detail,
) -> AuditEvent:
    """Add an audit event to the current transaction; it commits or rolls back with the change."""
    event = AuditEvent(
        entity_type=entity_type,
        entity_id=entity_id,
        action=action,
        actor_id=actor.id if actor is not None else None,
        from_state=from_state,
        to_state=to_state,
        detail=detail or None,
    )
    db.session.add(event)
    return event


def events_for(entity_type: str, entity_id: int) -> list[AuditEvent]:
    """The trail of one entity, oldest first, with the actors loaded in the same query."""
    return list(
        db.session.scalars(
            select(AuditEvent)
            .options(joinedload(AuditEvent.actor))
            .where(AuditEvent.entity_type == entity_type, AuditEvent.entity_id == entity_id)
            .order_by(AuditEvent.id)
        )
    )
