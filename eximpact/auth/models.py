"""API tokens: short-lived ones from `POST /api/v1/auth/token` and personal access tokens.

Only a SHA-256 digest of a token is stored. Tokens carry 256 bits of randomness,
so a fast digest is enough: there is nothing to brute-force.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eximpact import clock
from eximpact.extensions import db
from eximpact.org.models import Person

SESSION_TOKEN = "session"  # noqa: S105 (not a secret)
PERSONAL_TOKEN = "personal"  # noqa: S105 (not a secret)


class ApiToken(db.Model):
    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(
        String(12)
    )  # shown in lists so people can tell tokens apart
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    expires_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    person: Mapped[Person] = relationship()

    def __repr__(self) -> str:
        return f"<ApiToken {self.id} {self.kind} {self.prefix}…>"

    def is_usable(self, now: datetime) -> bool:
        return (
            self.revoked_at is None
            and (self.expires_at is None or self.expires_at > now)
            and self.person.active
        )
