"""Jinja filters the templates share (registered by :func:`lanyard.web.app.create_app`)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

LINK_SCHEMES = frozenset({"http", "https"})


def safe_url(value: object) -> str:
    """``value`` if it is an absolute http(s) URL, else ``""``: a link taken from outside
    (an ingested comment's permalink) is never ``javascript:``, ``data:`` or anything a
    browser would run. Use it in both the test and the attribute::

        {% if c.permalink|safe_url %}<a href="{{ c.permalink|safe_url }}">...</a>{% endif %}
    """
    if not isinstance(value, str):
        return ""
    url = value.strip()
    # a browser drops tabs and newlines inside a scheme ("java\tscript:"): refuse them all
    if not url or any(ord(ch) <= 0x20 or ord(ch) == 0x7F for ch in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.hostname:
        return ""
    return url


def local_time(value: object, fmt: str, zone: ZoneInfo) -> str:
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
