"""What writing message metadata costs SQLite as the table grows, by what the table carries.

    .venv/bin/python benchmarks/messages_sqlite.py [--rows 750000] [--every 250000]
        [--sent-at-index] [--no-foreign-key] [--no-import-index] [--cache-mb 64]
        [--checkpoint-pages 10000] [--key-index]

Writes rows shaped like an import's messages without findings (a random SHA-256 key, a
time within one day, JSON recipients of 1 to 5 parties) into a fresh SQLite file built by
Lanyard's migrations, in batches of 5,000, each its own transaction on a connection set up
as the import's writer (WAL, ``synchronous=NORMAL``, a page cache of ``--cache-mb``, a
checkpoint every ``--checkpoint-pages``: 1,000 as the import was before), with
the import's key check (``json_each``) on a second connection before each batch. Every
``--every`` rows it prints the CPU seconds of this process for that stretch (the key check,
building the rows, writing them) and the file's size: the rate an import keeps as the
table grows, without parsing or evaluating. ``--sent-at-index`` adds the index on
``messages.sent_at`` that migration fe20c0de0025 dropped (to compare with before);
``--key-index`` writes the message key under its own unique index, as before migration
fe30c0de0026, instead of the key's number (its first 8 bytes) under one, each batch sorted
by it, as the import writes them now.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from lanyard.db.migrate import upgrade
from lanyard.messages.service import CHECKPOINT_PAGES, key_hash

BATCH = 5000
COLUMNS = (
    "import_id, message_key, message_hash, source, sent_at, sender_id, sender_key, medium,"
    " platform,"
    " recipient_count, recipients, has_finding"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=750_000)
    parser.add_argument("--every", type=int, default=250_000)
    parser.add_argument("--sent-at-index", action="store_true", help="as before fe20c0de0025")
    parser.add_argument("--no-foreign-key", action="store_true")
    parser.add_argument("--no-import-index", action="store_true")
    parser.add_argument("--cache-mb", type=int, default=64, help="the writer's page cache")
    parser.add_argument(
        "--key-index", action="store_true", help="the key unique, as before fe30c0de0026"
    )
    parser.add_argument(
        "--checkpoint-pages",
        type=int,
        default=CHECKPOINT_PAGES,
        help="the writer's wal_autocheckpoint (1000: SQLite's default)",
    )
    parser.add_argument(
        "--commit-every",
        type=int,
        default=1,
        help="batches written in one transaction (each batch's key check still first)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "messages.sqlite3"
        upgrade(f"sqlite:///{path}")
        run(path, args)


def run(path: Path, args: argparse.Namespace) -> None:
    writer = sqlite3.connect(path, isolation_level=None)
    for pragma in (
        f"foreign_keys={'OFF' if args.no_foreign_key else 'ON'}",
        "journal_mode=WAL",
        "synchronous=NORMAL",
        f"cache_size=-{args.cache_mb * 1024}",
        f"wal_autocheckpoint={args.checkpoint_pages}",
    ):
        writer.execute(f"PRAGMA {pragma}")
    if args.sent_at_index:
        writer.execute("CREATE INDEX ix_messages_sent_at ON messages (sent_at)")
    if args.no_import_index:
        writer.execute("DROP INDEX ix_messages_import_id")
    if args.key_index:
        writer.execute("DROP INDEX uq_messages_message_hash")
        writer.execute("DROP INDEX uq_messages_message_key_unhashed")
        writer.execute("CREATE UNIQUE INDEX uq_messages_message_key ON messages (message_key)")
    writer.execute(
        "INSERT INTO message_imports (id, format, file_name, file_sha256, status, started_at,"
        " pack_id, pack_hash, counts) VALUES ('i', 'm365', 'f', 'x', 'running',"
        " '2025-10-02 11:00:00.000000', 'p', 'h', '{}')"
    )
    checker = sqlite3.connect(path, isolation_level=None)
    checker.execute("PRAGMA journal_mode=WAL")
    rng = random.Random(1)
    day = dt.datetime(2025, 10, 2, 11)
    insert = f"INSERT INTO messages ({COLUMNS}) VALUES ({', '.join('?' * 12)})"
    if args.key_index:
        check = (
            "SELECT message_key FROM messages WHERE message_key IN (SELECT value FROM json_each(?))"
        )
    else:  # as the import asks (lanyard.messages.service._existing)
        check = (
            "SELECT message_hash, message_key FROM messages"
            " WHERE message_hash IN (SELECT value FROM json_each(?))"
            " UNION ALL SELECT NULL, message_key FROM messages"
            " WHERE message_hash IS NULL AND message_key IN (SELECT value FROM json_each(?))"
        )
    print(
        f"{args.rows:,} rows, batches of {BATCH:,}: index on sent_at "
        f"{'yes' if args.sent_at_index else 'no'}, foreign key "
        f"{'no' if args.no_foreign_key else 'yes'}, import_id index "
        f"{'no' if args.no_import_index else 'yes'}, writer's cache {args.cache_mb} MB, "
        f"checkpoint every {args.checkpoint_pages:,} pages, "
        f"{args.commit_every} batches a transaction, "
        f"{'the key' if args.key_index else 'the key number'} unique; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    spent = {"check": 0.0, "rows": 0.0, "write": 0.0}
    last = time.process_time()
    for b in range(args.rows // BATCH):
        t0 = time.process_time()
        keys = [
            hashlib.sha256(f"m365\0<bench{b * BATCH + i}@x>".encode()).hexdigest()
            for i in range(BATCH)
        ]
        if args.key_index:
            checker.execute(check, (json.dumps(keys),)).fetchall()
        else:
            numbers = [key_hash(key) for key in keys]
            checker.execute(check, (json.dumps(numbers), json.dumps(keys))).fetchall()
        t1 = time.process_time()
        rows = []
        for key in keys:
            sent = day + dt.timedelta(seconds=rng.randrange(0, 14 * 3600))
            n = rng.randrange(1, 6)
            parties = [[f"{rng.getrandbits(128):032x}", None, "student", "district"]] * n
            rows.append(
                (
                    "i",
                    key,
                    None if args.key_index else key_hash(key),
                    "m365",
                    sent.isoformat(" ", "microseconds"),
                    f"{rng.getrandbits(128):032x}",
                    f"staff{rng.randrange(5000)}@bench.example.org",
                    "email",
                    None,
                    n,
                    json.dumps(parties),
                    0,
                )
            )
        if not args.key_index:
            rows.sort(key=lambda row: row[2])
        t2 = time.process_time()
        if b % args.commit_every == 0:
            writer.execute("BEGIN")
        writer.executemany(insert, rows)
        if (b + 1) % args.commit_every == 0:
            writer.execute("COMMIT")
        t3 = time.process_time()
        spent["check"] += t1 - t0
        spent["rows"] += t2 - t1
        spent["write"] += t3 - t2
        done = (b + 1) * BATCH
        if done % args.every == 0:
            now = time.process_time()
            print(
                f"  {done:>11,} rows: the last {args.every:,} took {now - last:.1f} CPU-s "
                f"(key check {spent['check']:.1f}, building rows {spent['rows']:.1f}, "
                f"writing {spent['write']:.1f}); file {path.stat().st_size / 1e6:,.0f} MB; "
                f"load average {os.getloadavg()[0]:.1f}",
                flush=True,
            )
            last = now
            spent = dict.fromkeys(spent, 0.0)
    if writer.in_transaction:
        writer.execute("COMMIT")
    checker.close()
    writer.close()


if __name__ == "__main__":
    main()
