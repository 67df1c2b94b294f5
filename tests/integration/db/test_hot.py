"""Statements run through the driver on PostgreSQL (lanyard.db.hot) give the rows
SQLAlchemy gives, inside the caller's transaction, and fail as SQLAlchemy fails."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import (
    Connection,
    bindparam,
    create_engine,
    insert,
    literal_column,
    select,
    text,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from lanyard.auth.orm import WebSession
from lanyard.db.hot import HotStatement, pipelined
from lanyard.db.session import Database, send_with_commit

CHICAGO = dt.timezone(dt.timedelta(hours=-6))
SESSION = HotStatement(
    select(
        WebSession.id_hash,
        WebSession.person_id,
        WebSession.last_seen_at,
        WebSession.data,
        WebSession.user_agent,
    )
    .where(WebSession.expires_at > bindparam("now"))
    .order_by(WebSession.id_hash)
)


def test_rows_are_sqlalchemys_rows_in_the_callers_transaction(database: Database) -> None:
    seen = dt.datetime(2026, 12, 7, 9, 30, tzinfo=CHICAGO)  # 15:30 UTC
    with database.uow(write=True) as uow:
        for n, data in enumerate(({"csrf": "a", "staged": [1, 2]}, {})):
            uow.session.add(
                WebSession(
                    id_hash=f"{n:064d}",
                    person_id=None,
                    data=data,
                    created_at=seen,
                    last_seen_at=seen,
                    expires_at=seen + dt.timedelta(hours=12),
                    user_agent=None if n else "a browser",
                )
            )
        uow.session.flush()
        connection = uow.session.connection()
        if connection.dialect.name == "postgresql":
            # the driver reads timestamps in the connection's zone: they still come back UTC
            connection.exec_driver_sql("SET LOCAL TIME ZONE 'America/Chicago'")
        params = {"now": dt.datetime(2026, 12, 7, 16, 0, tzinfo=dt.UTC)}
        rows = SESSION.rows(connection, params)  # not committed: the caller's transaction
        assert [tuple(r) for r in rows] == [
            tuple(r) for r in connection.execute(SESSION.statement, params)
        ]
        assert [(r.id_hash[-1], r.data, r.user_agent) for r in rows] == [
            ("0", {"csrf": "a", "staged": [1, 2]}, "a browser"),
            ("1", {}, None),
        ]
        assert rows[0].last_seen_at == seen
        assert rows[0].last_seen_at.tzinfo == dt.UTC
        late = {"now": dt.datetime(2026, 12, 8, 16, 0, tzinfo=dt.UTC)}
        assert SESSION.first(connection, late) is None
    with database.read() as connection:  # rolled back with the unit of work
        assert SESSION.rows(connection, params) == []


def test_a_driver_error_is_sqlalchemys_error(database: Database) -> None:
    with database.read() as connection, pytest.raises(DBAPIError) as raised:
        HotStatement(text("SELECT * FROM no_such_table")).rows(connection)
    assert raised.value.orig is not None
    with database.read() as connection:  # the connection still serves the next request
        assert HotStatement(text("SELECT 1 AS one")).first(connection).one == 1


_AT = bindparam("at", type_=WebSession.__table__.c.created_at.type)
ADD_SESSION = HotStatement(
    insert(WebSession.__table__).values(  # type: ignore[arg-type]
        id_hash=bindparam("id_hash"),
        data=literal_column("'{}'"),
        created_at=_AT,
        last_seen_at=_AT,
        expires_at=_AT,
    )
)


def _backend_pid(connection: Connection) -> int | None:
    if connection.dialect.name != "postgresql":
        return None
    return int(HotStatement(text("SELECT pg_backend_pid() AS pid")).first(connection).pid)


def _terminate(database: Database, pid: int) -> None:
    """End a backend from another connection, as a database restart or an idle timeout
    would, while the pool still holds its connection."""
    other = create_engine(database.url, poolclass=NullPool)  # not the pool's connection
    try:
        with other.connect() as connection:
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    finally:
        other.dispose()


def test_a_pooled_connection_found_dead_fails_one_request_and_the_next_succeeds(
    database: Database,
) -> None:
    if database.engine.dialect.name != "postgresql":
        pytest.skip("the driver's cursor runs on PostgreSQL only")
    read = HotStatement(text("SELECT 1 AS one"))
    with database.read() as connection:
        pid = _backend_pid(connection)
    assert pid is not None
    _terminate(database, pid)  # the pool's connection is dead, the pool does not know it
    with database.read() as connection, pytest.raises(DBAPIError) as raised:
        read.first(connection)
    assert raised.value.connection_invalidated
    with database.read() as connection:  # the next request gets a live connection
        assert read.first(connection).one == 1
        assert _backend_pid(connection) != pid


def test_statements_sent_together_run_in_order_each_seeing_the_one_before(
    database: Database,
) -> None:
    seen = dt.datetime(2026, 12, 7, 9, 30, tzinfo=dt.UTC)
    add = ADD_SESSION
    count = HotStatement(text("SELECT count(*) AS n FROM web_sessions"))
    with database.uow(write=True) as uow:
        connection = uow.session.connection()
        params = {"id_hash": "a" * 64, "at": seen}
        before, added, after = pipelined(connection, [(count, None), (add, params), (count, None)])
        assert (before[0].n, added, after[0].n) == (0, [], 1)
        with pytest.raises(DBAPIError):  # the same key again: the first failure raises
            pipelined(connection, [(add, params), (count, None)])
    with database.read() as connection:  # rolled back with the unit of work
        assert count.first(connection).n == 0


def test_a_statement_sent_with_the_commit_is_committed_with_it_or_not_at_all(
    database: Database,
) -> None:
    add = ADD_SESSION
    count = HotStatement(text("SELECT count(*) AS n FROM web_sessions"))
    at = dt.datetime(2026, 12, 7, 9, 30, tzinfo=dt.UTC)
    with database.uow(write=True) as uow:  # ends without committing
        send_with_commit(uow.session, add, {"id_hash": "b" * 64, "at": at})
    with database.uow(write=True) as uow:
        send_with_commit(uow.session, add, {"id_hash": "c" * 64, "at": at})
        uow.commit()
    with database.read() as connection:
        assert count.first(connection).n == 1
    with database.uow(write=True) as uow, pytest.raises(DBAPIError):
        send_with_commit(uow.session, add, {"id_hash": "c" * 64, "at": at})
        uow.commit()  # the statement's own failure (the same key) fails the commit
    with database.uow(write=True) as uow:  # and the pool's connection serves the next one
        send_with_commit(uow.session, add, {"id_hash": "d" * 64, "at": at})
        uow.commit()
    with database.read() as connection:
        assert count.first(connection).n == 2
