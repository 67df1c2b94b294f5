"""Communication-audit tables: imports, message metadata and findings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ColumnElement,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    and_,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from lanyard.db.base import Base, new_id

# SQLite's rowid alias needs INTEGER; PostgreSQL gets a bigint.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class MessageImport(Base):
    """One file imported (or being imported). Its messages count only once it is
    ``complete``: a failed or interrupted import leaves nothing anybody reads."""

    __tablename__ = "message_imports"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    format: Mapped[str] = mapped_column(String(16))
    file_name: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16))  # running | complete | failed
    started_at: Mapped[dt.datetime]
    finished_at: Mapped[dt.datetime | None]
    actor_id: Mapped[str | None] = mapped_column(String(32))
    pack_id: Mapped[str] = mapped_column(String(64))
    pack_hash: Mapped[str] = mapped_column(String(64))
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # the earliest ``sent_at`` of the import's messages, set when it completes (null while
    # it runs, or unknown): the retention purge finds old messages through their import
    first_sent_at: Mapped[dt.datetime | None]


class Message(Base):
    """A message's metadata (kept for the retention period); its subject and body only
    when it has a finding.

    No index on ``sent_at``: a log's times are in no order the rows are written in, so
    such an index changes a page of its own for every message once the table is large,
    and the writes of an import slow down as the table grows (``docs/messages.md``). Old
    messages are found through their import (:func:`sent_before`)."""

    __tablename__ = "messages"
    __table_args__ = (
        Index("uq_messages_message_hash", "message_hash", unique=True),
        Index(
            "uq_messages_message_key_unhashed",
            "message_key",
            unique=True,
            sqlite_where=text("message_hash IS NULL"),
            postgresql_where=text("message_hash IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    import_id: Mapped[str] = mapped_column(
        ForeignKey("message_imports.id", ondelete="CASCADE"), index=True
    )
    # sha256 of source and the source's message id: the idempotency key, compared byte by
    # byte (PostgreSQL's "C" collation; SQLite's default): no locale's order to apply
    message_key: Mapped[str] = mapped_column(
        String(64).with_variant(String(64, collation="C"), "postgresql")
    )
    # The key's first 8 bytes as a signed integer (:func:`lanyard.messages.service.key_hash`):
    # its unique index keeps a message from being written twice, in a quarter of the pages
    # an index on the 64-character key takes (docs/messages.md). Null for a message whose
    # number another message's key already has (about one pair in 10^19), whose key is
    # then unique among such messages (``uq_messages_message_key_unhashed``).
    message_hash: Mapped[int | None] = mapped_column(BigInteger)
    source: Mapped[str] = mapped_column(String(16))
    sent_at: Mapped[dt.datetime]
    sender_id: Mapped[str | None] = mapped_column(String(32))
    sender_key: Mapped[str] = mapped_column(String(320))
    medium: Mapped[str] = mapped_column(String(24))
    platform: Mapped[str | None] = mapped_column(String(64))
    recipient_count: Mapped[int] = mapped_column(Integer)
    # [[person id or null, address when no person, counterpart role, account], ...]
    recipients: Mapped[list[Any]] = mapped_column(JSON)
    has_finding: Mapped[bool] = mapped_column(Boolean, default=False)
    # the source's own id (Message-ID header, Canvas message id): with a finding only
    source_id: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str | None] = mapped_column(Text)


def sent_before(cutoff: dt.datetime) -> ColumnElement[bool]:
    """The condition "this message was sent before ``cutoff``" as the database can answer
    it without an index on ``sent_at``: only the rows of imports whose earliest message
    is older (or not known yet) are read, through the index on ``import_id``."""
    old_imports = select(MessageImport.id).where(
        or_(MessageImport.first_sent_at.is_(None), MessageImport.first_sent_at < cutoff)
    )
    return and_(Message.import_id.in_(old_imports), Message.sent_at < cutoff)


class MessageFinding(Base):
    """A rule that fired on a message (``violation``), a pattern for review (``review``)
    or soliciting words in its body (``solicitation``)."""

    __tablename__ = "message_findings"
    __table_args__ = (Index("ix_message_findings_sent_at", "sent_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    message_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("messages.id", ondelete="CASCADE"), index=True
    )
    import_id: Mapped[str] = mapped_column(
        ForeignKey("message_imports.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))  # violation | review | solicitation
    rule: Mapped[str] = mapped_column(String(128))  # the pack's rule id, or the pattern's name
    verdict: Mapped[str] = mapped_column(String(32))  # prohibited | needs_approval | for_review
    clause: Mapped[str | None] = mapped_column(Text)
    quote: Mapped[str | None] = mapped_column(Text)
    liftable: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_facts: Mapped[list[str]] = mapped_column(JSON, default=list)
    marks: Mapped[list[Any] | None] = mapped_column(JSON)
    employee_id: Mapped[str | None] = mapped_column(String(32), index=True)
    building_id: Mapped[str | None] = mapped_column(String(32), index=True)
    sent_at: Mapped[dt.datetime]
    pack_id: Mapped[str] = mapped_column(String(64))
    pack_hash: Mapped[str] = mapped_column(String(64))
    situation: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # A one-to-one message with a student: does the employee teach the student (a class
    # on file, both enrolled that day)? Null: not such a message, or no classes on file.
    teaches: Mapped[bool | None] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | dismissed | case
    created_at: Mapped[dt.datetime]


class KnownAddress(Base):
    """A personal address (or platform account) the district knows belongs to a person:
    a parent's mobile number, an employee's personal e-mail, a student's home address."""

    __tablename__ = "known_addresses"

    address: Mapped[str] = mapped_column(String(320), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    source: Mapped[str | None] = mapped_column(String(64))


class MessageImportChunk(Base):
    """One chunk of an import split for Celery workers: the records to evaluate (until
    done) and, once done, what the chunk counted. A chunk's messages, findings and its
    ``done`` status are written in one transaction, so a worker killed mid-chunk leaves
    nothing and the chunk runs again from the start."""

    __tablename__ = "message_import_chunks"

    import_id: Mapped[str] = mapped_column(
        ForeignKey("message_imports.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    status: Mapped[str] = mapped_column(String(16))  # pending | running | done | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    records: Mapped[list[Any] | None] = mapped_column(JSON)  # cleared once done
    counts: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[dt.datetime]  # last handed to the broker
    started_at: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime | None]
