"""Legal holds: records that must not be disposed of while a hold stands."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, String, Text
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
