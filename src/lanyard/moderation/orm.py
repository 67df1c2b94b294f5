"""Comment moderation tables: the comments taken in, and the archive written before any
comment is hidden or deleted.

The archive-before-removal rule holds in the database too: a comment whose state is
``hidden`` or ``deleted`` must point at an archive entry *of that comment* (a composite
foreign key ``(archive_entry_id, id)`` -> ``moderation_archive (id, comment_id)`` and a
CHECK), and a comment flagged as defamation cannot be removed before it was reported.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from lanyard.db.base import Base, new_id

STATES = ("new", "escalated", "kept", "hidden", "deleted")
OPEN_STATES = ("new", "escalated")
REMOVED_STATES = ("hidden", "deleted")


class ArchiveEntry(Base):
    """What a comment was, kept before it was hidden or deleted: the canonical document
    (original payload, text, author, times, permalink), its SHA-256, and the audit entry
    the hash is chained into. Never updated, never deleted."""

    __tablename__ = "moderation_archive"
    __table_args__ = (UniqueConstraint("id", "comment_id", name="uq_moderation_archive_id"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    comment_id: Mapped[str] = mapped_column(String(32), index=True)
    official_account_id: Mapped[str] = mapped_column(ForeignKey("official_accounts.id"), index=True)
    platform: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(16))  # hide | delete
    archived_at: Mapped[dt.datetime] = mapped_column(index=True)
    archived_by_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    content_sha256: Mapped[str] = mapped_column(String(64), index=True)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    audit_seq: Mapped[int] = mapped_column(ForeignKey("audit_entries.seq"))


class Comment(Base):
    """A public comment on a district account, classified on intake."""

    __tablename__ = "moderation_comments"
    __table_args__ = (
        UniqueConstraint("platform", "platform_comment_id", name="uq_moderation_comments_platform"),
        CheckConstraint(f"state IN {STATES!r}", name="state"),
        CheckConstraint(
            "state NOT IN ('hidden', 'deleted') OR archive_entry_id IS NOT NULL",
            name="archived_before_removal",
        ),
        CheckConstraint(
            "state NOT IN ('hidden', 'deleted') OR NOT defamation OR reported_at IS NOT NULL",
            name="defamation_reported_before_removal",
        ),
        ForeignKeyConstraint(
            ["archive_entry_id", "id"],
            ["moderation_archive.id", "moderation_archive.comment_id"],
            name="fk_moderation_comments_archive_entry",
        ),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    official_account_id: Mapped[str] = mapped_column(ForeignKey("official_accounts.id"), index=True)
    platform: Mapped[str] = mapped_column(String(16))
    platform_comment_id: Mapped[str] = mapped_column(String(255))
    parent_id: Mapped[str | None] = mapped_column(String(255))
    object_id: Mapped[str | None] = mapped_column(String(255))
    author_platform_id: Mapped[str | None] = mapped_column(String(255))
    author_display: Mapped[str | None] = mapped_column(String(255))
    text: Mapped[str] = mapped_column(Text)
    created_time: Mapped[dt.datetime] = mapped_column(index=True)
    received_at: Mapped[dt.datetime]
    permalink: Mapped[str | None] = mapped_column(String(2048))
    platform_hidden: Mapped[bool | None] = mapped_column(Boolean)
    raw: Mapped[dict[str, Any]] = mapped_column(JSON)
    # the classifier's answer: {"action", "categories": [...], "model": {...}}
    classification: Mapped[dict[str, Any]] = mapped_column(JSON)
    severity: Mapped[int] = mapped_column(Integer, index=True)  # 0 keep .. 3 escalate
    score: Mapped[float] = mapped_column(Float)
    suggested_action: Mapped[str] = mapped_column(String(16))
    flagged: Mapped[list[str]] = mapped_column(JSON)
    defamation: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[str] = mapped_column(String(16), default="new", index=True)
    archive_entry_id: Mapped[str | None] = mapped_column(String(32))
    case_id: Mapped[str | None] = mapped_column(String(32))
    escalated_at: Mapped[dt.datetime | None]
    reported_at: Mapped[dt.datetime | None]
    report_id: Mapped[str | None] = mapped_column(String(32))
    decided_by_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    decided_at: Mapped[dt.datetime | None]
    # the moderator the comment is assigned to (a site manager of the account), by whom, when
    assigned_to_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), index=True)
    assigned_by_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    assigned_at: Mapped[dt.datetime | None]
