"""X (Twitter) replies (formats.md 3.4): API v2 search responses (``data`` with
``includes.users``), one response or JSON lines of pages; and Account Activity webhooks
(``tweet_create_events``, v1.1 post objects)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from lanyard.connectors.comments.base import CommentError, CommentRecord, Fields, Item
from lanyard.connectors.comments.registry import register


class XReplies:
    platform = "x"
    title = "X replies (API v2 JSON)"

    def read(self, source: str, text: str) -> list[CommentRecord]:
        out: list[CommentRecord] = []
        for where, page in _pages(source, text):
            if isinstance(page, list):
                posts, users = page, {}
            elif isinstance(page, dict) and isinstance(page.get("data"), list):
                posts, users = page["data"], _users(page)
            elif isinstance(page, dict) and "id" in page:
                posts, users = [page], {}
            elif isinstance(page, dict) and "data" not in page:
                continue  # a page without results: {"meta": {"result_count": 0}}
            else:
                raise CommentError(source, where or None, "data", "must be a list of posts")
            for index, post in enumerate(posts):
                item = Item(post, f"{where}, data[{index}]" if where else f"data[{index}]")
                out.append(self.record(Fields(source, item), users))
        return out

    def record(self, f: Fields, users: dict[str, dict[str, Any]]) -> CommentRecord:
        post_id = f.required("id")
        author_id = f.text("author_id")
        user = users.get(author_id or "", {})
        replied_to = None
        refs = f.get("referenced_tweets")
        if isinstance(refs, list):
            for ref in refs:
                if isinstance(ref, dict) and ref.get("type") == "replied_to":
                    replied_to = str(ref.get("id"))
        raw = dict(f.data)
        if user:
            raw["includes_user"] = user
        username = user.get("username")
        return CommentRecord(
            platform=self.platform,
            platform_comment_id=post_id,
            text=f.body("text"),
            created_at=f.time("created_at"),
            author_platform_id=author_id,
            author_display=f"@{username}" if isinstance(username, str) else None,
            parent_id=replied_to,
            object_id=f.text("conversation_id"),
            permalink=f"https://x.com/i/status/{post_id}",
            raw=raw,
        )

    def webhook(self, body: dict[str, Any]) -> list[CommentRecord]:
        """Replies in an Account Activity event (``tweet_create_events``, v1.1 objects);
        the account's own posts (``for_user_id``) are not comments and are skipped."""
        source = "webhook"
        events = body.get("tweet_create_events")
        if events is None:
            return []
        if not isinstance(events, list):
            raise CommentError(source, None, "tweet_create_events", "must be a list")
        own = str(body.get("for_user_id") or "")
        out: list[CommentRecord] = []
        for index, event in enumerate(events):
            f = Fields(source, Item(event, f"tweet_create_events[{index}]"))
            author_id = f.text("user.id_str")
            if own and author_id == own:
                continue
            post_id = f.required("id_str")
            created = f.get("created_at")
            when = _v1_time(created) if isinstance(created, str) else None
            if when is None:
                raise f.fail("created_at", f"is not a post time: {created!r}")
            screen = f.text("user.screen_name")
            out.append(
                CommentRecord(
                    platform=self.platform,
                    platform_comment_id=post_id,
                    text=f.text("extended_tweet.full_text") or f.body("text"),
                    created_at=when,
                    author_platform_id=author_id,
                    author_display=f"@{screen}" if screen else None,
                    parent_id=f.text("in_reply_to_status_id_str"),
                    object_id=f.text("in_reply_to_status_id_str"),
                    permalink=f"https://x.com/i/status/{post_id}",
                    raw=f.data,
                )
            )
        return out


def _pages(source: str, text: str) -> list[tuple[str, Any]]:
    stripped = text.strip()
    if not stripped:
        return []
    try:
        return [("", json.loads(stripped))]
    except json.JSONDecodeError:
        pass
    pages: list[tuple[str, Any]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            pages.append((f"line {number}", json.loads(line)))
        except json.JSONDecodeError as exc:
            raise CommentError(
                source, f"line {number}", None, f"not valid JSON ({exc.msg})"
            ) from None
    return pages


def _users(page: dict[str, Any]) -> dict[str, dict[str, Any]]:
    includes = page.get("includes")
    users = includes.get("users") if isinstance(includes, dict) else None
    if not isinstance(users, list):
        return {}
    return {str(u["id"]): u for u in users if isinstance(u, dict) and "id" in u}


def _v1_time(value: str) -> dt.datetime | None:
    """v1.1 post time, ``Wed Oct 10 20:19:24 +0000 2018``."""
    try:
        return dt.datetime.strptime(value, "%a %b %d %H:%M:%S %z %Y").astimezone(dt.UTC)
    except ValueError:
        return None


register(XReplies())
