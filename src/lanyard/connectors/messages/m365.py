"""Microsoft 365 / Exchange Online message trace (formats.md 4.2).

Two header families are read:

- ``Get-MessageTraceV2 | Export-Csv`` (and the retired V1 cmdlet): ``Received``,
  ``SenderAddress``, ``RecipientAddress``, ``Subject``, ``Status``, ``MessageId`` ... one
  recipient a row; the rows of one message are grouped by ``MessageId``.
- the Exchange admin center's downloaded reports: ``origin_timestamp_utc`` (or
  ``date_time_utc``), ``sender_address``, ``recipient_status``
  (``address##status;address##status``) or ``recipient_address``, ``message_subject``,
  ``message_id``.

Rows of one message need not be next to each other: groups stay open while later rows
may still add recipients, and the oldest open group is emitted once ``WINDOW`` other
messages have started after it (memory stays bounded). A row with status ``Expanded`` is a
distribution list being expanded: its members have rows of their own, so the list's own
address is not a recipient. Times are UTC (the cmdlet's output is documented as UTC; a
time without a zone is read as UTC).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lanyard.connectors.messages.base import (
    MessageLogError,
    MessageRecord,
    normalize_address,
    unique,
)
from lanyard.connectors.messages.registry import register

WINDOW = 5000

# canonical name -> header names that mean it, in the two families
_COLUMNS = {
    "received": ("Received", "origin_timestamp_utc", "date_time_utc"),
    "sender": ("SenderAddress", "sender_address"),
    "recipient": ("RecipientAddress", "recipient_address", "recipient_status"),
    "subject": ("Subject", "message_subject"),
    "status": ("Status", "delivery_status"),
    "message_id": ("MessageId", "message_id"),
}
_REQUIRED = ("received", "sender", "recipient", "message_id")
_FORMATS = ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M")


def _time(value: str) -> dt.datetime | None:
    text = value.strip()
    if not text:
        return None
    parsed: dt.datetime | None = None
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        for fmt in _FORMATS:  # Export-Csv of a DateTime in an en-US session
            try:
                parsed = dt.datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC)


@dataclass
class _Group:
    message_id: str
    sent_at: dt.datetime
    sender: str
    subject: str | None
    line: int
    recipients: list[str] = field(default_factory=list)

    def record(self) -> MessageRecord:
        return MessageRecord(
            source="m365",
            message_id=self.message_id,
            sent_at=self.sent_at,
            sender=self.sender,
            recipients=unique(self.recipients, self.sender),
            medium="email",
            platform="district-email",
            line=self.line,
            subject=self.subject,
        )


class MessageTrace:
    format = "m365"
    title = "Microsoft 365 message trace (Get-MessageTraceV2 CSV or admin center report)"

    def read(self, path: Path) -> Iterator[MessageRecord]:
        file = path.name
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = csv.reader(handle)
            try:
                header = next(rows)
            except StopIteration:
                return
            header = [h.strip() for h in header]
            where: dict[str, int] = {}
            for canonical, names in _COLUMNS.items():
                for name in names:
                    if name in header:
                        where[canonical] = header.index(name)
                        break
            for canonical in _REQUIRED:
                if canonical not in where:
                    raise MessageLogError(
                        file,
                        1,
                        _COLUMNS[canonical][0],
                        f"no such column (columns: {', '.join(header) or 'none'})",
                    )
            multi = header[where["recipient"]] == "recipient_status"
            width = len(header)
            i_time, i_sender, i_rcpt = where["received"], where["sender"], where["recipient"]
            i_id, i_subject, i_status = (
                where["message_id"],
                where.get("subject"),
                where.get("status"),
            )
            groups: OrderedDict[str, _Group] = OrderedDict()
            get = groups.get
            expanded = "Expanded"
            for row in rows:
                if len(row) != width:
                    if not row or (len(row) == 1 and not row[0].strip()):
                        continue
                    raise MessageLogError(
                        file, rows.line_num, None, f"has {len(row)} fields, the header has {width}"
                    )
                message_id = row[i_id].strip()
                group = get(message_id)
                if group is None:
                    line = rows.line_num
                    if not message_id:
                        raise MessageLogError(file, line, header[i_id], "is empty")
                    sent_at = _time(row[i_time])
                    if sent_at is None:
                        raise MessageLogError(
                            file, line, header[i_time], f"is not a time: {row[i_time]!r}"
                        )
                    sender = normalize_address(row[i_sender])
                    if not sender:
                        raise MessageLogError(file, line, header[i_sender], "is empty")
                    subject = row[i_subject] if i_subject is not None else None
                    group = _Group(message_id, sent_at, sender, subject, line)
                    groups[message_id] = group
                    if len(groups) > WINDOW:
                        yield groups.popitem(last=False)[1].record()
                if i_status is not None and row[i_status].strip() == expanded:
                    continue
                cell = row[i_rcpt]
                if multi:
                    for part in cell.split(";"):
                        address = part.split("##", 1)[0]
                        if address.strip():
                            group.recipients.append(normalize_address(address))
                    continue
                # normalize_address, its common case inline: a bare address
                address = cell.strip().lower() if "<" not in cell else normalize_address(cell)
                if not address:
                    raise MessageLogError(file, rows.line_num, header[i_rcpt], "is empty")
                group.recipients.append(address)
            for group in groups.values():
                yield group.record()


register(MessageTrace())
