"""A fresh PostgreSQL schema per test (created, then dropped), for the tiers that run on
both databases. LANYARD_TEST_POSTGRES_URL points at the server; it must be there: a test
fails, never skips, when it is not.

Migrating a database from empty takes seconds (25 Alembic revisions); a test that needs a
migrated one gets a copy of what the migrations made once per test process instead
(:class:`MigratedTemplates`): the SQLite file itself, or on PostgreSQL the schema as
``pg_dump`` prints it (tables, constraints, indexes, triggers, functions, sequences and
the rows the migrations wrote), replayed into the test's own empty schema.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from lanyard.db.migrate import upgrade

POSTGRES = os.environ.get(
    "LANYARD_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _schema_url(schema: str) -> str:
    sep = "&" if "?" in POSTGRES else "?"
    return f"{POSTGRES}{sep}options=-csearch_path%3D{schema}"


@contextmanager
def postgres_schema_url() -> Iterator[str]:
    """Yield the URL of an empty schema of its own; drop it afterwards."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception as exc:
        pytest.fail(f"PostgreSQL at {POSTGRES} is not reachable: {exc}")
    try:
        yield _schema_url(schema)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def _schema_of(url: str) -> str:
    match = re.search(r"search_path%3D(\w+)", url)
    assert match, f"not a URL from postgres_schema_url: {url}"
    return match.group(1)


class MigratedTemplates:
    """What ``upgrade(url)`` makes of an empty database, made once per test process (each
    pytest-xdist worker has its own) and copied into each test's empty database."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._sqlite: Path | None = None
        self._postgres: tuple[str, str] | None = None  # (template schema, its SQL)

    def sqlite_file(self) -> Path:
        """A SQLite file migrated to head; nothing holds it open (Alembic's engine is
        disposed), so a file copy is the whole database."""
        if self._sqlite is None:
            path = self._directory / "migrated.sqlite3"
            upgrade(f"sqlite:///{path}")
            self._sqlite = path
        return self._sqlite

    def _postgres_sql(self) -> tuple[str, str]:
        """A schema migrated to head and dumped as SQL (schema and rows), then dropped."""
        if self._postgres is None:
            pg_dump = shutil.which("pg_dump")
            if pg_dump is None:
                pytest.fail("pg_dump (PostgreSQL's client) is needed to copy a migrated schema")
            with postgres_schema_url() as url:
                upgrade(url)
                schema = _schema_of(url)
                dsn = make_url(POSTGRES).set(drivername="postgresql")
                dump = subprocess.run(
                    [pg_dump, "--dbname", dsn.render_as_string(hide_password=False),
                     "--schema", schema, "--inserts", "--no-owner", "--no-privileges"],
                    capture_output=True, text=True, check=True,
                ).stdout  # fmt: skip
            statements = [
                line
                for line in dump.splitlines()
                # psql's meta-commands (\restrict) and the schema itself, which the test's
                # empty schema stands in for
                if not line.startswith("\\") and line != f"CREATE SCHEMA {schema};"
            ]
            self._postgres = (schema, "\n".join(statements))
        return self._postgres

    def fill(self, url: str) -> None:
        """Give the empty database at ``url`` (a SQLite file not yet made, or a schema
        from :func:`postgres_schema_url`) what the migrations make."""
        if url.startswith("sqlite:///"):
            target = Path(url.removeprefix("sqlite:///"))
            assert not target.exists(), f"{target} is not empty"
            shutil.copyfile(self.sqlite_file(), target)
            return
        template, sql = self._postgres_sql()
        engine = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                # the template's name is a random token: only its qualified names contain it
                conn.exec_driver_sql("BEGIN;" + sql.replace(template, _schema_of(url)) + ";COMMIT;")
        finally:
            engine.dispose()
