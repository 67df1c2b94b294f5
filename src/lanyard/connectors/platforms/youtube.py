"""YouTube comments through the Data API v3 (OAuth token with ``youtube.force-ssl``).

- hide: ``POST /comments/setModerationStatus?id=...&moderationStatus=heldForReview``
  -> 204 (held for the channel's review; can be published again);
- delete: ``moderationStatus=rejected`` -> 204. The reference says to remove another
  user's comment from your channel or video by rejecting it: ``comments.delete`` works only
  for the comment's own author. A rejected comment cannot be published again;
- reply: ``POST /comments?part=snippet`` with ``{"snippet": {"parentId", "textOriginal"}}``;
- poll: ``GET /commentThreads?part=snippet,replies&allThreadsRelatedToChannelId=...&order=time``,
  every page (``nextPageToken``) down to the cursor.

Errors are ``{"error": {"code", "message", "errors": [{"domain", "reason", "message"}]}}``;
``quotaExceeded`` waits for the daily quota reset (midnight Pacific time).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from lanyard.connectors.comments.base import parse_time
from lanyard.connectors.platforms.base import (
    REQUESTS_PER_ROUND,
    ErrorKind,
    PlatformError,
    PollPage,
    Target,
    body_of,
    by_status,
    network_error,
    retry_after_header,
)
from lanyard.connectors.platforms.registry import register

RATE_REASONS = frozenset(
    {"rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded", "dailyLimitExceeded"}
)
EXPIRED_REASONS = frozenset({"authError", "invalidCredentials", "expiredToken"})
NOT_FOUND_REASONS = frozenset({"commentNotFound", "notFound"})
PACIFIC = ZoneInfo("America/Los_Angeles")


def until_quota_reset(now: dt.datetime) -> float:
    local = now.astimezone(PACIFIC)
    midnight = (local + dt.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(60.0, (midnight - local).total_seconds())


def youtube_error(response: httpx.Response) -> PlatformError:
    error: dict[str, Any] = body_of(response).get("error") or {}
    details = error.get("errors") or [{}]
    reason = str(details[0].get("reason") or "") if isinstance(details[0], dict) else ""
    message = str(error.get("message") or f"HTTP {response.status_code}")[:300]
    status = response.status_code
    if reason in RATE_REASONS or status == 429:
        retry = retry_after_header(response)
        if reason == "quotaExceeded" and retry is None:
            retry = until_quota_reset(dt.datetime.now(dt.UTC))
        return PlatformError(
            ErrorKind.RATE_LIMITED, message, status=status, code=reason or None, retry_after=retry
        )
    if reason in EXPIRED_REASONS or status == 401:
        return PlatformError(ErrorKind.EXPIRED_TOKEN, message, status=status, code=reason or None)
    if reason in NOT_FOUND_REASONS:
        return PlatformError(ErrorKind.NOT_FOUND, message, status=status, code=reason)
    return by_status(response, message, reason or None)


def _call(
    http: httpx.Client,
    method: str,
    url: str,
    token: str,
    params: dict[str, str],
    body: dict[str, Any] | None = None,
) -> dict[str, Any]:
    try:
        response = http.request(
            method, url, params=params, json=body, headers={"Authorization": f"Bearer {token}"}
        )
    except httpx.HTTPError as exc:
        raise network_error(exc) from None
    if response.status_code >= 400:
        raise youtube_error(response)
    return body_of(response)


class YouTubeClient:
    platform = "youtube"
    title = "YouTube Data API v3"
    delete_means = "rejected (removed from the channel; YouTube keeps no way to restore it)"

    def _moderate(
        self, http: httpx.Client, base: str, token: str, cid: str, status: str
    ) -> dict[str, Any]:
        params = {"id": cid, "moderationStatus": status}
        _call(http, "POST", f"{base}/comments/setModerationStatus", token, params)
        return {"moderationStatus": status}

    def hide(self, http: httpx.Client, base: str, token: str, target: Target) -> dict[str, Any]:
        return self._moderate(http, base, token, target.platform_comment_id, "heldForReview")

    def unhide(self, http: httpx.Client, base: str, token: str, target: Target) -> dict[str, Any]:
        return self._moderate(http, base, token, target.platform_comment_id, "published")

    def delete(self, http: httpx.Client, base: str, token: str, target: Target) -> dict[str, Any]:
        return self._moderate(http, base, token, target.platform_comment_id, "rejected")

    def reply(
        self, http: httpx.Client, base: str, token: str, target: Target, text: str
    ) -> dict[str, Any]:
        top = target.parent_id or target.platform_comment_id
        body = {"snippet": {"parentId": top, "textOriginal": text}}
        answer = _call(http, "POST", f"{base}/comments", token, {"part": "snippet"}, body)
        return {"id": answer.get("id")}

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
        """The channel's threads newest first, every page (``nextPageToken``) down to the
        cursor; a sweep longer than ``budget`` requests goes on next round from its
        ``pageToken``."""
        since = parse_time(cursor) if cursor else None
        state: dict[str, Any] = json.loads(resume) if resume else {}
        newest = parse_time(state.get("top")) if state.get("top") else since
        threads: list[dict[str, Any]] = []
        count = 0
        params = {
            "part": "snippet,replies",
            "allThreadsRelatedToChannelId": account_ref,
            "order": "time",
            "maxResults": "100",
        }
        if state.get("page"):
            params["pageToken"] = str(state["page"])
        token_next: str | None = None
        for _ in range(max(1, budget)):
            page = _call(http, "GET", f"{base}/commentThreads", token, params)
            older = False
            for thread in page.get("items") or []:
                top = (thread.get("snippet") or {}).get("topLevelComment") or {}
                times = [parse_time((top.get("snippet") or {}).get("updatedAt"))]
                times.append(parse_time((top.get("snippet") or {}).get("publishedAt")))
                replies = (thread.get("replies") or {}).get("comments") or []
                times += [parse_time((r.get("snippet") or {}).get("publishedAt")) for r in replies]
                latest = max((t for t in times if t is not None), default=None)
                if since is not None and latest is not None and latest <= since:
                    older = True
                    break
                threads.append(thread)
                count += 1 + len(replies)
                if latest is not None and (newest is None or latest > newest):
                    newest = latest
            token_next = None if older else page.get("nextPageToken")
            if not token_next:
                break
            params = {**params, "pageToken": str(token_next)}
        text = json.dumps({"items": threads})
        if token_next:  # the bound was reached: go on from here next round
            state = {"page": str(token_next), "top": newest.isoformat() if newest else None}
            return PollPage(text, cursor, count, resume=json.dumps(state))
        return PollPage(text, newest.isoformat() if newest else cursor, count)


register(YouTubeClient())
