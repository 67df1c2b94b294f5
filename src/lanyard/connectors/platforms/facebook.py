"""Facebook Page comments through the Graph API (with a Page access token).

- hide: ``POST /{comment-id}?is_hidden=true`` -> ``{"success": true}`` (hidden from
  everyone but the commenter and their friends);
- delete: ``DELETE /{comment-id}`` -> ``{"success": true}``;
- reply: ``POST /{comment-id}/comments?message=...`` -> ``{"id": ...}``;
- poll: ``GET /{page-id}/feed?fields=id,created_time,updated_time``, every page, then each
  post with a comment since the cursor:
  ``GET /{post-id}/comments?filter=stream&order=reverse_chronological``, every page down to
  the cursor (:mod:`lanyard.connectors.platforms.graph_poll`).
"""

from __future__ import annotations

from typing import Any

import httpx

from lanyard.connectors.platforms.base import REQUESTS_PER_ROUND, PollPage, Target
from lanyard.connectors.platforms.graph import call, succeeded
from lanyard.connectors.platforms.graph_poll import GraphEdges, sweep
from lanyard.connectors.platforms.registry import register

COMMENT_FIELDS = "id,message,created_time,from,parent,permalink_url,is_hidden,object"
EDGES = GraphEdges(
    posts="feed",
    post_fields="id,created_time,updated_time",
    created="created_time",
    updated="updated_time",
    comment_fields=COMMENT_FIELDS,
    comment_time="created_time",
    newest_first=True,
    ordering={"filter": "stream", "order": "reverse_chronological"},
)


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
        self,
        http: httpx.Client,
        base: str,
        token: str,
        account_ref: str,
        cursor: str | None,
        *,
        resume: str | None = None,
        budget: int = REQUESTS_PER_ROUND,
    ) -> PollPage:
        return sweep(http, base, token, account_ref, cursor, resume, budget, EDGES)


register(FacebookClient())
