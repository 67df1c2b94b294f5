"""The generic message CSV, for any source without a log Lanyard reads (Remind's PDFs
typed up, a texting service's export, a district's own relay).

Header row, any order, UTF-8. Required: ``message_id`` (unique within the source),
``sent_at`` (ISO 8601 with a zone), ``sender``, ``recipients`` (separated by ``;``).
Optional: ``medium`` (a channel.medium of the situation contract; default ``email``),
``platform`` (lower case, e.g. ``remind``), ``account`` (``district`` or ``personal``:
whose account sent it, when known), ``subject``, ``body``. A sender or recipient is an
e-mail address, or ``<platform>:<user id>`` for platforms that name users by id. Extra
columns are ignored. See docs/messages.md.
"""

from __future__ import annotations

import csv as _csv
from collections.abc import Iterator
from pathlib import Path

from lanyard.connectors.messages.base import (
    MessageLogError,
    MessageRecord,
    normalize_address,
    parse_utc,
    unique,
)
from lanyard.connectors.messages.registry import register

REQUIRED = ("message_id", "sent_at", "sender", "recipients")
MEDIA = frozenset(
    (
        "email",
        "text_message",
        "instant_message",
        "social_dm",
        "lms_message",
        "notification_app",
        "phone",
    )
)


def _party(value: str) -> str:
    text = value.strip()
    if "@" in text:
        return normalize_address(text)
    return text.lower() if ":" in text else text


class GenericCsv:
    format = "csv"
    title = "Generic message CSV (message_id, sent_at, sender, recipients, medium, body ...)"

    def read(self, path: Path) -> Iterator[MessageRecord]:
        file = path.name
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = _csv.DictReader(handle)
            columns = [c.strip() for c in reader.fieldnames or []]
            reader.fieldnames = columns
            for name in REQUIRED:
                if name not in columns:
                    found = ", ".join(columns) or "none"
                    raise MessageLogError(file, 1, name, f"no such column (columns: {found})")
            for row in reader:
                line = reader.line_num
                if None in row:
                    raise MessageLogError(file, line, None, "has more fields than the header")
                values = {k: (v or "").strip() for k, v in row.items()}
                for name in REQUIRED:
                    if not values[name]:
                        raise MessageLogError(file, line, name, "is empty")
                sent_at = parse_utc(values["sent_at"])
                if sent_at is None:
                    raise MessageLogError(
                        file,
                        line,
                        "sent_at",
                        f"is not an ISO 8601 time with a zone: {values['sent_at']!r}",
                    )
                medium = values.get("medium") or "email"
                if medium not in MEDIA:
                    raise MessageLogError(
                        file, line, "medium", f"must be one of {', '.join(sorted(MEDIA))}"
                    )
                account = values.get("account") or None
                if account not in (None, "district", "personal"):
                    raise MessageLogError(file, line, "account", "must be district or personal")
                sender = _party(values["sender"])
                recipients = [_party(r) for r in values["recipients"].split(";") if r.strip()]
                yield MessageRecord(
                    source="csv",
                    message_id=values["message_id"],
                    sent_at=sent_at,
                    sender=sender,
                    recipients=unique(recipients, sender),
                    medium=medium,
                    platform=(values.get("platform") or "").lower() or None,
                    account=account,
                    line=line,
                    subject=row.get("subject") or None,
                    body=row.get("body") or None,
                )


register(GenericCsv())
