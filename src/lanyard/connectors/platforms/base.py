"""The platform client protocol, what it is given and what it answers.

Every client raises :class:`PlatformError` with a :class:`ErrorKind`; only
``rate_limited`` and ``transient`` are retried (with backoff, or after the platform's
``retry_after``). ``expired_token`` waits for a new token; ``refused`` and ``not_found``
are permanent and shown to the moderator with the platform's own words.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

import httpx


class ErrorKind(StrEnum):
    RATE_LIMITED = "rate_limited"  # 429, Graph codes 4/17/32/613, YouTube quota
    EXPIRED_TOKEN = "expired_token"  # Graph 190, HTTP 401
    REFUSED = "refused"  # permission, policy, a bad request: permanent
    NOT_FOUND = "not_found"  # the comment is gone
    TRANSIENT = "transient"  # 5xx, a network failure, Graph codes 1/2


TRANSIENT_KINDS = frozenset({ErrorKind.RATE_LIMITED, ErrorKind.TRANSIENT})


class PlatformError(Exception):
    """A platform call that did not succeed. ``message`` is the platform's own words (never
    the token); ``code`` the platform's error code; ``retry_after`` seconds, when said."""

    def __init__(
        self,
        kind: ErrorKind,
        message: str,
        *,
        status: int | None = None,
        code: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.status = status
        self.code = code
        self.retry_after = retry_after

    @property
    def transient(self) -> bool:
        return self.kind in TRANSIENT_KINDS


@dataclass(frozen=True)
class Target:
    """The comment a client acts on, as the platform knows it."""

    platform_comment_id: str
    parent_id: str | None = None
    object_id: str | None = None


# How many requests one polling round of one account may make, unless told otherwise.
REQUESTS_PER_ROUND = 20


@dataclass(frozen=True)
class PollPage:
    """New comments read from the platform, in the shape the comment connector of the same
    platform reads (an API response as JSON text), and the cursor to start from next time.

    A sweep follows the platform's paging (Graph ``paging.next``/cursors, YouTube
    ``nextPageToken``, X ``pagination_token``) down to the cursor. When it reaches the
    round's bound of requests first, ``resume`` says where the next round goes on (an
    opaque JSON text) and ``cursor`` is still the old one; the sweep that finishes moves
    the cursor to the newest comment it saw and answers ``resume=None``."""

    text: str
    cursor: str | None
    count: int
    resume: str | None = None


class PlatformClient(Protocol):
    """One platform's moderation calls. ``token`` is the account's access token;
    ``account_ref`` the platform's id of the account (Page id, Instagram user id, YouTube
    channel id, X user id)."""

    platform: str
    title: str
    # what "delete" does on this platform, in a moderator's words
    delete_means: str

    def hide(self, http: httpx.Client, base: str, token: str, target: Target) -> dict[str, Any]: ...

    def delete(
        self, http: httpx.Client, base: str, token: str, target: Target
    ) -> dict[str, Any]: ...

    def unhide(
        self, http: httpx.Client, base: str, token: str, target: Target
    ) -> dict[str, Any]: ...

    def reply(
        self, http: httpx.Client, base: str, token: str, target: Target, text: str
    ) -> dict[str, Any]: ...

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
    ) -> PollPage: ...


# ---------------------------------------------------------------- helpers for clients


def body_of(response: httpx.Response) -> dict[str, Any]:
    try:
        value = response.json()
    except (json.JSONDecodeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def retry_after_header(response: httpx.Response, now: dt.datetime | None = None) -> float | None:
    """``Retry-After`` seconds, or X's ``x-rate-limit-reset`` (epoch seconds)."""
    value = response.headers.get("retry-after")
    if value and value.strip().isdigit():
        return float(value.strip())
    reset = response.headers.get("x-rate-limit-reset")
    if reset and reset.strip().isdigit():
        moment = now or dt.datetime.now(dt.UTC)
        return max(0.0, float(reset.strip()) - moment.timestamp())
    return None


def network_error(exc: httpx.HTTPError) -> PlatformError:
    return PlatformError(
        ErrorKind.TRANSIENT, f"could not reach the platform ({type(exc).__name__})"
    )


def by_status(response: httpx.Response, message: str, code: str | None = None) -> PlatformError:
    """The kind an HTTP status implies when the body says nothing more precise."""
    status = response.status_code
    if status == 429:
        kind = ErrorKind.RATE_LIMITED
    elif status == 401:
        kind = ErrorKind.EXPIRED_TOKEN
    elif status == 404:
        kind = ErrorKind.NOT_FOUND
    elif status >= 500:
        kind = ErrorKind.TRANSIENT
    else:
        kind = ErrorKind.REFUSED
    return PlatformError(
        kind, message, status=status, code=code, retry_after=retry_after_header(response)
    )
