"""Alembic environment: the URL comes from the Config built by lanyard.db.migrate."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from lanyard.db.models import Base

config = context.config
url = config.get_main_option("sqlalchemy.url") or ""
assert url, "lanyard.db.migrate sets sqlalchemy.url"


def run() -> None:
    connectable = config.attributes.get("connection")
    if connectable is not None:
        _migrate(connectable)
        return
    engine = create_engine(url)
    with engine.connect() as connection:
        _migrate(connection)
    engine.dispose()


def _migrate(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
