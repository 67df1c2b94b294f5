"""Integration tests run on both databases: a SQLite file and PostgreSQL (a fresh schema
per test, dropped afterwards). LANYARD_TEST_POSTGRES_URL points at the server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from lanyard.db.migrate import upgrade
from lanyard.db.session import Database

POSTGRES = os.environ.get(
    "LANYARD_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _postgres_schema_url() -> Iterator[str]:
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception as exc:  # the server must be there: fail, never skip silently
        pytest.fail(f"PostgreSQL at {POSTGRES} is not reachable: {exc}")
    sep = "&" if "?" in POSTGRES else "?"
    try:
        yield f"{POSTGRES}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'lanyard.sqlite3'}"
    else:
        yield from _postgres_schema_url()


@pytest.fixture
def database(empty_database_url: str) -> Iterator[Database]:
    upgrade(empty_database_url)
    db = Database(empty_database_url)
    yield db
    db.engine.dispose()
