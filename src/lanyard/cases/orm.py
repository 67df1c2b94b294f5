"""Case tables: cases, their subjects, notes and attachments; contact attempts; the record
that an employee was shown the mandated reporter's duty."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lanyard.db.base import Base, new_id


class Case(Base):
    """A report routed to the roles the pack names, with its acknowledgement deadline."""

    __tablename__ = "cases"
    __table_args__ = (Index("ix_cases_state_ack_due_at", "state", "ack_due_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    pack_id: Mapped[str] = mapped_column(String(64))
    report_type: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(255))
    building_id: Mapped[str | None] = mapped_column(ForeignKey("buildings.id"), index=True)
    state: Mapped[str] = mapped_column(String(16), default="open")  # open|acknowledged|closed
    source: Mapped[str] = mapped_column(String(32), default="report")
    reporter_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), index=True)
    summary: Mapped[str] = mapped_column(Text)
    # The roles handling it: the routed roles, then each escalation step's role.
    roles: Mapped[list[str]] = mapped_column(JSON, default=list)
    # People it is routed to besides the holders of ``roles`` (the district's safety contact
    # for a threatening comment in a pack that names nobody).
    contact_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[dt.datetime]
    ack_due_at: Mapped[dt.datetime]
    acknowledged_at: Mapped[dt.datetime | None]
    acknowledged_by_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    escalation_level: Mapped[int] = mapped_column(Integer, default=0)
    escalated_at: Mapped[dt.datetime | None]
    closed_at: Mapped[dt.datetime | None]
    closed_by_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    outcome: Mapped[str | None] = mapped_column(Text)


class CaseSubject(Base):
    """A person the case is about (a student), by id only."""

    __tablename__ = "case_subjects"

    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[str] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class CaseNote(Base):
    __tablename__ = "case_notes"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))  # None: Lanyard
    at: Mapped[dt.datetime]
    body: Mapped[str] = mapped_column(Text)


class CaseAttachment(Base):
    """A file kept in the database with its SHA-256 (checked on every download)."""

    __tablename__ = "case_attachments"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    uploaded_by_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    at: Mapped[dt.datetime]
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ContactAttempt(Base):
    """A student's attempt to contact an employee through personal technology."""

    __tablename__ = "contact_attempts"
    __table_args__ = (Index("ix_contact_attempts_pair", "employee_id", "student_id"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    employee_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    student_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    at: Mapped[dt.datetime]
    channel: Mapped[str] = mapped_column(String(32))
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id", ondelete="SET NULL"))


class MandatedDutyShown(Base):
    """An employee was shown the mandated reporter's duty and the state hotline."""

    __tablename__ = "mandated_duty_shown"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    pack_id: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(2))
    shown_at: Mapped[dt.datetime]
