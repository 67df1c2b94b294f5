"""Facebook Page comments through the Graph API (with a Page access token).

- hide: ``POST /{comment-id}?is_hidden=true`` -> ``{"success": true}`` (hidden from
  everyone but the commenter and their friends);
- delete: ``DELETE /{comment-id}`` -> ``{"success": true}``;
- reply: ``POST /{comment-id}/comments?message=...`` -> ``{"id": ...}``;
- poll: ``GET /{page-id}/feed?fields=id`` (recent posts), then each post's
  ``GET /{post-id}/comments?filter=stream&order=reverse_chronological`` until the cursor.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from lanyard.connectors.comments.base import parse_time
from lanyard.connectors.platforms.base import PollPage, Target
from lanyard.connectors.platforms.graph import call, succeeded
from lanyard.connectors.platforms.registry import register

COMMENT_FIELDS = "id,message,created_time,from,parent,permalink_url,is_hidden,object"
POSTS_PER_POLL = 25


class FacebookClient:
    platform = "facebook"
    title = "Facebook Graph API"
    delete_means = "deleted from the Page"

    def hide(self, http: httpx.Client, base: str, token: str, target: Target) -> dict[str, Any]:
        url = f"{base}/{target.platform_comment_id}"
        return succeeded(call(http, "POST", url, token, {"is_hidden": "true"}), "hide")

    def unhide(self, http: httpx.Client, base: str, token: str, target: Target) -> dict[str, Any]:
        url = f"{base}/{target.platform_comment_id}"
        return succeeded(call(http, "POST", url, token, {"is_hidden": "false"}), "unhide")

    def delete(self, http: httpx.Client, base: str, token: str, target: Target) -> dict[str, Any]:
        return succeeded(
            call(http, "DELETE", f"{base}/{target.platform_comment_id}", token), "delete"
        )

    def reply(
        self, http: httpx.Client, base: str, token: str, target: Target, text: str
    ) -> dict[str, Any]:
        url = f"{base}/{target.platform_comment_id}/comments"
        return call(http, "POST", url, token, {"message": text})

    def poll(
        self, http: httpx.Client, base: str, token: str, account_ref: str, cursor: str | None
    ) -> PollPage:
        since = parse_time(cursor) if cursor else None
        posts = (
            call(
                http,
                "GET",
                f"{base}/{account_ref}/feed",
                token,
                {"fields": "id", "limit": str(POSTS_PER_POLL)},
            ).get("data")
            or []
        )
        found: list[dict[str, Any]] = []
        newest = cursor
        for post in posts:
            url: str | None = f"{base}/{post['id']}/comments"
            params: dict[str, str] | None = {
                "filter": "stream",
                "order": "reverse_chronological",
                "fields": COMMENT_FIELDS,
                "limit": "100",
            }
            while url:
                page = call(http, "GET", url, token, params)
                older = False
                for item in page.get("data") or []:
                    when = parse_time(item.get("created_time"))
                    if since is not None and when is not None and when <= since:
                        older = True
                        break
                    found.append(item)
                    if when is not None and (newest is None or when > (parse_time(newest) or when)):
                        newest = when.isoformat()
                next_url = (page.get("paging") or {}).get("next")
                url, params = (None, None) if older or not next_url else (str(next_url), None)
        return PollPage(json.dumps({"data": found}), newest, len(found))


register(FacebookClient())
