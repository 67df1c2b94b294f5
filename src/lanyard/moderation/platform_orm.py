"""Tables for acting on the platforms: each account's connection (API access token and
webhook secret sealed with AES-GCM like the escrow, the polling cursor) and the platform
actions (hide, delete, reply) queued after the archive entry.

Archive first, in the database too: a hide or delete action must name an archive entry
*of its comment* (a CHECK and a composite foreign key to ``moderation_archive (id,
comment_id)``), so no call to a platform can be queued for a comment that was not
archived first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from lanyard.db.base import Base, new_id

ACTIONS = ("hide", "delete", "reply", "unhide")
# pending (waiting, perhaps for the undo window) -> running -> done | retry | failed;
# waiting_token: the platform said the token expired (runs again once a new one is set);
# undone: the moderator undid the delete before the call.
ACTION_STATES = ("pending", "running", "retry", "waiting_token", "done", "failed", "undone")
OPEN_ACTION_STATES = ("pending", "running", "retry", "waiting_token")


class PlatformConnection(Base):
    """How Lanyard reaches an official account on its platform."""

    __tablename__ = "platform_connections"

    account_id: Mapped[str] = mapped_column(
        ForeignKey("official_accounts.id", ondelete="CASCADE"), primary_key=True
    )
    # the platform's id of the account: Page id, Instagram user id, channel id, X user id
    platform_account_id: Mapped[str | None] = mapped_column(String(255))
    token_key_id: Mapped[str | None] = mapped_column(String(64))
    token_nonce: Mapped[bytes | None] = mapped_column(LargeBinary(12))
    token_ciphertext: Mapped[bytes | None] = mapped_column(LargeBinary)
    token_version: Mapped[int] = mapped_column(Integer, default=0)
    token_set_at: Mapped[dt.datetime | None]
    token_set_by_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    token_expired_at: Mapped[dt.datetime | None]  # the platform said so
    webhook_key_id: Mapped[str | None] = mapped_column(String(64))
    webhook_nonce: Mapped[bytes | None] = mapped_column(LargeBinary(12))
    webhook_ciphertext: Mapped[bytes | None] = mapped_column(LargeBinary)
    webhook_set_at: Mapped[dt.datetime | None]
    poll: Mapped[bool] = mapped_column(Boolean, default=False)
    poll_cursor: Mapped[str | None] = mapped_column(String(255))
    polled_at: Mapped[dt.datetime | None]
    poll_next_at: Mapped[dt.datetime | None]
    poll_failures: Mapped[int] = mapped_column(Integer, default=0)
    poll_error: Mapped[str | None] = mapped_column(String(512))
    # where a sweep that reached its per-round bound goes on (JSON: the platform's paging
    # cursors and the newest comment seen so far); None between sweeps
    poll_resume: Mapped[str | None] = mapped_column(Text)
    # OAuth refresh (lanyard.moderation.tokens): the refresh token sealed like the access
    # token, when the access token expires, when it was last refreshed, and the platform's
    # words when a refresh failed (the account must be reconnected; polling stops)
    refresh_key_id: Mapped[str | None] = mapped_column(String(64))
    refresh_nonce: Mapped[bytes | None] = mapped_column(LargeBinary(12))
    refresh_ciphertext: Mapped[bytes | None] = mapped_column(LargeBinary)
    token_expires_at: Mapped[dt.datetime | None]
    token_refreshed_at: Mapped[dt.datetime | None]
    token_error: Mapped[str | None] = mapped_column(String(512))


class PlatformAction(Base):
    """One call to make on a platform for a comment, with its attempts and outcome."""

    __tablename__ = "platform_actions"
    __table_args__ = (
        CheckConstraint(f"action IN {ACTIONS!r}", name="action"),
        CheckConstraint(f"status IN {ACTION_STATES!r}", name="status"),
        CheckConstraint(
            "action IN ('reply', 'unhide') OR archive_entry_id IS NOT NULL",
            name="archived_before_action",
        ),
        ForeignKeyConstraint(
            ["archive_entry_id", "comment_id"],
            ["moderation_archive.id", "moderation_archive.comment_id"],
            name="fk_platform_actions_archive_entry",
        ),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    comment_id: Mapped[str] = mapped_column(ForeignKey("moderation_comments.id"), index=True)
    official_account_id: Mapped[str] = mapped_column(ForeignKey("official_accounts.id"), index=True)
    platform: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(16))
    archive_entry_id: Mapped[str | None] = mapped_column(String(32))
    reply_text: Mapped[str | None] = mapped_column(Text)
    previous_state: Mapped[str | None] = mapped_column(String(16))  # restored by undo
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[dt.datetime] = mapped_column(index=True)
    claimed_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime]
    created_by_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    done_at: Mapped[dt.datetime | None]
    error_kind: Mapped[str | None] = mapped_column(String(32))
    error_code: Mapped[str | None] = mapped_column(String(128))
    error_message: Mapped[str | None] = mapped_column(String(512))
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
