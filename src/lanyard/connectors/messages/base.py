"""The message-log connector protocol and the normalized record every connector emits
(formats.md 4.4).

A party is named by a *key*: an e-mail address in lower case, or ``<platform>:<user id>``
for a platform that names users by id (``canvas:1815``). Who the key belongs to is the
directory's business (:mod:`lanyard.messages.domain`), never the connector's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True, slots=True)
class MessageRecord:
    """One message as Lanyard keeps it, whatever log it came from."""

    source: str  # gmail | m365 | canvas | csv
    message_id: str  # the source's own id: Message-ID header, Canvas message id, ...
    sent_at: dt.datetime  # aware, UTC
    sender: str  # party key
    recipients: tuple[str, ...]  # party keys, sender excluded, no duplicates
    medium: str  # the situation contract's channel.medium
    line: int  # where the record starts in its file (1-based), for messages
    platform: str | None = None  # channel.platform
    account: str | None = None  # district | personal, when the log says whose account sent
    subject: str | None = None
    body: str | None = None  # only where the source has bodies (Canvas, generic CSV)
    inbound: bool = False  # a "received" event: kept only when no "sent" event covers it


class MessageLogError(ValueError):
    """The file is refused; the message names the file, the line and the field."""

    def __init__(self, file: str, line: int | None, field_name: str | None, message: str):
        self.file = file
        self.line = line
        self.field_name = field_name
        self.message = message
        parts = [file]
        if line is not None:
            parts.append(f"line {line}")
        if field_name:
            parts.append(f"field '{field_name}'")
        super().__init__(f"{', '.join(parts)}: {message}")


class MessageConnector(Protocol):
    """Reads one kind of log. ``read`` streams the records of a file in file order and
    raises :class:`MessageLogError` at the first line it cannot read."""

    format: str
    title: str

    def read(self, path: Path) -> Iterator[MessageRecord]: ...


def normalize_address(value: str) -> str:
    """An e-mail address as a party key: trimmed, angle brackets and a display name
    dropped, lower case."""
    if "<" not in value:
        return value.strip().lower()
    text = value.strip()
    if text.endswith(">"):
        text = text[text.rindex("<") + 1 : -1]
    return text.strip().lower()


def unique(keys: list[str], sender: str) -> tuple[str, ...]:
    """Recipients without duplicates or the sender, in their first order."""
    found = dict.fromkeys(keys)
    found.pop(sender, None)
    found.pop("", None)
    return tuple(found)


def parse_utc(value: str) -> dt.datetime | None:
    """ISO 8601 with a zone (``Z``, ``+00:00``, fractions) as an aware UTC time. A time
    without a zone is refused, except where a format documents UTC (see callers)."""
    text = value.strip()
    if not text:
        return None
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return None
    return parsed.astimezone(dt.UTC)
