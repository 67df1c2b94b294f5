"""Official-account tables: the registry, its managers and the escrowed credentials."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lanyard.db.base import Base, new_id


class OfficialAccount(Base):
    """A district social media account or website registered under the pack's rules."""

    __tablename__ = "official_accounts"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    pack_id: Mapped[str] = mapped_column(String(64))
    platform: Mapped[str] = mapped_column(String(64))  # facebook | instagram | website | ...
    handle: Mapped[str] = mapped_column(String(255))
    url: Mapped[str] = mapped_column(String(1024))
    # the site's purpose statement (moderation scores comments as off-topic against it)
    purpose: Mapped[str] = mapped_column(Text)
    building_id: Mapped[str | None] = mapped_column(ForeignKey("buildings.id"), index=True)
    owner_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    created_with_email: Mapped[str] = mapped_column(String(320))
    # ids of the pack's required statements the owner confirmed are present on the site
    statements_confirmed: Mapped[list[str]] = mapped_column(JSON, default=list)
    approval_on_file_id: Mapped[str | None] = mapped_column(ForeignKey("approvals_on_file.id"))
    students_post: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime]
    deactivated_at: Mapped[dt.datetime | None]

    managers: Mapped[list[OfficialAccountManager]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="OfficialAccountManager.person_id"
    )


class OfficialAccountManager(Base):
    """An employee (or supervised student) who manages an official account."""

    __tablename__ = "official_account_managers"

    account_id: Mapped[str] = mapped_column(
        ForeignKey("official_accounts.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[str] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class EscrowedCredential(Base):
    """The account's sign-in secret, AES-GCM encrypted; one per account, replaced on
    re-escrow. ``stale_since`` is set when the owner records that the password changed."""

    __tablename__ = "escrowed_credentials"

    account_id: Mapped[str] = mapped_column(
        ForeignKey("official_accounts.id", ondelete="CASCADE"), primary_key=True
    )
    login: Mapped[str] = mapped_column(String(320))
    key_id: Mapped[str] = mapped_column(String(64))
    nonce: Mapped[bytes] = mapped_column(LargeBinary(12))
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    version: Mapped[int] = mapped_column(Integer, default=1)
    escrowed_at: Mapped[dt.datetime]
    escrowed_by_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    stale_since: Mapped[dt.datetime | None]
