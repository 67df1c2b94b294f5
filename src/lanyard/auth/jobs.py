"""Periodic work of sign-in: delete sessions past their absolute end."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from lanyard.jobs.registry import periodic

if TYPE_CHECKING:
    from lanyard.bootstrap import Services


@periodic("auth.purge_sessions", every=dt.timedelta(hours=1))
def purge_sessions(*, services: Services, now: dt.datetime) -> int:
    """Sessions that reached their absolute lifetime (idle ones go when next presented,
    or here once their lifetime has passed too)."""
    return services.sessions.purge(now)
