"""Engines and sessions; the unit of work with after-commit hooks."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.close()

        return engine
    return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)


class UnitOfWork:
    """One use case's transaction. Only the service function commits; side effects
    registered with :meth:`after_commit` run once the commit has succeeded."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory
        self._after: list[Callable[[], None]] = []

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        self._after = []
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()

    def after_commit(self, hook: Callable[[], None]) -> None:
        self._after.append(hook)

    def commit(self) -> None:
        self.session.commit()
        hooks, self._after = self._after, []
        for hook in hooks:
            hook()


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.sessions)
