"""Legal holds: records that must not be disposed of while a hold stands."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lanyard.db.base import Base, new_id


class LegalHold(Base):
    """A hold by person, building, case or date range (a person or building hold may be
    limited to a date range too). Placed and lifted with a reason; never deleted."""

    __tablename__ = "legal_holds"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    scope: Mapped[str] = mapped_column(String(16))  # person | building | case | period
    person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), index=True)
    building_id: Mapped[str | None] = mapped_column(ForeignKey("buildings.id"))
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"))
    starts_on: Mapped[dt.date | None] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    placed_by_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    placed_at: Mapped[dt.datetime]
    lifted_at: Mapped[dt.datetime | None]
    lifted_by_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    lift_reason: Mapped[str | None] = mapped_column(Text)


class RetentionSchedule(Base):
    """A record type's retention period as the district set it (confirmed by its records
    officer). A type without a row keeps its default and is not disposed of."""

    __tablename__ = "retention_schedules"

    record_type: Mapped[str] = mapped_column(String(32), primary_key=True)
    amount: Mapped[int | None] = mapped_column(Integer)  # None: kept indefinitely
    unit: Mapped[str] = mapped_column(String(8))  # years | months | days
    basis: Mapped[str] = mapped_column(Text)  # the schedule item or decision it follows
    set_by_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    set_at: Mapped[dt.datetime]


class RecordsExport(Base):
    """An export asked for on the web, built in the background: what was asked, how far
    it got, and the package for its requester to download."""

    __tablename__ = "records_exports"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    requested_by_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    since: Mapped[dt.datetime]
    until: Mapped[dt.datetime]  # exclusive
    types: Mapped[list[str]] = mapped_column(JSON)
    people: Mapped[list[str]] = mapped_column(JSON)  # person ids; [] = everyone
    redact_students: Mapped[bool] = mapped_column(Boolean, default=False)
    # queued | running | done | failed | expired (package removed after keep_days)
    status: Mapped[str] = mapped_column(String(16), default="queued")
    done_records: Mapped[int] = mapped_column(Integer, default=0)
    total_records: Mapped[int | None] = mapped_column(Integer)
    file_name: Mapped[str | None] = mapped_column(String(64))
    manifest_sha256: Mapped[str | None] = mapped_column(String(64))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime]
    started_at: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime | None]
    expired_at: Mapped[dt.datetime | None]
