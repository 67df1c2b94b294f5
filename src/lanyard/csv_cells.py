"""CSV cells a spreadsheet will not run as formulas (CSV injection): every export of text
that came from outside (comments, message logs, names) writes its cells through here."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """``value`` as a CSV cell; text a spreadsheet would read as a formula gets a leading
    apostrophe (OWASP's advice for CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text
