"""The notification table: each row is one person told one thing (and its e-mail's fate)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lanyard.db.base import Base, new_id


class Notification(Base):
    __tablename__ = "notifications"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime]
    subject: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(String(512))
    kind: Mapped[str] = mapped_column(String(64), default="general")
    read_at: Mapped[dt.datetime | None]
    # e-mail delivery: pending -> sent | failed (permanent); transient errors stay pending
    email_status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    email_attempts: Mapped[int] = mapped_column(Integer, default=0)
    email_next_attempt_at: Mapped[dt.datetime | None]
    email_sent_at: Mapped[dt.datetime | None]
    email_error: Mapped[str | None] = mapped_column(String(512))
