"""Canvas LMS conversations (formats.md 2.1): the REST API's conversation objects with
their messages (``GET /api/v1/conversations/:id``), one JSON document (an object or a
list of them) or JSON lines (one conversation a line, streamed).

Each message is a record: sender ``canvas:<author_id>``, recipients
``participating_user_ids`` minus the author (on old Canvas versions without it, the
conversation's participants minus the author), subject the conversation's, body the
message text. Generated system messages ("X was added to the conversation") are skipped.
Canvas user ids are matched to the directory through the SIS id (a Canvas provisioning
report's ``users.csv``: :func:`read_canvas_users`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lanyard.connectors.messages.base import MessageLogError, MessageRecord, parse_utc, unique
from lanyard.connectors.messages.registry import register


def _user(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
        return f"canvas:{int(value)}"
    return None


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, line: int, field: str | None, message: str) -> MessageLogError:
        return MessageLogError(self.file, line, field, message)

    def conversations(self, value: Any, line: int) -> Iterator[MessageRecord]:
        if isinstance(value, list):
            for element in value:
                yield from self.conversations(element, line)
            return
        if not isinstance(value, dict):
            raise self.fail(line, None, "expected a conversation object")
        messages = value.get("messages")
        if not isinstance(messages, list):
            raise self.fail(
                line,
                "messages",
                "is missing (fetch each conversation with GET /api/v1/conversations/:id)",
            )
        subject = value.get("subject") if isinstance(value.get("subject"), str) else None
        participants = [
            _user(p.get("id")) for p in value.get("participants") or [] if isinstance(p, dict)
        ]
        for index, message in enumerate(messages):
            field = f"messages[{index}]"
            if not isinstance(message, dict):
                raise self.fail(line, field, "must be an object")
            if message.get("generated") is True:
                continue
            mid = message.get("id")
            if isinstance(mid, bool) or not isinstance(mid, int | str) or not str(mid).strip():
                raise self.fail(line, f"{field}.id", "is missing")
            author = _user(message.get("author_id"))
            if author is None:
                raise self.fail(line, f"{field}.author_id", "must be a Canvas user id")
            created = message.get("created_at")
            sent_at = parse_utc(created) if isinstance(created, str) else None
            if sent_at is None:
                raise self.fail(
                    line, f"{field}.created_at", f"is not an ISO 8601 time with a zone: {created!r}"
                )
            ids = message.get("participating_user_ids")
            if isinstance(ids, list):
                recipients = [_user(i) for i in ids]
                if any(r is None for r in recipients):
                    raise self.fail(
                        line, f"{field}.participating_user_ids", "must be Canvas user ids"
                    )
            else:
                recipients = participants
            body = message.get("body")
            yield MessageRecord(
                source="canvas",
                message_id=str(mid).strip(),
                sent_at=sent_at,
                sender=author,
                recipients=unique([r for r in recipients if r is not None], author),
                medium="lms_message",
                platform="canvas",
                account="district",
                line=line,
                subject=subject,
                body=body if isinstance(body, str) else None,
            )


def _flag(value: str) -> bool:
    return value.strip().lower() in ("true", "t", "1", "yes")


def read_dap_tables(folder: Path) -> Iterator[MessageRecord]:
    """Canvas Data 2 (formats.md 2.3): a folder holding ``conversation_messages.csv``,
    ``conversation_message_participants.csv`` and, optionally, ``conversations.csv``
    (for subjects), with the tables' column names as header rows.

    Recipients of a message are its participants' ``user_id`` minus the author. The
    participants and subjects are held in memory while messages stream; the messages
    file is read in order. Instructure calls this data best effort: confirm a finding
    through the API before it goes into a case."""
    messages = folder / "conversation_messages.csv"
    participants = folder / "conversation_message_participants.csv"
    for needed in (messages, participants):
        if not needed.is_file():
            raise MessageLogError(folder.name, None, None, f"{needed.name} is missing")
    recipients: dict[str, list[str]] = {}
    with participants.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for name in ("conversation_message_id", "user_id"):
            if name not in (reader.fieldnames or []):
                raise MessageLogError(participants.name, 1, name, "no such column")
        for row in reader:
            # a deleted_at only says the user removed it from their view later
            user = _user(row.get("user_id"))
            if user is None:
                raise MessageLogError(
                    participants.name, reader.line_num, "user_id", "must be a Canvas user id"
                )
            recipients.setdefault(row["conversation_message_id"].strip(), []).append(user)
    subjects: dict[str, str] = {}
    conversations = folder / "conversations.csv"
    if conversations.is_file():
        with conversations.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                if row.get("id") and row.get("subject"):
                    subjects[row["id"].strip()] = row["subject"]
    with messages.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for name in ("id", "created_at", "conversation_id", "author_id"):
            if name not in (reader.fieldnames or []):
                raise MessageLogError(messages.name, 1, name, "no such column")
        for row in reader:
            line = reader.line_num
            if _flag(row.get("generated") or ""):
                continue
            mid = (row.get("id") or "").strip()
            if not mid:
                raise MessageLogError(messages.name, line, "id", "is empty")
            author = _user(row.get("author_id"))
            if author is None:
                raise MessageLogError(messages.name, line, "author_id", "must be a Canvas user id")
            created = row.get("created_at") or ""
            sent_at = parse_utc(created.replace(" ", "T", 1) if "T" not in created else created)
            if sent_at is None:
                raise MessageLogError(
                    messages.name, line, "created_at", f"is not a time with a zone: {created!r}"
                )
            yield MessageRecord(
                source="canvas",
                message_id=mid,
                sent_at=sent_at,
                sender=author,
                recipients=unique(recipients.get(mid, []), author),
                medium="lms_message",
                platform="canvas",
                account="district",
                line=line,
                subject=subjects.get((row.get("conversation_id") or "").strip()),
                body=row.get("body") or None,
            )


class CanvasConversations:
    format = "canvas"
    title = (
        "Canvas conversations (REST API JSON, a document or JSON lines; or a folder of "
        "Canvas Data 2 tables)"
    )

    def read(self, path: Path) -> Iterator[MessageRecord]:
        if path.is_dir():
            yield from read_dap_tables(path)
            return
        reader = _Reader(path.name)
        with path.open(encoding="utf-8-sig") as handle:
            first_line = handle.readline()
            handle.seek(0)
            try:
                json.loads(first_line)
                whole = False
            except json.JSONDecodeError:
                whole = True
            if whole:
                try:
                    document = json.load(handle)
                except json.JSONDecodeError as exc:
                    raise reader.fail(exc.lineno, None, f"not valid JSON ({exc.msg})") from None
                yield from reader.conversations(document, 1)
                return
            for number, text in enumerate(handle, start=1):
                if not text.strip():
                    continue
                try:
                    value = json.loads(text)
                except json.JSONDecodeError as exc:
                    raise reader.fail(number, None, f"not valid JSON ({exc.msg})") from None
                yield from reader.conversations(value, number)


def read_canvas_users(path: Path) -> dict[str, str]:
    """``canvas:<canvas_user_id>`` -> SIS user id, from a Canvas provisioning report's
    ``users.csv`` (columns ``canvas_user_id`` and ``user_id``; rows without a SIS id are
    left out: such a user stays unknown)."""
    out: dict[str, str] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = reader.fieldnames or []
        for name in ("canvas_user_id", "user_id"):
            if name not in columns:
                raise MessageLogError(path.name, 1, name, "no such column")
        for row in reader:
            canvas_id = (row.get("canvas_user_id") or "").strip()
            sis_id = (row.get("user_id") or "").strip()
            if not canvas_id.isdigit():
                raise MessageLogError(
                    path.name, reader.line_num, "canvas_user_id", "must be a Canvas user id"
                )
            if sis_id:
                out[f"canvas:{int(canvas_id)}"] = sis_id
    return out


register(CanvasConversations())
