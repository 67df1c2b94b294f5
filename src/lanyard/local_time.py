"""Times as the district reads them: stored in UTC, shown and written (pages, e-mails)
in the district's time zone (the ``time_zone`` setting), in one wording."""

from __future__ import annotations

import datetime as dt
from typing import Any

# Where a database session keeps the district's time zone (set from the settings when
# the database is opened), for the use cases that word a time in a notification.
ZONE_INFO_KEY = "lanyard.time_zone"


def local_time(value: object, fmt: str, zone: dt.tzinfo) -> str:
    """A stored time (UTC; naive ones from SQLite are UTC too) shown in the district's
    time zone. A format with an hour in it ends with the zone's abbreviation (CST, CDT)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        shown = aware.astimezone(zone)
        if "%H" in fmt or "%I" in fmt:
            fmt += " %Z"
        return shown.strftime(fmt)
    if isinstance(value, dt.date):
        return value.strftime(fmt)
    return str(value)


def district_zone(session: Any) -> dt.tzinfo:
    """The district's time zone as the database session was given it (UTC if not)."""
    zone = session.info.get(ZONE_INFO_KEY)
    return zone if isinstance(zone, dt.tzinfo) else dt.UTC
