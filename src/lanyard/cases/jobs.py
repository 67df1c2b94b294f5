"""Periodic work of reports and cases."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from lanyard.cases.service import escalate_overdue
from lanyard.jobs.registry import periodic

if TYPE_CHECKING:
    from lanyard.bootstrap import Services


@periodic("cases.escalate_overdue", every=dt.timedelta(minutes=5))
def escalate_overdue_cases(*, services: Services, now: dt.datetime) -> int:
    """Escalate unacknowledged cases past their deadline one step up the ladder."""
    with services.db.uow() as uow:
        return escalate_overdue(uow=uow, now=now, deliver=services.deliver)
