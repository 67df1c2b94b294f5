"""Instagram comments (formats.md 3.2): ``/{ig-media-id}/comments`` responses (replies
included when the ``replies`` edge was requested) and ``comments`` webhooks."""

from __future__ import annotations

from typing import Any

from lanyard.connectors.comments.base import (
    CommentError,
    CommentRecord,
    Fields,
    Item,
    json_items,
    parse_time,
)
from lanyard.connectors.comments.registry import register


class InstagramComments:
    platform = "instagram"
    title = "Instagram comments (Instagram Graph API JSON)"

    def read(self, source: str, text: str) -> list[CommentRecord]:
        out: list[CommentRecord] = []
        for item in json_items(source, text):
            f = Fields(source, item)
            out.append(self.record(f))
            replies = f.get("replies.data")
            if isinstance(replies, list):
                for index, reply in enumerate(replies):
                    where = f"{item.where}, replies.data[{index}]"
                    record = self.record(Fields(source, Item(reply, where)))
                    if record.parent_id is None:
                        record = _with_parent(record, f.required("id"))
                    out.append(record)
        return out

    def record(self, f: Fields) -> CommentRecord:
        username = f.text("username") or f.text("from.username")
        return CommentRecord(
            platform=self.platform,
            platform_comment_id=f.required("id"),
            text=f.body("text"),
            created_at=f.time("timestamp"),
            author_platform_id=f.text("from.id"),
            author_display=username,
            parent_id=f.text("parent_id"),
            object_id=f.text("media.id"),
            permalink=None,  # Instagram gives none; the media permalink is not in the comment
            hidden=f.flag("hidden"),
            raw={k: v for k, v in f.data.items() if k != "replies"},
        )

    def webhook(self, body: dict[str, Any]) -> list[CommentRecord]:
        source = "webhook"
        entries = body.get("entry")
        if not isinstance(entries, list):
            raise CommentError(source, None, "entry", "must be a list")
        out: list[CommentRecord] = []
        for e, entry in enumerate(entries):
            changes = entry.get("changes") if isinstance(entry, dict) else None
            if not isinstance(changes, list):
                continue
            when = parse_time(entry.get("time"))
            for c, change in enumerate(changes):
                if not isinstance(change, dict) or change.get("field") != "comments":
                    continue
                f = Fields(source, Item(change.get("value"), f"entry[{e}].changes[{c}]"), "value.")
                if when is None:
                    raise CommentError(source, f"entry[{e}]", "time", "is missing")
                out.append(
                    CommentRecord(
                        platform=self.platform,
                        platform_comment_id=f.required("id"),
                        text=f.body("text"),
                        created_at=when,
                        author_platform_id=f.text("from.id"),
                        author_display=f.text("from.username"),
                        parent_id=f.text("parent_id"),
                        object_id=f.text("media.id"),
                        raw=f.data,
                    )
                )
        return out


def _with_parent(record: CommentRecord, parent_id: str) -> CommentRecord:
    from dataclasses import replace

    return replace(record, parent_id=parent_id)


register(InstagramComments())
