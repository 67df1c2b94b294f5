"""What migration fe30c0de0026 (the message key's number) costs on an existing table.

    .venv/bin/python benchmarks/messages_migration.py [--rows 1000000]
        [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/test]

Builds a database at the revision before (SQLite in a scratch file, or a scratch schema
of ``--postgres``), fills ``messages`` with ``--rows`` messages of one complete import
(random SHA-256 keys, as an import writes them), then runs the upgrade and prints its wall
clock seconds (and this process's CPU seconds; PostgreSQL's server works in its own
process), the load average, and that every message got its number.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, text

from lanyard.db.migrate import upgrade
from schemas import postgres_schema

BEFORE = "fe20c0de0025"
BATCH = 20_000


@contextlib.contextmanager
def database(postgres: str | None) -> Iterator[str]:
    if postgres is None:
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{Path(tmp) / 'migration.sqlite3'}"
        return
    with postgres_schema(postgres, "migration") as url:
        yield url


def fill(url: str, rows: int) -> None:
    engine = create_engine(url)
    at = dt.datetime(2025, 10, 2, 11, tzinfo=dt.UTC)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO message_imports (id, format, file_name, file_sha256, status,"
                " started_at, pack_id, pack_hash, counts) VALUES ('i', 'm365', 'f', 'x',"
                " 'complete', :at, 'chsd-230', '0', '{}')"
            ),
            {"at": at},
        )
        insert = text(
            "INSERT INTO messages (import_id, message_key, source, sent_at, sender_key, medium,"
            " recipient_count, recipients, has_finding) VALUES ('i', :key, 'm365', :at,"
            " 'staff1@bench.example.org', 'email', 1, :recipients, false)"
        )
        recipients = json.dumps([[uuid.uuid4().hex, None, "student", "district"]])
        for start in range(0, rows, BATCH):
            conn.execute(
                insert,
                [
                    {
                        "key": hashlib.sha256(f"m365\0<bench{i}@x>".encode()).hexdigest(),
                        "at": at,
                        "recipients": recipients,
                    }
                    for i in range(start, min(rows, start + BATCH))
                ],
            )
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--postgres", default=None)
    args = parser.parse_args()
    with database(args.postgres) as url:
        upgrade(url, BEFORE)
        fill(url, args.rows)
        load = os.getloadavg()[0]
        start, cpu = time.perf_counter(), time.process_time()
        upgrade(url)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        engine = create_engine(url)
        with engine.connect() as conn:
            numbered = conn.execute(
                text("SELECT COUNT(*) FROM messages WHERE message_hash IS NOT NULL")
            ).scalar_one()
        engine.dispose()
    print(
        f"{'postgresql' if args.postgres else 'sqlite'}: upgrade of {args.rows:,} messages "
        f"took {elapsed:.1f} s ({cpu:.1f} CPU-s in this process); {numbered:,} numbered; "
        f"load average {load:.1f} before, {os.getloadavg()[0]:.1f} after"
    )


if __name__ == "__main__":
    main()
