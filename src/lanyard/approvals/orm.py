"""Requests (one filled-in pack form each) and their history."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lanyard.db.base import Base, new_id


class ApprovalRequest(Base):
    """A request for one of the pack's forms.

    An anonymous request keeps no requester, building, address or session: only the
    SHA-256 of its private link's token (the token itself is never stored)."""

    __tablename__ = "approval_requests"
    __table_args__ = (Index("ix_approval_requests_queue", "state", "approver_role"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    pack_id: Mapped[str] = mapped_column(String(64))
    form_id: Mapped[str] = mapped_column(String(64))
    approver_role: Mapped[str] = mapped_column(String(64))
    requester_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), index=True)
    building_id: Mapped[str | None] = mapped_column(ForeignKey("buildings.id"))
    state: Mapped[str] = mapped_column(String(16))
    values: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    submitted_at: Mapped[dt.datetime | None]
    decided_at: Mapped[dt.datetime | None]
    decided_by_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    conditions: Mapped[str | None] = mapped_column(Text)
    # Checkable limits the approver ticked (ids of lanyard.approvals.limits.LIMITS).
    limits: Mapped[list[str]] = mapped_column(JSON, default=list)
    decision_note: Mapped[str | None] = mapped_column(Text)
    expires_at: Mapped[dt.datetime | None]
    reminded_at: Mapped[dt.datetime | None]
    approval_id: Mapped[str | None] = mapped_column(String(32))
    follow_up_status: Mapped[str] = mapped_column(String(16), default="none")  # none|due|done
    follow_up_note: Mapped[str | None] = mapped_column(Text)
    follow_up_at: Mapped[dt.datetime | None]
    anonymous_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)


class RequestEvent(Base):
    """One step in a request's history: who did what, when, from which state to which."""

    __tablename__ = "approval_request_events"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    request_id: Mapped[str] = mapped_column(
        ForeignKey("approval_requests.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[dt.datetime]
    actor_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    action: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
