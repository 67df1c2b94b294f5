"""Engines and sessions; the unit of work with after-commit hooks.

A unit of work that will write says so (``db.uow(write=True)``): it takes the database's
write lock when it begins, before it reads anything, so two writers never both read the
same state and then both write on it (the audit chain's next ``seq``, a row's version).
On SQLite that is ``BEGIN IMMEDIATE`` (one writer at a time across every process on the
file; readers go on under WAL), with the threads of one process queued on a lock first so
they do not poll the file against each other; on PostgreSQL it is the transaction-level
advisory lock the audit chain takes. Taking the lock is retried with backoff while the
database answers "locked" or "busy".

A use case whose only write is appending (a "May I?" ask: it reads the record, decides,
and appends the decision to the audit log) says ``db.uow(append_only=True)``. On
PostgreSQL it reads without the write lock; the audit append takes the chain's lock
itself, just before the commit, so many asks decide at once and queue only for the
append (the chain stays whole: the lock is held from reading the chain's head to the
commit); the asks of one process that wait for the lock at the same time take one turn
at it together (``lanyard.audit.batch``). On SQLite it is a write unit of work like any
other (``BEGIN IMMEDIATE``): a deferred SQLite transaction that has read cannot take the
write lock once another writer has committed, so it would fail rather than wait.
:meth:`Database.transact` retries a whole use case on a serialization failure or
deadlock too; after-commit hooks run only after the commit that succeeded, so a retried
use case sends no mail twice.

A connection taken from the pool is checked ("pinged") only when it has lain unused for
:data:`PING_AFTER_IDLE_S` (after a database restart, a firewall's idle timeout): under load
every request would otherwise pay one more round trip for it. A dead connection found by
the ping is replaced before the request uses it; one that dies while in use fails that
request, and SQLAlchemy then drops every pooled connection of that database.

:meth:`Database.read` is a plain connection for a use case that only reads one statement's
worth (the session, the signed-in person): no transaction around it (PostgreSQL's
``BEGIN`` and ``ROLLBACK`` are two round trips more than the read itself). A ``read()``
inside another in the same thread takes the outer one's connection, so reads made one
after the other (the session, then the signed-in person) check one connection out of the
pool, not one each.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError, DisconnectionError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from lanyard.db.hot import HotStatement, Step, commit_with

log = logging.getLogger(__name__)

T = TypeVar("T")

# The key of the PostgreSQL advisory lock that serializes writers (the audit chain's), with
# the schema's: an advisory lock is one per database, the chain one per schema (two
# installs, or two test runs, in schemas of one database do not wait for each other).
WRITE_LOCK_KEY = 5125
ADVISORY_WRITE_LOCK = f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY}, hashtext(current_schema()))"
# How long a writer keeps trying to get the write lock before the request fails.
WRITE_LOCK_PATIENCE_S = 30.0
SQLITE_BUSY_TIMEOUT_MS = 5000
# A pooled PostgreSQL connection unused for this long is pinged before it is handed out.
PING_AFTER_IDLE_S = 10.0
# SQLSTATEs after which the whole unit of work may simply be run again.
_RETRY_SQLSTATES = {"40001", "40P01", "55P03"}  # serialization, deadlock, lock not available


# session.info: the session is a unit of work's whose only write is an audit append
APPEND_ONLY_KEY = "lanyard.append_only"

_writer = threading.local()  # .active: this thread holds its process's SQLite write turn


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.close()

        return engine
    engine = create_engine(url, pool_size=10, max_overflow=20)
    _ping_when_idle(engine)
    return engine


def _ping_when_idle(engine: Engine) -> None:
    """Ping a pooled connection on checkout only when it has been idle
    :data:`PING_AFTER_IDLE_S` or more; a failed ping makes the pool open a new one."""

    @event.listens_for(engine, "checkin")
    def _returned(dbapi_connection, record):  # type: ignore[no-untyped-def]
        record.info["returned_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _check(dbapi_connection, record, proxy):  # type: ignore[no-untyped-def]
        returned = record.info.get("returned_at")
        if returned is None or time.monotonic() - returned < PING_AFTER_IDLE_S:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:
            raise DisconnectionError("a pooled connection did not answer a ping") from exc


_SEND_WITH_COMMIT = "lanyard.send_with_commit"  # session.info: statements held for the commit


def send_with_commit(session: Session, statement: HotStatement, params: dict[str, Any]) -> None:
    """Run a statement that returns no rows as part of the commit that comes next
    (:meth:`UnitOfWork.commit`, with nothing run on the session in between): on PostgreSQL
    it is held back and sent with the ``COMMIT``, the two answered in one round trip (an
    audit append's ``INSERT`` under the chain's lock). Elsewhere it runs at once. If the
    unit of work ends without committing, it is dropped, as the rollback would drop it."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        statement.rows(connection, params)
        return
    session.info.setdefault(_SEND_WITH_COMMIT, []).append((statement, params))


def is_retryable(exc: BaseException) -> bool:
    """Whether running the unit of work again may succeed: SQLite "database is locked" or
    "busy", PostgreSQL serialization failure, deadlock or lock timeout."""
    if isinstance(exc, OperationalError) and "sqlite" in type(exc.orig).__module__:
        message = str(exc.orig).lower()
        return "locked" in message or "busy" in message
    if isinstance(exc, DBAPIError):
        return getattr(exc.orig, "sqlstate", None) in _RETRY_SQLSTATES
    return False


def backoff(attempt: int) -> float:
    """Seconds to wait before attempt ``attempt + 1``: exponential, capped, jittered."""
    return float(min(0.5, 0.01 * 2**attempt) * random.uniform(0.5, 1.0))


class UnitOfWork:
    """One use case's transaction. Only the service function commits; side effects
    registered with :meth:`after_commit` run once the commit has succeeded."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        *,
        write: bool = False,
        append_only: bool = False,
        local_writer: threading.Lock | None = None,
    ) -> None:
        self._factory = factory
        self._after: list[Callable[[], None]] = []
        self.write = write or append_only
        self.append_only = append_only
        self._local_writer = local_writer
        self._holding = False
        self.committed = False

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        if self.append_only:
            self.session.info[APPEND_ONLY_KEY] = True
        self._after = []
        self.committed = False
        if self.write:
            try:
                self._begin_write()
            except BaseException:
                self._end()
                raise
        return self

    def _begin_write(self) -> None:
        dialect = self.session.get_bind().dialect.name
        if dialect == "sqlite" and self._local_writer is not None:
            if getattr(_writer, "active", False):
                raise RuntimeError("a write unit of work inside another one in this thread")
            if not self._local_writer.acquire(timeout=WRITE_LOCK_PATIENCE_S):
                raise TimeoutError("another writer in this process held the database too long")
            self._holding = _writer.active = True
        if dialect == "postgresql" and self.append_only:
            return  # the audit append takes the chain's lock (see the module)
        deadline = time.monotonic() + WRITE_LOCK_PATIENCE_S
        attempt = 0
        while True:
            try:
                if dialect == "sqlite":
                    self.session.connection().exec_driver_sql("BEGIN IMMEDIATE")
                elif dialect == "postgresql":
                    self.session.execute(text(ADVISORY_WRITE_LOCK))
                return
            except DBAPIError as exc:
                self.session.rollback()
                if not is_retryable(exc) or time.monotonic() > deadline:
                    raise
                log.info("write lock busy (attempt %d): %s", attempt + 1, exc.orig)
                time.sleep(backoff(attempt))
                attempt += 1

    def _release(self) -> None:
        if self._holding and self._local_writer is not None:
            self._holding = _writer.active = False
            self._local_writer.release()

    def _end(self) -> None:
        self.session.info.pop(_SEND_WITH_COMMIT, None)  # never sent: rolled back with the rest
        try:
            self.session.rollback()
        finally:
            try:
                self.session.close()
            finally:
                self._release()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._end()

    def after_commit(self, hook: Callable[[], None]) -> None:
        self._after.append(hook)

    def commit(self) -> None:
        if not self.write:
            # Works as before, but two such writers can both read what the other changes.
            log.warning("a unit of work committed without write intent (db.uow(write=True))")
        held_back: list[Step] | None = self.session.info.pop(_SEND_WITH_COMMIT, None)
        if held_back:
            # What send_with_commit held back travels with the COMMIT (one round trip);
            # the ORM's own changes are flushed first, on their own.
            if self.session.new or self.session.dirty or self.session.deleted:
                self.session.flush()
            commit_with(self.session.connection(), held_back)
        self.session.commit()
        self.committed = True
        self._release()
        hooks, self._after = self._after, []
        for hook in hooks:
            hook()


class Database:
    def __init__(self, url: str, info: dict[str, Any] | None = None) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False, info=info or {})
        self._local_writer = threading.Lock()
        self._reader = self.engine.execution_options(isolation_level="AUTOCOMMIT")
        self._reading = threading.local()  # .connection: this thread's open read()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for reads outside any transaction (each statement sees what was
        committed when it began): for one-statement reads on every request. Inside another
        ``read()`` of this thread, that one's connection (see the module)."""
        held: Connection | None = getattr(self._reading, "connection", None)
        if held is not None:
            yield held
            return
        with self._reader.connect() as connection:
            self._reading.connection = connection
            try:
                yield connection
            finally:
                self._reading.connection = None

    def uow(self, *, write: bool = False, append_only: bool = False) -> UnitOfWork:
        """A unit of work; ``write=True`` for a use case that writes, ``append_only=True``
        for one whose only write is an audit append (see the module)."""
        return UnitOfWork(
            self.sessions, write=write, append_only=append_only, local_writer=self._local_writer
        )

    def transact(self, use_case: Callable[[UnitOfWork], T], *, attempts: int = 5) -> T:
        """Run ``use_case`` in a write unit of work, again from the start (after a backoff)
        when the database reports a conflict that a retry resolves. The use case commits;
        its after-commit hooks run once, after the commit that succeeded."""
        for attempt in range(attempts):
            uow = self.uow(write=True)
            try:
                with uow:
                    return use_case(uow)
            except DBAPIError as exc:
                if uow.committed or not is_retryable(exc) or attempt == attempts - 1:
                    raise
                log.info("unit of work retried (attempt %d): %s", attempt + 1, exc.orig)
                time.sleep(backoff(attempt))
        raise AssertionError("unreachable")
