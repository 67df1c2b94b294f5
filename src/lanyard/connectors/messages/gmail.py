"""Google Workspace Gmail logs (formats.md 4.1): BigQuery export rows and Reports API
activities.

Read from JSON lines (``bq extract --destination_format NEWLINE_DELIMITED_JSON``, or one
Reports API activity or response page a line) or from one JSON document (a list of rows,
a response page with ``items``). Three shapes of record are recognized:

- a ``daily_YYYYMMDD`` row: ``event_info`` and ``message_info`` at the top;
- an ``activity`` row of the newer export: the same record under ``gmail``;
- a Reports API activity (``kind: admin#reports#activity``): ``events[].parameters[]``
  named like the BigQuery columns, nested values as ``messageValue`` /
  ``multiMessageValue``.

Only "sent" (1) and "received" (2) events are messages; opens, replies, spam verdicts and
delivery stages are skipped. A received event is marked ``inbound``: the import keeps it
only when the log has no sent event for it (mail from outside the district).
BigQuery writes INT64 values as strings in JSON; both forms are read.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lanyard.connectors.messages.base import (
    MessageLogError,
    MessageRecord,
    normalize_address,
    parse_utc,
    unique,
)
from lanyard.connectors.messages.registry import register

SENT, RECEIVED = 1, 2


def _parameters(items: Any) -> dict[str, Any]:
    """Reports API parameters as the nested dict a BigQuery row would hold."""
    out: dict[str, Any] = {}
    if not isinstance(items, list):
        return out
    for p in items:
        if not isinstance(p, dict) or "name" not in p:
            continue
        name = p["name"]
        if "messageValue" in p:
            out[name] = _parameters((p["messageValue"] or {}).get("parameter"))
        elif "multiMessageValue" in p:
            out[name] = [_parameters((m or {}).get("parameter")) for m in p["multiMessageValue"]]
        elif "intValue" in p:
            out[name] = p["intValue"]
        elif "boolValue" in p:
            out[name] = p["boolValue"]
        elif "multiValue" in p:
            out[name] = p["multiValue"]
        elif "multiIntValue" in p:
            out[name] = p["multiIntValue"]
        else:
            out[name] = p.get("value")
    return out


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, line: int, field: str | None, message: str) -> MessageLogError:
        return MessageLogError(self.file, line, field, message)

    def records(self, value: Any, line: int) -> Iterator[MessageRecord]:
        if isinstance(value, list):
            for element in value:
                yield from self.records(element, line)
            return
        if not isinstance(value, dict):
            raise self.fail(line, None, "expected a JSON object (a log row or an activity)")
        if isinstance(value.get("items"), list):  # a Reports API response page
            for element in value["items"]:
                yield from self.records(element, line)
            return
        if value.get("kind") == "admin#reports#activity" or "events" in value:
            yield from self._activity(value, line)
            return
        nested = value.get("gmail")
        row: dict[str, Any] = nested if isinstance(nested, dict) else value
        if "event_info" not in row and "message_info" not in row:
            raise self.fail(
                line, "event_info", "is missing (not a Gmail log row, activity or response page)"
            )
        record = self._row(row, line, fallback_usec=value.get("time_usec"))
        if record is not None:
            yield record

    def _activity(self, activity: dict[str, Any], line: int) -> Iterator[MessageRecord]:
        events = activity.get("events")
        if not isinstance(events, list):
            raise self.fail(line, "events", "must be a list of events")
        when = (activity.get("id") or {}).get("time")
        for event in events:
            if not isinstance(event, dict):
                raise self.fail(line, "events", "must be a list of objects")
            row = _parameters(event.get("parameters"))
            record = self._row(row, line, fallback_time=when, prefix="events[].parameters.")
            if record is not None:
                yield record

    def _int(self, value: Any, line: int, field: str) -> int | None:
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            raise self.fail(line, field, f"must be an integer, got {value!r}")
        if isinstance(value, int):
            return value
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return int(value)
        raise self.fail(line, field, f"must be an integer, got {value!r}")

    def _row(
        self,
        row: dict[str, Any],
        line: int,
        *,
        fallback_usec: Any = None,
        fallback_time: Any = None,
        prefix: str = "",
    ) -> MessageRecord | None:
        event = row.get("event_info")
        info = row.get("message_info")
        if not isinstance(event, dict):
            raise self.fail(line, prefix + "event_info", "is missing")
        kind = self._int(event.get("mail_event_type"), line, prefix + "event_info.mail_event_type")
        if kind not in (SENT, RECEIVED):
            return None
        if not isinstance(info, dict):
            raise self.fail(line, prefix + "message_info", "is missing")
        message_id = info.get("rfc2822_message_id")
        if not isinstance(message_id, str) or not message_id.strip():
            raise self.fail(line, prefix + "message_info.rfc2822_message_id", "is missing")
        usec = self._int(
            event.get("timestamp_usec"), line, prefix + "event_info.timestamp_usec"
        ) or self._int(fallback_usec, line, "time_usec")
        if usec is not None:
            sent_at = dt.datetime.fromtimestamp(usec / 1_000_000, dt.UTC)
        elif isinstance(fallback_time, str) and parse_utc(fallback_time) is not None:
            sent_at = parse_utc(fallback_time)  # type: ignore[assignment]
        else:
            raise self.fail(line, prefix + "event_info.timestamp_usec", "is missing")
        source = info.get("source") or {}
        if not isinstance(source, dict):
            raise self.fail(line, prefix + "message_info.source", "must be an object")
        sender_text = source.get("from_header_address") or source.get("address")
        if not isinstance(sender_text, str) or not sender_text.strip():
            raise self.fail(line, prefix + "message_info.source.address", "is missing")
        sender = normalize_address(sender_text)
        recipients: list[str] = []
        destinations = info.get("destination")
        if isinstance(destinations, list) and destinations:
            for d in destinations:
                if not isinstance(d, dict) or not isinstance(d.get("address"), str):
                    raise self.fail(
                        line, prefix + "message_info.destination", "each entry needs an address"
                    )
                recipients.append(normalize_address(d["address"]))
        elif isinstance(info.get("flattened_destinations"), str):
            for part in info["flattened_destinations"].split(","):
                address = part.rsplit(":", 1)[-1]
                if address.strip():
                    recipients.append(normalize_address(address))
        subject = info.get("subject")
        return MessageRecord(
            source="gmail",
            message_id=message_id.strip(),
            sent_at=sent_at,
            sender=sender,
            recipients=unique(recipients, sender),
            medium="email",
            platform="district-email",
            line=line,
            subject=subject if isinstance(subject, str) else None,
            inbound=kind == RECEIVED,
        )


class GmailLogs:
    format = "gmail"
    title = "Google Workspace Gmail logs (BigQuery export rows or Reports API activities)"

    def read(self, path: Path) -> Iterator[MessageRecord]:
        reader = _Reader(path.name)
        with path.open(encoding="utf-8-sig") as handle:
            first = handle.read(1)
            while first and first.isspace():
                first = handle.read(1)
            handle.seek(0)
            if first == "[":  # one JSON document: a list of rows
                try:
                    document = json.load(handle)
                except json.JSONDecodeError as exc:
                    raise reader.fail(exc.lineno, None, f"not valid JSON ({exc.msg})") from None
                yield from reader.records(document, 1)
                return
            for number, text in enumerate(handle, start=1):
                if not text.strip():
                    continue
                try:
                    value = json.loads(text)
                except json.JSONDecodeError as exc:
                    if number == 1 and first == "{":
                        # Maybe one pretty-printed document (a Reports API response page).
                        handle.seek(0)
                        try:
                            document = json.load(handle)
                        except json.JSONDecodeError as whole:
                            raise reader.fail(
                                whole.lineno, None, f"not valid JSON ({whole.msg})"
                            ) from None
                        yield from reader.records(document, 1)
                        return
                    raise reader.fail(number, None, f"not valid JSON ({exc.msg})") from None
                yield from reader.records(value, number)


register(GmailLogs())
