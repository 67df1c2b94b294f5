"""YouTube comment threads (formats.md 3.3): ``commentThreads.list`` responses with
``part=snippet,replies``. YouTube has no comment webhooks; districts poll or export."""

from __future__ import annotations

from typing import Any

from lanyard.connectors.comments.base import CommentRecord, Fields, Item, json_items
from lanyard.connectors.comments.registry import register


class YouTubeComments:
    platform = "youtube"
    title = "YouTube comment threads (Data API v3 JSON)"

    def read(self, source: str, text: str) -> list[CommentRecord]:
        out: list[CommentRecord] = []
        for item in json_items(source, text, list_keys=("items",)):
            thread = Fields(source, item)
            video_id = thread.text("snippet.videoId")
            top = thread.get("snippet.topLevelComment")
            if top is None:
                raise thread.fail("snippet.topLevelComment", "is missing")
            where = f"{item.where}, snippet.topLevelComment"
            out.append(self.record(Fields(source, Item(top, where)), video_id))
            replies = thread.get("replies.comments")
            if isinstance(replies, list):
                for index, reply in enumerate(replies):
                    where = f"{item.where}, replies.comments[{index}]"
                    out.append(self.record(Fields(source, Item(reply, where)), video_id))
        return out

    def record(self, f: Fields, video_id: str | None) -> CommentRecord:
        comment_id = f.required("id")
        video = f.text("snippet.videoId") or video_id
        status = f.text("snippet.moderationStatus")
        permalink = f"https://www.youtube.com/watch?v={video}&lc={comment_id}" if video else None
        return CommentRecord(
            platform=self.platform,
            platform_comment_id=comment_id,
            text=f.body("snippet.textDisplay"),
            created_at=f.time("snippet.publishedAt"),
            author_platform_id=f.text("snippet.authorChannelId.value"),
            author_display=f.text("snippet.authorDisplayName"),
            parent_id=f.text("snippet.parentId"),
            object_id=video,
            permalink=permalink,
            hidden=None if status is None else status != "published",
            raw=f.data,
        )

    def webhook(self, body: dict[str, Any]) -> None:
        return None


register(YouTubeComments())
