"""What PostgreSQL's server spends writing message metadata, by what the table carries.

    .venv/bin/python benchmarks/messages_copy.py [--rows 200000] [--repeat 3]
        [--postgres postgresql://postgres@127.0.0.1:5432/test] [--only WORDS]

COPYs rows shaped like an import's messages without findings (a random SHA-256 key, a
time within one day, JSON recipients of 1 to 30 parties) in batches of 5,000, each its own
transaction as the import writes them, into a scratch schema's ``messages`` table built
several ways: as Lanyard's migrations build it (the key's first 8 bytes as a number with a
unique index), with the key's own unique index as before, without the foreign key to the import,
without the secondary indexes, with the key compared under the database's locale or byte
by byte (``COLLATE "C"``) or under an English locale (ICU's, which the server may not
have); in text or binary COPY. Prints the CPU seconds of the server
process that received the rows (read from ``/proc``: the server must run on this
machine) and of this process, the least of ``--repeat`` runs (a shared machine only adds),
and the load average.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import time
import uuid
from pathlib import Path
from typing import Any

import psycopg

from lanyard.messages.service import PLAIN_COPY_TYPES, key_hash

# The columns and binary COPY types the import writes for a message without a finding.
COLUMNS = PLAIN_COPY_TYPES
TABLE = """
CREATE TABLE message_imports (id varchar(32) PRIMARY KEY);
INSERT INTO message_imports VALUES (%(import_id)s);
CREATE TABLE messages (
    id bigserial PRIMARY KEY,
    import_id varchar(32) NOT NULL {fk},
    message_key varchar(64) {collate} NOT NULL,
    message_hash bigint,
    source varchar(16) NOT NULL,
    sent_at timestamptz NOT NULL,
    sender_id varchar(32),
    sender_key varchar(320) NOT NULL,
    medium varchar(24) NOT NULL,
    platform varchar(64),
    recipient_count integer NOT NULL,
    recipients json NOT NULL,
    has_finding boolean NOT NULL,
    source_id text, subject text, body text
);
{indexes}
"""
KEY = "CREATE UNIQUE INDEX uq_messages_message_key ON messages (message_key);"
# since migration fe30c0de0026: the key's first 8 bytes, unique (the key itself only
# where they are shared)
NUMBER = (
    "CREATE UNIQUE INDEX uq_messages_message_hash ON messages (message_hash);"
    " CREATE UNIQUE INDEX uq_messages_message_key_unhashed ON messages (message_key)"
    " WHERE message_hash IS NULL;"
)
OTHERS = "CREATE INDEX ix_messages_import_id ON messages (import_id);"
# dropped by migration fe20c0de0025 (old messages are found through their import)
SENT_AT = "CREATE INDEX ix_messages_sent_at ON messages (sent_at);"
FK = "REFERENCES message_imports (id) ON DELETE CASCADE"
# name: (foreign key, key's collation, indexes)
VARIANTS = {
    "key under the locale, with an index on sent_at (before)": (FK, "", KEY + OTHERS + SENT_AT),
    'key COLLATE "C", with an index on sent_at (before)': (
        FK,
        'COLLATE "C"',
        KEY + OTHERS + SENT_AT,
    ),
    "as migrated, the key's number unique (now)": (FK, 'COLLATE "C"', NUMBER + OTHERS),
    'key COLLATE "C" unique (before fe30c0de0026)': (FK, 'COLLATE "C"', KEY + OTHERS),
    'no foreign key, key COLLATE "C"': ("", 'COLLATE "C"', KEY + OTHERS),
    "key index only, under the locale": ("", "", KEY),
    'key index only, COLLATE "C"': ("", 'COLLATE "C"', KEY),
    # what a key under an English locale costs (a server initialized with one)
    'key index only, COLLATE "en-US-x-icu"': ("", 'COLLATE "en-US-x-icu"', KEY),
    "no index, no foreign key": ("", "", ""),
}
NOW = "as migrated, the key's number unique (now)"
BATCH = 5000


def rows(n: int, import_id: str) -> list[tuple[Any, ...]]:
    rng = random.Random(7)
    day = dt.datetime(2025, 10, 2, 11, tzinfo=dt.UTC)
    out = []
    for i in range(n):
        parties = [
            [uuid.UUID(int=rng.getrandbits(128)).hex, None, "student", "district"]
            for _ in range(1 if rng.random() < 0.6 else rng.randrange(2, 30))
        ]
        key = hashlib.sha256(f"m365\0<bench{i}@example.org>".encode()).hexdigest()
        out.append(
            (
                import_id,
                key,
                key_hash(key),
                "m365",
                day + dt.timedelta(seconds=rng.randrange(14 * 3600)),
                uuid.UUID(int=rng.getrandbits(128)).hex,
                f"staff{rng.randrange(1000)}@bench.example.org",
                "email",
                "district-email",
                len(parties),
                json.dumps(parties),
                False,
            )
        )
    for start in range(0, n, BATCH):  # each batch by the key's number, as the import sorts it
        out[start : start + BATCH] = sorted(out[start : start + BATCH], key=lambda row: row[2])
    return out


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def once(url: str, data: list[tuple[Any, ...]], variant: str, binary: bool) -> tuple[float, float]:
    fk, collate, indexes = VARIANTS[variant]
    schema = f"copy_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
        try:
            conn.execute(f"SET search_path = {schema}")
            ddl = TABLE.format(fk=fk, collate=collate, indexes=indexes)
            conn.execute(ddl.replace("%(import_id)s", f"'{data[0][0]}'"))
            server = conn.execute("SELECT pg_backend_pid()").fetchone()
            assert server is not None
            before, mine = cpu_seconds(server[0]), time.process_time()
            conn.autocommit = False
            sql = f"COPY messages ({', '.join(COLUMNS)}) FROM STDIN"
            for start in range(0, len(data), BATCH):
                with (
                    conn.cursor() as cursor,
                    cursor.copy(sql + (" (FORMAT BINARY)" if binary else "")) as copy,
                ):
                    if binary:
                        copy.set_types(list(COLUMNS.values()))
                    for row in data[start : start + BATCH]:
                        copy.write_row(row)
                conn.commit()
            return cpu_seconds(server[0]) - before, time.process_time() - mine
        finally:
            conn.rollback()
            conn.autocommit = True
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--only", default="", help="the variants whose name has these words")
    args = parser.parse_args()
    data = rows(args.rows, uuid.uuid4().hex)
    runs = [(v, False) for v in VARIANTS] + [(NOW, True)]
    runs = [run for run in runs if args.only in run[0]]
    print(f"{args.rows:,} rows in batches of {BATCH:,}; load average {os.getloadavg()[0]:.1f}")
    best: dict[tuple[str, bool], tuple[float, float]] = {}
    for _ in range(args.repeat):  # interleaved: a busy minute weighs on every variant alike
        for run in runs:
            server, client = once(args.postgres, data, *run)
            old = best.get(run, (server, client))
            best[run] = (min(old[0], server), min(old[1], client))
    for (variant, binary), (server, client) in best.items():
        print(
            f"{variant}, {'binary' if binary else 'text'} COPY: server {server:.2f} CPU-s, "
            f"this process {client:.2f} CPU-s"
        )
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
