"""Instagram comments through the Instagram Graph API (Facebook Login, Page token).

- hide: ``POST /{ig-comment-id}?hide=true`` -> ``{"success": true}``;
- delete: ``DELETE /{ig-comment-id}`` -> ``{"success": true}``;
- reply: ``POST /{ig-comment-id}/replies?message=...`` -> ``{"id": ...}`` (top-level
  comments only; Instagram adds a reply to a reply to its top-level comment);
- poll: ``GET /{ig-user-id}/media?fields=id``, then each medium's
  ``GET /{ig-media-id}/comments`` with the ``replies`` edge.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from lanyard.connectors.comments.base import parse_time
from lanyard.connectors.platforms.base import PollPage, Target
from lanyard.connectors.platforms.graph import call, succeeded
from lanyard.connectors.platforms.registry import register

FIELDS = "id,text,timestamp,username,from,parent_id,hidden,media"
MEDIA_PER_POLL = 25


class InstagramClient:
    platform = "instagram"
    title = "Instagram Graph API"
    delete_means = "deleted from the post"

    def hide(self, http: httpx.Client, base: str, token: str, target: Target) -> dict[str, Any]:
        url = f"{base}/{target.platform_comment_id}"
        return succeeded(call(http, "POST", url, token, {"hide": "true"}), "hide")

    def unhide(self, http: httpx.Client, base: str, token: str, target: Target) -> dict[str, Any]:
        url = f"{base}/{target.platform_comment_id}"
        return succeeded(call(http, "POST", url, token, {"hide": "false"}), "unhide")

    def delete(self, http: httpx.Client, base: str, token: str, target: Target) -> dict[str, Any]:
        return succeeded(
            call(http, "DELETE", f"{base}/{target.platform_comment_id}", token), "delete"
        )

    def reply(
        self, http: httpx.Client, base: str, token: str, target: Target, text: str
    ) -> dict[str, Any]:
        top = target.parent_id or target.platform_comment_id
        return call(http, "POST", f"{base}/{top}/replies", token, {"message": text})

    def poll(
        self, http: httpx.Client, base: str, token: str, account_ref: str, cursor: str | None
    ) -> PollPage:
        media = (
            call(
                http,
                "GET",
                f"{base}/{account_ref}/media",
                token,
                {"fields": "id", "limit": str(MEDIA_PER_POLL)},
            ).get("data")
            or []
        )
        found: list[dict[str, Any]] = []
        newest = parse_time(cursor) if cursor else None
        count = 0
        for medium in media:
            page = call(
                http,
                "GET",
                f"{base}/{medium['id']}/comments",
                token,
                {"fields": f"{FIELDS},replies{{{FIELDS}}}", "limit": "50"},
            )
            for item in page.get("data") or []:
                found.append(item)
                replies = (item.get("replies") or {}).get("data") or []
                count += 1 + len(replies)
                for each in [item, *replies]:
                    when = parse_time(each.get("timestamp"))
                    if when is not None and (newest is None or when > newest):
                        newest = when
        return PollPage(
            json.dumps({"data": found}), newest.isoformat() if newest else cursor, count
        )


register(InstagramClient())
