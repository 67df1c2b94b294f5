"""Polling a Facebook Page or an Instagram account through the Graph API, every page of it.

A sweep reads the account's posts (``/{page-id}/feed`` or ``/{ig-user-id}/media``) page by
page, following ``paging.next`` with its ``cursors.after``, and for each post its comments,
again page by page, newest first, down to the cursor (the newest comment the last finished
sweep saw, less a few minutes of overlap: a comment already on file is not taken twice).
A Facebook post whose ``updated_time`` (moved by every new comment) is not after the cursor
is skipped, and the feed is read back to posts created ``POST_HORIZON`` before the cursor.

One round makes at most ``budget`` requests. A sweep that needs more stops there and says
where it was (the feed's ``after`` cursor, the posts of that page still to read, the post
being read and its comments' ``after`` cursor, the newest comment seen); the next round
goes on from there. Meta says cursors may stop working when the item they point to is
deleted: a resumed round that fails is retried from the top by the caller.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import httpx

from lanyard.connectors.comments.base import parse_time
from lanyard.connectors.platforms.base import PollPage
from lanyard.connectors.platforms.graph import call

POST_HORIZON = dt.timedelta(days=90)
OVERLAP = dt.timedelta(minutes=5)
PAGE_SIZE = "100"


@dataclass(frozen=True)
class GraphEdges:
    """What differs between a Facebook Page and an Instagram account."""

    posts: str  # the edge of the account's posts: "feed" | "media"
    post_fields: str
    created: str  # the post's creation time field
    updated: str | None  # the post's last-activity field, when the platform has one
    comment_fields: str
    comment_time: str  # the comment's time field
    newest_first: bool  # comments come newest first: stop at the cursor
    ordering: dict[str, str]  # extra parameters of the comments edge


def _after(page: dict[str, Any]) -> str | None:
    paging = page.get("paging") or {}
    if not paging.get("next"):
        return None
    after = (paging.get("cursors") or {}).get("after")
    return str(after) if after else None


def sweep(
    http: httpx.Client,
    base: str,
    token: str,
    account_ref: str,
    cursor: str | None,
    resume: str | None,
    budget: int,
    edges: GraphEdges,
) -> PollPage:
    since = parse_time(cursor) if cursor else None
    floor = since - OVERLAP if since is not None else None
    state: dict[str, Any] = json.loads(resume) if resume else {}
    top = parse_time(state.get("top")) if state.get("top") else None
    started = bool(state.get("started"))
    feed_after: str | None = state.get("after")
    queue: list[str] = list(state.get("queue") or [])
    post: dict[str, Any] | None = state.get("post")
    found: list[dict[str, Any]] = []
    count = 0
    calls = 0

    def newer(when: dt.datetime | None) -> None:
        nonlocal top
        if when is not None and (top is None or when > top):
            top = when

    while True:
        if post is not None:
            if calls >= budget:
                break
            params = {**edges.ordering, "fields": edges.comment_fields, "limit": PAGE_SIZE}
            if post.get("after"):
                params["after"] = str(post["after"])
            page = call(http, "GET", f"{base}/{post['id']}/comments", token, params)
            calls += 1
            older = False
            for item in page.get("data") or []:
                when = parse_time(item.get(edges.comment_time))
                replies = (item.get("replies") or {}).get("data") or []
                times = [when, *(parse_time(r.get(edges.comment_time)) for r in replies)]
                latest = max((t for t in times if t is not None), default=None)
                if floor is not None and latest is not None and latest <= floor:
                    if edges.newest_first:
                        older = True
                        break
                    continue
                found.append(item)
                count += 1 + len(replies)
                newer(latest)
            after = _after(page)
            post = {"id": post["id"], "after": after} if after and not older else None
            continue
        if queue:
            post = {"id": queue.pop(0), "after": None}
            continue
        if started and feed_after is None:
            # the sweep is over: the cursor moves to the newest comment it saw
            newest = max((t for t in (top, since) if t is not None), default=None)
            return PollPage(
                json.dumps({"data": found}), newest.isoformat() if newest else cursor, count
            )
        if calls >= budget:
            break
        params = {"fields": edges.post_fields, "limit": PAGE_SIZE}
        if feed_after:
            params["after"] = feed_after
        page = call(http, "GET", f"{base}/{account_ref}/{edges.posts}", token, params)
        calls += 1
        started = True
        feed_after = _after(page)
        for item in page.get("data") or []:
            created = parse_time(item.get(edges.created))
            if floor is not None and created is not None and created < floor - POST_HORIZON:
                feed_after = None  # older posts than the horizon: the feed is done
                break
            updated = parse_time(item.get(edges.updated)) if edges.updated else None
            if floor is not None and updated is not None and updated <= floor:
                continue  # no comment since the cursor
            queue.append(str(item["id"]))
    state = {
        "started": started,
        "after": feed_after,
        "queue": queue,
        "post": post,
        "top": top.isoformat() if top else None,
    }
    return PollPage(json.dumps({"data": found}), cursor, count, resume=json.dumps(state))
