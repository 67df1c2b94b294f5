"""Periodic work of requests and approvals: expire approvals whose term ended, remind
requesters 30 days before."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from lanyard.approvals import anonymous, service
from lanyard.jobs.registry import periodic

if TYPE_CHECKING:
    from lanyard.bootstrap import Services


@periodic("approvals.expire_due", every=dt.timedelta(hours=1))
def expire_due(*, services: Services, now: dt.datetime) -> int:
    with services.db.uow(write=True) as uow:
        return service.expire_due(uow=uow, now=now, deliver=services.deliver)


@periodic("approvals.remind_expiring", every=dt.timedelta(hours=6))
def remind_expiring(*, services: Services, now: dt.datetime) -> int:
    with services.db.uow(write=True) as uow:
        return service.remind_expiring(uow=uow, now=now, deliver=services.deliver)


@periodic("approvals.release_anonymous", every=dt.timedelta(hours=1))
def release_anonymous(*, services: Services, now: dt.datetime) -> int:
    """After a day has ended: its anonymous requests' audit entries, and their approvers
    told."""
    with services.db.uow(write=True) as uow:
        return anonymous.release_held(uow=uow, now=now, deliver=services.deliver)
