"""Jinja filters the templates share (registered by :func:`lanyard.web.app.create_app`)."""

from __future__ import annotations

from urllib.parse import urlsplit

from lanyard.local_time import local_time
from lanyard.words import the

__all__ = ["local_time", "safe_url", "sentence", "the"]

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


def sentence(value: object) -> str:
    """``value`` with its first letter capitalized and the rest as written: a reason that
    names a role keeps the role's capitals ("As Superintendent or designee you …"), which
    Jinja's ``capitalize`` would lower."""
    text = str(value)
    return text[:1].upper() + text[1:]
