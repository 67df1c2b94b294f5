"""Consents table: one decision per student, scope and school year; the parents' written
biometric consents and the encrypted face templates they allow (face recognition)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
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


class BiometricConsent(Base):
    """A parent's written consent to face recognition of their student (Illinois BIPA's
    "written release"), recorded by the building office: when it was signed, who recorded it
    and when. Withdrawn: the row and the student's face template are deleted (the audit log
    keeps that it was given and withdrawn, never a template)."""

    __tablename__ = "biometric_consents"

    student_id: Mapped[str] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    signed_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(255))
    recorded_at: Mapped[dt.datetime]
    recorded_by_id: Mapped[str | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))


class FaceTemplate(Base):
    """A student's face template (128 numbers from a reference photo), AES-GCM encrypted
    under the escrow key ring (context ``face-template:<student id>``); the photo itself is
    never kept. Exists only while the student's biometric consent does."""

    __tablename__ = "face_templates"

    student_id: Mapped[str] = mapped_column(
        ForeignKey("biometric_consents.student_id", ondelete="CASCADE"), primary_key=True
    )
    key_id: Mapped[str] = mapped_column(String(64))
    nonce: Mapped[bytes] = mapped_column(LargeBinary(12))
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    enrolled_at: Mapped[dt.datetime]
    enrolled_by_id: Mapped[str | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
