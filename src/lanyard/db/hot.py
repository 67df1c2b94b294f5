"""Statements that every request runs, executed through the driver's cursor on PostgreSQL.

Made once, a statement such as the session's row or the signed-in person still costs
SQLAlchemy's execution on every run: its execution context, events, the result's set-up
and the row objects, measured at 100-130 us of CPU of a 100-235 us run (the driver's own
cursor, on the same connection, about 100 us at load average 20). :class:`HotStatement`
compiles the statement once per dialect and, on PostgreSQL, runs the compiled SQL on the
connection's DB-API cursor, with the statement's own type conversions applied to its
parameters and to each column of its rows (the UTC datetimes; JSON the driver reads
itself), so the rows are the ones SQLAlchemy would give (named tuples: ``row.id_hash`` and
``row[0]`` as on SQLAlchemy's rows). It runs on the caller's
connection, so inside the caller's transaction. A driver error is raised as SQLAlchemy
raises it (:class:`sqlalchemy.exc.DBAPIError` and its subclasses, with ``orig``), and a
connection found dead is invalidated, as SQLAlchemy does.

On every other database (SQLite) the statement runs through SQLAlchemy as before: there
the statement's own events (``before_cursor_execute``) still see it, which the tests that
count statements read. Only statements with plain parameters belong here (no expanding
``IN``, no JSON parameters): the session, the principal, an ask's approvals, the audit
chain's lock and head.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.base import Executable
from sqlalchemy.sql.elements import ClauseElement

Row = Sequence[Any]


@dataclass(frozen=True)
class _Plan:
    sql: str
    compiled: Any  # sqlalchemy.sql.compiler.Compiled
    binds: tuple[tuple[str, Callable[[Any], Any]], ...]  # parameter -> its conversion
    columns: tuple[tuple[int, Callable[[Any], Any]], ...]  # column index -> its conversion
    # a row's columns -> the named tuple; for a text statement (no columns known before it
    # runs) made from the driver's description of its first result
    row: list[Callable[[Any], Row]]


def _row_type(names: list[str]) -> Callable[[Any], Row]:
    row_type: Any = namedtuple("Row", names, rename=True)  # type: ignore[misc]
    make: Callable[[Any], Row] = row_type._make
    return make


class HotStatement:
    """A statement run on every request (see the module): ``rows(connection, params)``."""

    def __init__(self, statement: Executable) -> None:
        assert isinstance(statement, ClauseElement)
        self.statement = statement
        self._plans: dict[int, _Plan] = {}

    def _plan(self, dialect: Dialect) -> _Plan:
        plan = self._plans.get(id(dialect))
        if plan is None:
            assert isinstance(self.statement, ClauseElement)
            compiled: Any = self.statement.compile(dialect=dialect)
            binds = tuple(
                (name, process)
                for name, bind in compiled.binds.items()
                if (process := bind.type.bind_processor(dialect)) is not None
            )
            selected = list(getattr(self.statement, "selected_columns", ()))
            columns = tuple(
                (i, process)
                for i, column in enumerate(selected)
                if (process := column.type.result_processor(dialect, None)) is not None
            )
            names = [str(getattr(column, "key", f"_{i}")) for i, column in enumerate(selected)]
            plan = _Plan(
                compiled.string, compiled, binds, columns, [_row_type(names)] if names else []
            )
            self._plans[id(dialect)] = plan
        return plan

    def rows(self, connection: Connection, params: Mapping[str, Any] | None = None) -> list[Any]:
        """Every row (none for a statement that returns none), each a named tuple."""
        if connection.dialect.name != "postgresql":
            result = connection.execute(self.statement, dict(params or {}))
            return list(result) if result.returns_rows else []
        return pipelined(connection, [(self, params)])[0]

    def _values(self, plan: _Plan, params: Mapping[str, Any] | None) -> dict[str, Any]:
        values: dict[str, Any] = plan.compiled.construct_params(dict(params or {}))
        for name, process in plan.binds:
            values[name] = process(values[name])
        return values

    def _converted(self, plan: _Plan, cursor: Any) -> list[Any]:
        rows: Sequence[Any] = cursor.fetchall() if cursor.description is not None else []
        if not plan.row and cursor.description is not None:
            plan.row.append(_row_type([str(column[0]) for column in cursor.description]))
        if not rows:
            return []
        make = plan.row[0]
        if not plan.columns:
            return [make(row) for row in rows]
        converted = []
        for row in rows:
            values = list(row)
            for i, process in plan.columns:
                values[i] = process(values[i])
            converted.append(make(values))
        return converted

    def first(self, connection: Connection, params: Mapping[str, Any] | None = None) -> Any:
        rows = self.rows(connection, params)
        return rows[0] if rows else None


Step = tuple[HotStatement, Mapping[str, Any] | None]


def pipelined(connection: Connection, steps: Sequence[Step]) -> list[list[Any]]:
    """Run the statements one after the other and give each one's rows. On PostgreSQL they
    go to the server together and their results come back together, one round trip for
    all (the driver's pipeline mode): each statement still runs after the one before it has
    finished, and sees what it did (a lock it took, rows it wrote). The first statement
    that fails raises, as :meth:`HotStatement.rows` does, and the ones after it do not run.
    Elsewhere each runs through SQLAlchemy in turn."""
    dialect = connection.dialect
    if dialect.name != "postgresql":
        return [statement.rows(connection, params) for statement, params in steps]
    plans = [(statement, statement._plan(dialect)) for statement, _ in steps]
    values = [
        statement._values(plan, params)
        for (statement, plan), (_, params) in zip(plans, steps, strict=True)
    ]
    dbapi_connection = connection.connection.dbapi_connection
    assert dbapi_connection is not None
    cursors: list[Any] = []
    with driver_errors(connection, plans[0][1].sql, values[0]):
        try:
            if len(steps) == 1:
                cursors.append(dbapi_connection.cursor())
                cursors[0].execute(plans[0][1].sql, values[0])
            else:
                with dbapi_connection.pipeline():
                    for (_, plan), params in zip(plans, values, strict=True):
                        cursors.append(dbapi_connection.cursor())
                        cursors[-1].execute(plan.sql, params)
            return [
                statement._converted(plan, cursor)
                for (statement, plan), cursor in zip(plans, cursors, strict=True)
            ]
        finally:
            for cursor in cursors:
                cursor.close()


def commit_with(connection: Connection, steps: Sequence[Step]) -> None:
    """Send the statements (none returns rows) and commit the transaction: on PostgreSQL
    they and the ``COMMIT`` go to the server together and are answered together, one round
    trip (the driver's pipeline mode). A statement's failure is raised as
    :meth:`HotStatement.rows` raises it, and nothing is committed. The caller's
    ``session.commit()`` afterwards finds the driver's transaction done and only ends its
    own (the connection goes back to the pool then, out of pipeline mode). Elsewhere each
    statement runs through SQLAlchemy and nothing is committed here."""
    if connection.dialect.name != "postgresql":
        for statement, params in steps:
            statement.rows(connection, params)
        return
    dialect = connection.dialect
    dbapi_connection = connection.connection.dbapi_connection
    assert dbapi_connection is not None
    cursor = dbapi_connection.cursor()
    try:
        with driver_errors(connection, "COMMIT", {}), dbapi_connection.pipeline():
            for statement, params in steps:
                plan = statement._plan(dialect)
                cursor.execute(plan.sql, statement._values(plan, params))
            # COMMIT as a statement of the pipeline, answered with the rest at its end (the
            # driver's commit() would wait for an answer of its own): the driver reads the
            # transaction's state from the server, so it knows the transaction is over.
            cursor.execute("COMMIT")
    finally:
        cursor.close()


@contextmanager
def driver_errors(connection: Connection, sql: str, values: Any) -> Iterator[None]:
    """Raise a driver error as SQLAlchemy raises it (:class:`DBAPIError` and its subclasses,
    with ``orig``), and invalidate a connection found dead, as SQLAlchemy does."""
    dialect = connection.dialect
    dbapi_connection = connection.connection.dbapi_connection
    try:
        yield
    except dialect.loaded_dbapi.Error as exc:
        dead = dialect.is_disconnect(exc, dbapi_connection, None)
        if dead:
            connection.invalidate(exc)
        raise DBAPIError.instance(
            sql,
            values,
            exc,
            dialect.loaded_dbapi.Error,
            connection_invalidated=dead,
            dialect=dialect,
        ) from exc
