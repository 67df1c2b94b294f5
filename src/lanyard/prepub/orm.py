"""Consents table: one decision per student, scope and school year."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from lanyard.db.base import Base, new_id


class Consent(Base):
    """A media release or directory-information opt-out (or opt-in) on file."""

    __tablename__ = "consents"
    __table_args__ = (UniqueConstraint("student_id", "scope", "school_year"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    student_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    scope: Mapped[str] = mapped_column(String(32))
    school_year: Mapped[int] = mapped_column(Integer, index=True)
    decision: Mapped[str] = mapped_column(String(16))  # opt_out | opt_in
    recorded_on: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(String(255))
    updated_at: Mapped[dt.datetime]
