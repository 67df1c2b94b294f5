"""Periodic jobs of the shared services (registered here so feature packages stay theirs):
retry pending e-mail with backoff."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from lanyard.jobs.registry import periodic
from lanyard.notify.service import send_pending

if TYPE_CHECKING:
    from lanyard.bootstrap import Services


@periodic("notify.send_pending", every=dt.timedelta(minutes=1))
def notify_send_pending(*, services: Services, now: dt.datetime) -> int:
    """Mail notifications still pending whose next attempt is due."""
    counts = send_pending(
        services.db, services.notifier, now=now, base_url=services.settings.public_url
    )
    return sum(counts.values())
