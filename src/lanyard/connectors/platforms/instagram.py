"""Instagram comments through the Instagram Graph API (Facebook Login, Page token).

- hide: ``POST /{ig-comment-id}?hide=true`` -> ``{"success": true}``;
- delete: ``DELETE /{ig-comment-id}`` -> ``{"success": true}``;
- reply: ``POST /{ig-comment-id}/replies?message=...`` -> ``{"id": ...}`` (top-level
  comments only; Instagram adds a reply to a reply to its top-level comment);
- poll: ``GET /{ig-user-id}/media?fields=id,timestamp``, every page, then each medium's
  ``GET /{ig-media-id}/comments`` with the ``replies`` edge, every page
  (:mod:`lanyard.connectors.platforms.graph_poll`).
"""

from __future__ import annotations

from typing import Any

import httpx

from lanyard.connectors.platforms.base import REQUESTS_PER_ROUND, PollPage, Target
from lanyard.connectors.platforms.graph import call, succeeded
from lanyard.connectors.platforms.graph_poll import GraphEdges, sweep
from lanyard.connectors.platforms.registry import register

FIELDS = "id,text,timestamp,username,from,parent_id,hidden,media"
EDGES = GraphEdges(
    posts="media",
    post_fields="id,timestamp",
    created="timestamp",
    updated=None,
    comment_fields=f"{FIELDS},replies{{{FIELDS}}}",
    comment_time="timestamp",
    newest_first=False,  # the comments edge promises no order: every page is read
    ordering={},
)


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


register(InstagramClient())
