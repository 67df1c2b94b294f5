"""JSON bodies are checked before anything parses them.

- Larger than ``LANYARD_MAX_JSON_BYTES`` (declared or as it streams in): 413, and the
  rest is never read. A path given its own limit (the photo API: one photo of
  ``LANYARD_PHOTO_MAX_BYTES`` in base64 on top) is held to that one, named in the 413.
- A string with a lone surrogate (``"\\ud800"``: valid JSON, not valid Unicode) would be
  stored and then break every page that shows it: 422 naming the field, the shape of
  FastAPI's own validation errors.

Forms need no such check: their fields are decoded with replacement characters.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_SURROGATE = re.compile("[\ud800-\udfff]")


def _is_json(scope: Scope) -> bool:
    """A JSON content type, or none (FastAPI then reads the body as JSON too)."""
    for name, value in scope.get("headers", ()):
        if name == b"content-type":
            kind: bytes = value.split(b";", 1)[0].strip().lower()
            return kind == b"application/json" or kind.endswith(b"+json")
    return True


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def surrogate_at(value: Any, loc: tuple[str | int, ...] = ()) -> tuple[str | int, ...] | None:
    """Where in a parsed JSON value a string (or a key) holds a lone surrogate."""
    if isinstance(value, str):
        return loc if _SURROGATE.search(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            if _SURROGATE.search(key):
                return (*loc, key.encode("utf-8", "backslashreplace").decode())
            found = surrogate_at(item, (*loc, key))
            if found is not None:
                return found
    if isinstance(value, list):
        for i, item in enumerate(value):
            found = surrogate_at(item, (*loc, i))
            if found is not None:
                return found
    return None


class JsonBodyGuard:
    def __init__(
        self,
        app: ASGIApp,
        *,
        max_bytes: int,
        larger: Mapping[str, tuple[int, str]] | None = None,
    ) -> None:
        """``larger``: path -> (its limit in bytes, the words naming where it comes from)."""
        self.app = app
        self.max_bytes = max_bytes
        self.larger = dict(larger or {})

    def _limit(self, scope: Scope) -> tuple[int, str]:
        return self.larger.get(scope.get("path", ""), (self.max_bytes, "LANYARD_MAX_JSON_BYTES"))

    @staticmethod
    def _too_large(limit: int, named: str) -> JSONResponse:
        return JSONResponse(
            {"detail": f"the JSON body is larger than {limit} bytes ({named})"},
            status_code=413,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in UNSAFE_METHODS or not _is_json(scope):
            await self.app(scope, receive, send)
            return
        limit, named = self._limit(scope)
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            await self._too_large(limit, named)(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await self._too_large(limit, named)(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        try:
            parsed = json.loads(body)
        except ValueError:
            parsed = None  # FastAPI answers a body that does not parse with its own 422
        loc = surrogate_at(parsed)
        if loc is not None:
            field = ".".join(str(part) for part in loc) or "(the body)"
            issue = {
                "loc": ["body", *loc],
                "msg": f"{field}: not valid Unicode (a lone surrogate); send the text as UTF-8",
                "type": "string_unicode",
            }
            await JSONResponse({"detail": [issue]}, status_code=422)(scope, receive, send)
            return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
