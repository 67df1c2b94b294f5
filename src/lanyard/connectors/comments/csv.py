"""A plain CSV of comments, for platforms without an export Lanyard reads.

Columns (header row, any order): ``id`` and ``text`` and ``created_at`` (ISO 8601 with a
zone) are required; ``author``, ``author_id``, ``permalink``, ``parent_id``, ``object_id``
are optional. Extra columns are kept in the archived payload.
"""

from __future__ import annotations

import csv as _csv
import io
from typing import Any

from lanyard.connectors.comments.base import CommentError, CommentRecord, parse_time
from lanyard.connectors.comments.registry import register

REQUIRED = ("id", "text", "created_at")


class CsvComments:
    platform = "csv"
    title = "CSV (id, text, created_at, author, author_id, permalink)"

    def read(self, source: str, text: str) -> list[CommentRecord]:
        reader = _csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
        columns = [c.strip() for c in reader.fieldnames or []]
        reader.fieldnames = columns
        for name in REQUIRED:
            if name not in columns:
                found = ", ".join(repr(c) for c in columns) or "none"
                raise CommentError(source, "line 1", name, f"no such column (columns: {found})")
        out: list[CommentRecord] = []
        for row in reader:
            where = f"line {reader.line_num}"
            values = {k: (v or "").strip() for k, v in row.items() if k is not None}
            for name in ("id", "created_at"):
                if not values.get(name):
                    raise CommentError(source, where, name, "is empty")
            created = parse_time(values["created_at"])
            if created is None:
                raise CommentError(
                    source,
                    where,
                    "created_at",
                    f"is not an ISO 8601 time with a zone: {values['created_at']!r}",
                )
            raw: dict[str, Any] = dict(values)
            raw["text"] = row.get("text") or ""
            out.append(
                CommentRecord(
                    platform=self.platform,
                    platform_comment_id=values["id"],
                    text=row.get("text") or "",
                    created_at=created,
                    author_platform_id=values.get("author_id") or None,
                    author_display=values.get("author") or None,
                    parent_id=values.get("parent_id") or None,
                    object_id=values.get("object_id") or None,
                    permalink=values.get("permalink") or None,
                    raw=raw,
                )
            )
        return out

    def webhook(self, body: dict[str, Any]) -> None:
        return None


register(CsvComments())
