"""The job_runs table: when each periodic job last ran (claimed with a conditional update)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from lanyard.db.base import Base


class JobRun(Base):
    __tablename__ = "job_runs"

    name: Mapped[str] = mapped_column(String(128), primary_key=True)
    last_run_at: Mapped[dt.datetime | None]
