"""Facebook Page comments (formats.md 3.1): Graph API ``/{post-id}/comments`` responses
or exports of them, and Page webhooks (field ``feed``, ``item: comment``)."""

from __future__ import annotations

from typing import Any

from lanyard.connectors.comments.base import CommentError, CommentRecord, Fields, Item, json_items
from lanyard.connectors.comments.registry import register


class FacebookComments:
    platform = "facebook"
    title = "Facebook Page comments (Graph API JSON)"

    def read(self, source: str, text: str) -> list[CommentRecord]:
        return [self.record(Fields(source, item)) for item in json_items(source, text)]

    def record(self, f: Fields) -> CommentRecord:
        comment_id = f.required("id")
        object_id = f.text("object.id") or (comment_id.split("_")[0] if "_" in comment_id else None)
        return CommentRecord(
            platform=self.platform,
            platform_comment_id=comment_id,
            text=f.body("message"),
            created_at=f.time("created_time"),
            author_platform_id=f.text("from.id"),
            author_display=f.text("from.name"),
            parent_id=f.text("parent.id"),
            object_id=object_id,
            permalink=f.text("permalink_url"),
            hidden=f.flag("is_hidden"),
            raw=f.data,
        )

    def webhook(self, body: dict[str, Any]) -> list[CommentRecord]:
        """New comments of a Page ``feed`` webhook; other changes (likes, posts, edits,
        removals) are acknowledged and ignored."""
        source = "webhook"
        out: list[CommentRecord] = []
        entries = body.get("entry")
        if not isinstance(entries, list):
            raise CommentError(source, None, "entry", "must be a list")
        for e, entry in enumerate(entries):
            changes = entry.get("changes") if isinstance(entry, dict) else None
            if not isinstance(changes, list):
                continue
            for c, change in enumerate(changes):
                if not isinstance(change, dict) or change.get("field") != "feed":
                    continue
                value = change.get("value")
                if not isinstance(value, dict) or value.get("item") != "comment":
                    continue
                if value.get("verb") != "add":
                    continue
                f = Fields(source, Item(value, f"entry[{e}].changes[{c}]"), "value.")
                comment_id = f.required("comment_id")
                out.append(
                    CommentRecord(
                        platform=self.platform,
                        platform_comment_id=comment_id,
                        text=f.body("message"),
                        created_at=f.time("created_time"),
                        author_platform_id=f.text("from.id"),
                        author_display=f.text("from.name"),
                        parent_id=(
                            None
                            if f.text("parent_id") == f.text("post_id")
                            else f.text("parent_id")
                        ),
                        object_id=f.text("post_id"),
                        permalink=_permalink(f.text("post_id"), comment_id),
                        raw=value,
                    )
                )
        return out


def _permalink(post_id: str | None, comment_id: str) -> str | None:
    if not post_id:
        return None
    return f"https://www.facebook.com/{post_id}?comment_id={comment_id.split('_')[-1]}"


register(FacebookComments())
