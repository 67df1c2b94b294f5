"""Integration tests run on both databases: a SQLite file and PostgreSQL (a fresh schema
per test, dropped afterwards). LANYARD_TEST_POSTGRES_URL points at the server. A test's
``database`` starts as a copy of one migrated once per test process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lanyard.db.session import Database
from tests.support.databases import MigratedTemplates, postgres_schema_url


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'lanyard.sqlite3'}"
    else:
        with postgres_schema_url() as url:
            yield url


@pytest.fixture
def database(empty_database_url: str, migrated_templates: MigratedTemplates) -> Iterator[Database]:
    migrated_templates.fill(empty_database_url)
    db = Database(empty_database_url)
    yield db
    db.engine.dispose()
