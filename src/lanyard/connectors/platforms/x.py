"""X replies through the API v2 (OAuth 2.0 user token, scope ``tweet.moderate.write``).

- hide: ``PUT /2/tweets/:id/hidden`` with ``{"hidden": true}`` -> ``{"data": {"hidden":
  true}}`` (only replies in conversations the account started);
- delete: X lets an account delete only its own posts, so "delete" hides the reply too;
- reply: ``POST /2/tweets`` with ``{"text", "reply": {"in_reply_to_tweet_id"}}`` -> 201;
- poll: ``GET /2/users/:id/mentions?since_id=<cursor>`` with the author expansion; the
  cursor is ``meta.newest_id``.

Errors are problem documents (``{"title", "detail", "type", "status"}``); 429 carries
``x-rate-limit-reset`` (epoch seconds).
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from lanyard.connectors.platforms.base import (
    REQUESTS_PER_ROUND,
    ErrorKind,
    PlatformError,
    PollPage,
    Target,
    body_of,
    by_status,
    network_error,
)
from lanyard.connectors.platforms.registry import register


def x_error(response: httpx.Response) -> PlatformError:
    body = body_of(response)
    errors = body.get("errors")
    first = errors[0] if isinstance(errors, list) and errors and isinstance(errors[0], dict) else {}
    message = str(
        body.get("detail")
        or first.get("message")
        or body.get("title")
        or f"HTTP {response.status_code}"
    )[:300]
    code = body.get("type") or (str(first.get("code")) if first.get("code") is not None else None)
    return by_status(response, message, str(code) if code else None)


def _call(
    http: httpx.Client,
    method: str,
    url: str,
    token: str,
    *,
    params: dict[str, str] | None = None,
    body: dict[str, Any] | None = None,
) -> dict[str, Any]:
    try:
        response = http.request(
            method, url, params=params, json=body, headers={"Authorization": f"Bearer {token}"}
        )
    except httpx.HTTPError as exc:
        raise network_error(exc) from None
    if response.status_code >= 400:
        raise x_error(response)
    return body_of(response)


class XClient:
    platform = "x"
    title = "X API v2"
    delete_means = "hidden (X lets an account hide, not delete, replies to its posts)"

    def _hidden(
        self, http: httpx.Client, base: str, token: str, target: Target, hidden: bool = True
    ) -> dict[str, Any]:
        url = f"{base}/2/tweets/{target.platform_comment_id}/hidden"
        answer = _call(http, "PUT", url, token, body={"hidden": hidden})
        if (answer.get("data") or {}).get("hidden") is not hidden:
            raise PlatformError(ErrorKind.REFUSED, "X did not confirm the change")
        return {"hidden": hidden}

    def unhide(self, http: httpx.Client, base: str, token: str, target: Target) -> dict[str, Any]:
        return self._hidden(http, base, token, target, hidden=False)

    def hide(self, http: httpx.Client, base: str, token: str, target: Target) -> dict[str, Any]:
        return self._hidden(http, base, token, target)

    def delete(self, http: httpx.Client, base: str, token: str, target: Target) -> dict[str, Any]:
        return self._hidden(http, base, token, target)

    def reply(
        self, http: httpx.Client, base: str, token: str, target: Target, text: str
    ) -> dict[str, Any]:
        body = {"text": text, "reply": {"in_reply_to_tweet_id": target.platform_comment_id}}
        answer = _call(http, "POST", f"{base}/2/tweets", token, body=body)
        return {"id": (answer.get("data") or {}).get("id")}

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
        """Mentions newer than the cursor (``since_id``), newest first, every page
        (``meta.next_token`` as ``pagination_token``); a sweep longer than ``budget``
        requests goes on next round from its ``pagination_token``."""
        params = {
            "max_results": "100",
            "tweet.fields": "author_id,created_at,conversation_id,referenced_tweets",
            "expansions": "author_id",
            "user.fields": "username,name",
        }
        if cursor:
            params["since_id"] = cursor
        state: dict[str, Any] = json.loads(resume) if resume else {}
        if state.get("next"):
            params["pagination_token"] = str(state["next"])
        posts: list[dict[str, Any]] = []
        users: dict[str, dict[str, Any]] = {}
        top: str | None = state.get("top")
        next_token: str | None = None
        for _ in range(max(1, budget)):
            page = _call(
                http, "GET", f"{base}/2/users/{account_ref}/mentions", token, params=params
            )
            posts += [p for p in page.get("data") or [] if isinstance(p, dict)]
            for user in (page.get("includes") or {}).get("users") or []:
                users[str(user.get("id"))] = user
            meta = page.get("meta") or {}
            if meta.get("newest_id") and (top is None or _later(str(meta["newest_id"]), top)):
                top = str(meta["newest_id"])
            next_token = str(meta["next_token"]) if meta.get("next_token") else None
            if next_token is None:
                break
            params = {**params, "pagination_token": next_token}
        text = json.dumps({"data": posts, "includes": {"users": list(users.values())}})
        if next_token is not None:  # the bound was reached: go on from here next round
            return PollPage(
                text, cursor, len(posts), resume=json.dumps({"next": next_token, "top": top})
            )
        newest = top if cursor is None or (top is not None and _later(top, cursor)) else cursor
        return PollPage(text, newest, len(posts))


def _later(a: str, b: str) -> bool:
    """Post ids are snowflakes: a longer or larger decimal is later."""
    return (len(a), a) > (len(b), b)


register(XClient())
