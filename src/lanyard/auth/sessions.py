"""Server-side sessions (issue 10, finding 3): revocable, with idle and absolute expiry.

The browser's cookie carries only a random session id (256 bits); the server keeps its
SHA-256 with the person, the session's small data (CSRF token, a staged import, the
OpenID Connect state), when it began, when it was last used and when it must end. Two
stores: the database (``web_sessions``, the default) or Redis (``LANYARD_SESSION_REDIS_URL``).

Other code ends a person's sessions with :func:`revoke_sessions` (audited) when the
account is deactivated or its roles change; sign-out deletes one session; "sign out
everywhere" revokes them all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from lanyard.audit.service import AuditEvent, record
from lanyard.auth.orm import WebSession
from lanyard.db.hot import HotStatement, pipelined

if TYPE_CHECKING:
    from lanyard.db.session import Database

# session.info key of the Redis store, so revoke_sessions reaches it from a database session
STORE_INFO_KEY = "lanyard.session_store"
USER_AGENT_MAX = 200
PERSON_KEY = "pid"  # the signed-in person's id in the session's data


class Reason:
    """Why sessions were revoked (the audit entry's ``reason``)."""

    SIGNED_OUT_EVERYWHERE = "signed out everywhere"
    DEACTIVATED = "account deactivated"
    ROLE_CHANGED = "role changed"


def new_session_id() -> str:
    return secrets.token_urlsafe(32)


def hash_session_id(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


@dataclass
class StoredSession:
    id_hash: str
    person_id: str | None
    created_at: dt.datetime
    last_seen_at: dt.datetime
    expires_at: dt.datetime
    data: dict[str, Any] = field(default_factory=dict)
    user_agent: str | None = None

    def idle(self, now: dt.datetime, idle: dt.timedelta) -> bool:
        return now - self.last_seen_at > idle

    def ended(self, now: dt.datetime) -> bool:
        return now >= self.expires_at


class SessionStore(Protocol):
    def load(self, id_hash: str) -> StoredSession | None: ...

    def save(self, stored: StoredSession) -> None: ...

    def delete(self, id_hash: str) -> None: ...

    def of_person(self, person_id: str) -> list[StoredSession]: ...

    def purge(self, now: dt.datetime) -> int: ...


# ---------------------------------------------------------------------------- database


def _from_row(row: Any) -> StoredSession:
    return StoredSession(
        id_hash=row.id_hash,
        person_id=row.person_id,
        created_at=row.created_at,
        last_seen_at=row.last_seen_at,
        expires_at=row.expires_at,
        data=dict(row.data or {}),
        user_agent=row.user_agent,
    )


# Made once (building a statement costs more than running this one), run through the
# driver on PostgreSQL (lanyard.db.hot): on every request.
_LOAD = HotStatement(
    select(
        WebSession.id_hash,
        WebSession.person_id,
        WebSession.created_at,
        WebSession.last_seen_at,
        WebSession.expires_at,
        WebSession.data,
        WebSession.user_agent,
    ).where(WebSession.id_hash == bindparam("id_hash"))
)


class DatabaseSessionStore:
    """Sessions in the ``web_sessions`` table."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def load(self, id_hash: str) -> StoredSession | None:
        # On every request: one statement on a plain connection, no ORM object, no
        # transaction around it.
        with self.db.read() as connection:
            row = _LOAD.first(connection, {"id_hash": id_hash})
        return None if row is None else _from_row(row)

    def load_with(self, id_hash: str, also: HotStatement) -> tuple[StoredSession | None, list[Any]]:
        """:meth:`load`, and the rows of ``also`` (a statement of the one parameter
        ``id_hash``) sent with it: one round trip on PostgreSQL (``lanyard.db.hot.pipelined``)."""
        with self.db.read() as connection:
            session_rows, also_rows = pipelined(
                connection, [(_LOAD, {"id_hash": id_hash}), (also, {"id_hash": id_hash})]
            )
        return (_from_row(session_rows[0]) if session_rows else None), also_rows

    def save(self, stored: StoredSession) -> None:
        def use_case(uow: Any) -> None:
            row = uow.session.get(WebSession, stored.id_hash)
            if row is None:
                row = WebSession(id_hash=stored.id_hash)
                uow.session.add(row)
            row.person_id = stored.person_id
            row.data = dict(stored.data)
            row.created_at = stored.created_at
            row.last_seen_at = stored.last_seen_at
            row.expires_at = stored.expires_at
            row.user_agent = stored.user_agent
            uow.commit()

        self.db.transact(use_case)

    def delete(self, id_hash: str) -> None:
        def use_case(uow: Any) -> None:
            uow.session.execute(delete(WebSession).where(WebSession.id_hash == id_hash))
            uow.commit()

        self.db.transact(use_case)

    def of_person(self, person_id: str) -> list[StoredSession]:
        with self.db.uow() as uow:
            rows = uow.session.scalars(
                select(WebSession)
                .where(WebSession.person_id == person_id)
                .order_by(WebSession.last_seen_at.desc())
            ).all()
            return [_from_row(r) for r in rows]

    def purge(self, now: dt.datetime) -> int:
        def use_case(uow: Any) -> int:
            result = uow.session.execute(delete(WebSession).where(WebSession.expires_at <= now))
            uow.commit()
            return int(getattr(result, "rowcount", 0) or 0)

        return self.db.transact(use_case)


# ------------------------------------------------------------------------------- Redis


class RedisSessionStore:
    """Sessions in Redis: one key per session (expiring at its absolute end) and a set of
    session hashes per person, so a person's sessions can be listed and revoked."""

    PREFIX = "lanyard:session:"
    PERSON = "lanyard:person-sessions:"

    def __init__(self, url: str) -> None:
        import redis

        self.redis = redis.Redis.from_url(url)

    def _key(self, id_hash: str) -> str:
        return self.PREFIX + id_hash

    def load(self, id_hash: str) -> StoredSession | None:
        raw = self.redis.get(self._key(id_hash))
        if raw is None:
            return None
        value = json.loads(raw)
        return StoredSession(
            id_hash=id_hash,
            person_id=value["person_id"],
            created_at=dt.datetime.fromisoformat(value["created_at"]),
            last_seen_at=dt.datetime.fromisoformat(value["last_seen_at"]),
            expires_at=dt.datetime.fromisoformat(value["expires_at"]),
            data=value["data"],
            user_agent=value.get("user_agent"),
        )

    def save(self, stored: StoredSession) -> None:
        body = json.dumps(
            {
                "person_id": stored.person_id,
                "created_at": stored.created_at.isoformat(),
                "last_seen_at": stored.last_seen_at.isoformat(),
                "expires_at": stored.expires_at.isoformat(),
                "data": stored.data,
                "user_agent": stored.user_agent,
            }
        )
        seconds = max(1, int((stored.expires_at - stored.last_seen_at).total_seconds()))
        pipe = self.redis.pipeline()
        pipe.set(self._key(stored.id_hash), body, ex=seconds)
        if stored.person_id:
            pipe.sadd(self.PERSON + stored.person_id, stored.id_hash)
        pipe.execute()

    def delete(self, id_hash: str) -> None:
        stored = self.load(id_hash)
        pipe = self.redis.pipeline()
        pipe.delete(self._key(id_hash))
        if stored is not None and stored.person_id:
            pipe.srem(self.PERSON + stored.person_id, id_hash)
        pipe.execute()

    def of_person(self, person_id: str) -> list[StoredSession]:
        found = []
        for member in self.redis.smembers(self.PERSON + person_id):
            id_hash = member.decode() if isinstance(member, bytes) else str(member)
            stored = self.load(id_hash)
            if stored is None:
                self.redis.srem(self.PERSON + person_id, id_hash)  # expired meanwhile
            else:
                found.append(stored)
        return sorted(found, key=lambda s: s.last_seen_at, reverse=True)

    def revoke_person(self, person_id: str) -> int:
        members = self.redis.smembers(self.PERSON + person_id)
        keys = [self._key(m.decode() if isinstance(m, bytes) else str(m)) for m in members]
        removed = int(self.redis.delete(*keys)) if keys else 0
        self.redis.delete(self.PERSON + person_id)
        return removed

    def has_sessions(self, person_ids: Iterable[str]) -> set[str]:
        ids = list(person_ids)
        pipe = self.redis.pipeline()
        for pid in ids:
            pipe.exists(self.PERSON + pid)
        return {pid for pid, present in zip(ids, pipe.execute(), strict=True) if present}

    def purge(self, now: dt.datetime) -> int:
        return 0  # Redis expires each session at its absolute end by itself


# -------------------------------------------------------------------------- use cases


def _redis_store(session: Session) -> RedisSessionStore | None:
    store = session.info.get(STORE_INFO_KEY)
    return store if isinstance(store, RedisSessionStore) else None


def people_with_sessions(session: Session, person_ids: Iterable[str]) -> set[str]:
    """Which of these people have a session in the store (to revoke only those)."""
    ids = sorted(set(person_ids))
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found.update(
            pid
            for pid in session.scalars(
                select(WebSession.person_id).where(WebSession.person_id.in_(chunk)).distinct()
            )
            if pid
        )
    redis = _redis_store(session)
    if redis is not None:
        found |= redis.has_sessions(ids)
    return found


def revoke_sessions(
    session: Session,
    person_id: str,
    reason: str,
    *,
    now: dt.datetime | None = None,
    actor_id: str | None = None,
) -> int:
    """End every session of ``person_id`` (deactivation, a role change, "sign out
    everywhere") and audit it as ``session:revoked`` with the reason and the count, in the
    caller's transaction (the caller commits). Returns how many sessions ended.

    With the database store the rows go with the caller's commit; with Redis the keys are
    deleted at once (revoking a little early is the safe direction)."""
    moment = now or dt.datetime.now(dt.UTC)
    result = session.execute(delete(WebSession).where(WebSession.person_id == person_id))
    count = int(getattr(result, "rowcount", 0) or 0)
    redis = _redis_store(session)
    if redis is not None:
        count += redis.revoke_person(person_id)
    record(
        session,
        event=AuditEvent.SESSIONS_REVOKED,
        subject_type="person",
        subject_id=person_id,
        actor_id=actor_id,
        now=moment,
        after={"reason": reason, "sessions": count},
    )
    return count


def revoke_for(
    session: Session, person_ids: Iterable[str], reason: str, *, now: dt.datetime
) -> int:
    """Revoke the sessions of those of ``person_ids`` that have any (an import's
    deactivations and role changes): one audit entry per person whose sessions ended."""
    total = 0
    for pid in sorted(people_with_sessions(session, person_ids)):
        total += revoke_sessions(session, pid, reason, now=now)
    return total
