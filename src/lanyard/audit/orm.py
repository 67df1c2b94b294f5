"""The audit table and the table of signed checkpoints."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from lanyard.db.base import Base, new_id


class AuditEntry(Base):
    __tablename__ = "audit_entries"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(index=True)
    actor_id: Mapped[str | None] = mapped_column(String(32), index=True)
    event: Mapped[str] = mapped_column(String(64), index=True)
    subject_type: Mapped[str] = mapped_column(String(64))
    subject_id: Mapped[str | None] = mapped_column(String(255), index=True)
    building_id: Mapped[str | None] = mapped_column(String(32))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # The chain: each entry's hash covers its content and the previous entry's hash.
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    # HMAC-SHA256 of the hash under a key that is not in the database (LANYARD_AUDIT_KEYS);
    # empty for entries written before the MAC existed or without a key.
    mac_key_id: Mapped[str | None] = mapped_column(String(64))
    mac: Mapped[str | None] = mapped_column(String(64))


class AuditCheckpoint(Base):
    """A signed checkpoint as it was published (a copy; the proof is the copy kept
    outside the database)."""

    __tablename__ = "audit_checkpoints"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    head: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column()
    mac_from: Mapped[int | None] = mapped_column(Integer)
    key_id: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(String(128))


class HeldAuditEntry(Base):
    """An audit entry of an anonymous action, held back until its day has ended (issue 10,
    finding 10). It keeps the day, never the time; its id is random, and the entries of a
    day enter the log together in a shuffled order, each stamped with the day's start, so
    neither their time nor their neighbours in the log tie them to a person's session."""

    __tablename__ = "audit_held_entries"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    event: Mapped[str] = mapped_column(String(64))
    subject_type: Mapped[str] = mapped_column(String(64))
    subject_id: Mapped[str | None] = mapped_column(String(255))
    building_id: Mapped[str | None] = mapped_column(String(32))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class AuditDisposal(Base):
    """A disposal of the audit log's oldest entries, through ``through_seq`` (issue 14).

    The database lets ``audit_entries`` rows go only up to the highest ``through_seq``
    recorded here (triggers); this table itself is append-only. ``head`` is the hash of
    entry ``through_seq``, where the remaining chain starts; the checkpoint fields are
    the Ed25519 checkpoint signed at the cut (as in ``audit_checkpoints``); and
    ``certificate_seq`` is the ``records:disposed`` entry, after the cut, that names it.
    ``lanyard audit verify`` accepts the missing prefix only when all three agree."""

    __tablename__ = "audit_disposals"

    through_seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    head: Mapped[str] = mapped_column(String(64))
    first_seq: Mapped[int] = mapped_column(Integer)  # the first entry this disposal removed
    removed: Mapped[int] = mapped_column(Integer)
    certificate_seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column()
    checkpoint_at: Mapped[dt.datetime] = mapped_column()
    mac_from: Mapped[int | None] = mapped_column(Integer)
    key_id: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(String(128))
