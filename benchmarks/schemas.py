"""A PostgreSQL schema of its own for one benchmark run: made empty on the server the run is
given, used through the URL's ``search_path``, dropped with everything in it afterwards, so a
run never touches another's tables (or a district's) on a shared server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text


@contextmanager
def postgres_schema(postgres: str, prefix: str = "bench", *, named: bool = False) -> Iterator[str]:
    """A fresh schema ``PREFIX_<random>`` on the server at ``postgres``: the URL that uses it.
    ``named``: the URL's connections also carry the schema's name as their
    ``application_name`` (to tell the run's connections apart in ``pg_stat_activity``)."""
    schema = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(postgres, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in postgres else "?"
    url = f"{postgres}{sep}options=-csearch_path%3D{schema}"
    try:
        yield f"{url}&application_name={schema}" if named else url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
