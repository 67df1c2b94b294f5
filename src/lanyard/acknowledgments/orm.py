"""Acknowledgment tables: campaigns (one per pack version and year), the people assigned to
each, their signed acknowledgments, and the superintendent's annual review."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from lanyard.db.base import Base, new_id


class AckCampaign(Base):
    """A campaign: who must acknowledge which version of the pack, from when, by when. The
    pack's text and clauses are kept as they were, so later versions diff against it."""

    __tablename__ = "ack_campaigns"
    __table_args__ = (Index("ix_ack_campaigns_pack_state", "pack_id", "state"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    title: Mapped[str] = mapped_column(String(255))
    pack_id: Mapped[str] = mapped_column(String(64))
    pack_version: Mapped[str] = mapped_column(String(64))
    content_hash: Mapped[str] = mapped_column(String(64))
    pack_text: Mapped[str] = mapped_column(Text)
    clauses: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    source_text: Mapped[str | None] = mapped_column(Text)
    roles: Mapped[list[str]] = mapped_column(JSON, default=list)
    building_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    include_volunteers: Mapped[bool] = mapped_column(Boolean, default=False)
    opens_at: Mapped[dt.datetime]
    due_at: Mapped[dt.datetime]
    state: Mapped[str] = mapped_column(String(16), default="open")  # open | closed
    previous_id: Mapped[str | None] = mapped_column(ForeignKey("ack_campaigns.id"))
    # What changed since the previous campaign's version (domain.Changes.to_dict()).
    changes: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_by_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[dt.datetime]
    closed_at: Mapped[dt.datetime | None]


class AckAssignment(Base):
    """A person who must acknowledge a campaign; building and role as assigned, for the
    completion figures."""

    __tablename__ = "ack_assignments"
    __table_args__ = (
        UniqueConstraint("campaign_id", "person_id"),
        Index("ix_ack_assignments_person", "person_id", "acknowledged_at"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    campaign_id: Mapped[str] = mapped_column(
        ForeignKey("ack_campaigns.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    building_id: Mapped[str | None] = mapped_column(ForeignKey("buildings.id"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    assigned_at: Mapped[dt.datetime]
    acknowledged_at: Mapped[dt.datetime | None]
    reminded_at: Mapped[dt.datetime | None]
    reminders: Mapped[int] = mapped_column(Integer, default=0)
    escalated_at: Mapped[dt.datetime | None]


class Acknowledgment(Base):
    """A signed acknowledgment: the pack, its version and content hash, the time, the person
    and the name they typed. Nothing about the device."""

    __tablename__ = "acknowledgments"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    assignment_id: Mapped[str] = mapped_column(
        ForeignKey("ack_assignments.id", ondelete="CASCADE"), unique=True
    )
    campaign_id: Mapped[str] = mapped_column(ForeignKey("ack_campaigns.id"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    pack_id: Mapped[str] = mapped_column(String(64))
    pack_version: Mapped[str] = mapped_column(String(64))
    content_hash: Mapped[str] = mapped_column(String(64))
    signed_name: Mapped[str] = mapped_column(String(255))
    changes_only: Mapped[bool] = mapped_column(Boolean, default=False)
    at: Mapped[dt.datetime]


class PolicyReview(Base):
    """The superintendent's annual review of the policy: a task with its due date, and
    once done the date, the outcome and who recorded it."""

    __tablename__ = "policy_reviews"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    pack_id: Mapped[str] = mapped_column(String(64))
    pack_version: Mapped[str] = mapped_column(String(64))
    campaign_id: Mapped[str | None] = mapped_column(ForeignKey("ack_campaigns.id"))
    due_at: Mapped[dt.datetime]
    state: Mapped[str] = mapped_column(String(16), default="open")  # open | done
    reviewed_on: Mapped[dt.date | None]
    outcome: Mapped[str | None] = mapped_column(String(32))
    notes: Mapped[str | None] = mapped_column(Text)
    reviewed_by_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[dt.datetime]
    recorded_at: Mapped[dt.datetime | None]
