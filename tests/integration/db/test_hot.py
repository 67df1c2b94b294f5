"""Statements run through the driver on PostgreSQL (lanyard.db.hot) give the rows
SQLAlchemy gives, inside the caller's transaction, and fail as SQLAlchemy fails."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import bindparam, select, text
from sqlalchemy.exc import DBAPIError

from lanyard.auth.orm import WebSession
from lanyard.db.hot import HotStatement
from lanyard.db.session import Database

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
