"""The session middleware: ``request.session`` backed by a server-side store.

The cookie holds only the random session id. It is set when a session is created (or its
id rotated at sign-in) and removed when the session ends; ordinary responses do not touch
it. The session's data is written back only when a page changed it, and its last-seen
time at most once a minute. A session unused for ``idle`` or older than ``lifetime`` is
deleted and the page is told (``scope["lanyard.session_expired"]``) so sign-in can say so.

Paths under ``skip_prefixes`` (the anonymous request pages) never read or write a
session: whatever cookie the browser sends there is ignored and none is set.

``preload`` (optional) reads what every page of a live session needs next (the signed-in
person) in the same worker thread as the session, outside ``preload_skip`` paths (static
files): one thread hop per request instead of two. Its result is left in
``scope[PRELOADED]`` for the page's dependencies (:func:`lanyard.web.deps.current_principal`).
A :class:`Preload` may also give a statement to send with the session's own row
(``along``) and make its result from that statement's rows: where the store can
(``load_with``: the database store), the session and what pages need next then take one
round trip to PostgreSQL instead of two. ``hold`` (optional) is a context entered around
the reads in that thread: the database's read connection
(:meth:`lanyard.db.session.Database.read`), so that they take one connection from the pool.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lanyard.auth.sessions import (
    PERSON_KEY,
    USER_AGENT_MAX,
    SessionStore,
    StoredSession,
    hash_session_id,
    new_session_id,
)
from lanyard.web.threads import SESSIONS, WRITES

EXPIRED = "lanyard.session_expired"
PRELOADED = "lanyard.session_preloaded"  # what ``preload`` read with the session
CURRENT = "lanyard.session_hash"  # the current session's id hash, for the sessions page
TOUCH_EVERY = dt.timedelta(seconds=60)


class SessionData(dict[str, Any]):
    """The page's view of the session. ``rotate()`` asks for a new id (sign-in)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rotate_requested = False

    def rotate(self) -> None:
        self.rotate_requested = True


@dataclass(frozen=True)
class Preload:
    """What every page of a live session reads next (see the module): ``read(stored)`` after
    the session's row; or, where the store has ``load_with``, ``along``: a statement of the
    one parameter ``id_hash`` (a ``lanyard.db.hot.HotStatement``), sent with the session's
    row, and what makes the same result of its rows (``of_rows(stored, rows)``)."""

    read: Callable[[StoredSession], Any]
    along: tuple[Any, Callable[[StoredSession, list[Any]], Any]] | None = None


class ServerSessionMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        store: SessionStore,
        cookie: str,
        idle: dt.timedelta,
        lifetime: dt.timedelta,
        secure: bool,
        clock: Callable[[Scope], dt.datetime],
        skip_prefixes: tuple[str, ...] = (),
        preload: Preload | None = None,
        preload_skip: tuple[str, ...] = (),
        hold: Callable[[], AbstractContextManager[Any]] | None = None,
    ) -> None:
        self.app = app
        self.store = store
        self.cookie = cookie
        self.idle = idle
        self.lifetime = lifetime
        self.secure = secure
        self.clock = clock
        self.skip_prefixes = skip_prefixes
        self.preload = preload
        self.preload_skip = preload_skip
        self.hold = hold

    def _cookie_value(self, scope: Scope) -> str | None:
        """The session cookie's value, read as Starlette reads ``request.cookies`` (as
        browsers send them; a twentieth of the CPU of ``http.cookies.SimpleCookie``, which
        every request paid)."""
        for name, value in scope.get("headers", []):
            if name == b"cookie":
                found = cookie_parser(value.decode("latin-1")).get(self.cookie)
                if found is not None:
                    return found
        return None

    def _header(self, value: str, max_age: int) -> str:
        parts = [f"{self.cookie}={value}", "Path=/", f"Max-Age={max_age}", "HttpOnly"]
        parts.append("SameSite=Lax")
        if self.secure:
            parts.append("Secure")
        return "; ".join(parts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        if path.startswith(self.skip_prefixes):
            scope["session"] = SessionData()  # read by nobody, written nowhere
            await self.app(scope, receive, send)
            return

        now = self.clock(scope)
        sent = self._cookie_value(scope)
        stored: StoredSession | None = None
        if sent and len(sent) <= 100:
            preload = None if path.startswith(self.preload_skip) else self.preload
            stored = await SESSIONS.run(self._load, scope, hash_session_id(sent), now, preload)
        if stored is not None:
            scope[CURRENT] = stored.id_hash
        original = dict(stored.data) if stored else {}
        data = SessionData(original)
        scope["session"] = data

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                cookie = await self._commit(scope, stored, original, data, sent, now)
                if cookie is not None:
                    MutableHeaders(scope=message).append("Set-Cookie", cookie)
            await send(message)

        await self.app(scope, receive, send_wrapper)

    def _load(
        self,
        scope: Scope,
        id_hash: str,
        now: dt.datetime,
        preload: Preload | None,
    ) -> StoredSession | None:
        """The live session (one that idled out or reached its end is deleted) and what
        ``preload`` reads for it: in a worker thread, all in one hop (inside ``hold``)."""
        with self.hold() if self.hold is not None else nullcontext():
            load_with = getattr(self.store, "load_with", None)
            rows: list[Any] | None = None
            stored: StoredSession | None
            if preload is not None and preload.along is not None and load_with is not None:
                stored, rows = load_with(id_hash, preload.along[0])
            else:
                stored = self.store.load(id_hash)
            if stored is None:
                return None
            if stored.ended(now) or stored.idle(now, self.idle):
                if stored.person_id:
                    scope[EXPIRED] = True
                self.store.delete(stored.id_hash)
                return None
            if preload is not None:
                if rows is not None and preload.along is not None:
                    scope[PRELOADED] = preload.along[1](stored, rows)
                else:
                    scope[PRELOADED] = preload.read(stored)
            return stored

    async def _commit(
        self,
        scope: Scope,
        stored: StoredSession | None,
        original: dict[str, Any],
        data: SessionData,
        sent: str | None,
        now: dt.datetime,
    ) -> str | None:
        """Write what the page changed; the Set-Cookie header to send, if any."""
        if stored is not None and (not data or data.rotate_requested):
            await WRITES.run(self.store.delete, stored.id_hash)
            if not data:
                return self._header("", 0)  # signed out: the cookie goes too
            stored = None
        if stored is None:
            if not data:
                return self._header("", 0) if sent else None
            session_id = new_session_id()
            fresh = StoredSession(
                id_hash=hash_session_id(session_id),
                person_id=_person(data),
                created_at=now,
                last_seen_at=now,
                expires_at=now + self.lifetime,
                data=dict(data),
                # a visitor who has not signed in leaves no trace of their browser
                user_agent=_user_agent(scope) if _person(data) else None,
            )
            await WRITES.run(self.store.save, fresh)
            return self._header(session_id, int(self.lifetime.total_seconds()))
        if dict(data) != original or now - stored.last_seen_at >= TOUCH_EVERY:
            stored.data = dict(data)
            stored.person_id = _person(data)
            stored.last_seen_at = now
            await WRITES.run(self.store.save, stored)
        return None


def _person(data: dict[str, Any]) -> str | None:
    value = data.get(PERSON_KEY)
    return value if isinstance(value, str) else None


def _user_agent(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"user-agent":
            text: str = value.decode("latin-1")
            return text[:USER_AGENT_MAX]
    return None
