"""Migrations build the schema from an empty database and agree with the models."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from lanyard.db.base import UTCDateTime
from lanyard.db.migrate import upgrade
from lanyard.db.models import Base


def test_upgrade_from_empty_creates_every_table(empty_database_url: str) -> None:
    upgrade(empty_database_url)
    engine = create_engine(empty_database_url)
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_upgrade_twice_changes_nothing(empty_database_url: str) -> None:
    upgrade(empty_database_url)
    upgrade(empty_database_url)


def test_models_and_migrations_agree(empty_database_url: str) -> None:
    upgrade(empty_database_url)
    engine = create_engine(empty_database_url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert diff == [], f"models differ from migrations: {diff}"


def test_upgrade_keeps_each_message_imports_earliest_time(empty_database_url: str) -> None:
    """Messages imported before the index on messages.sent_at went are still found by the
    retention purge: the upgrade gives each import the earliest time of its messages."""
    upgrade(empty_database_url, "fd10c0de0024")
    engine = create_engine(empty_database_url)
    imports = sa.table(
        "message_imports",
        *(sa.column(c) for c in ("id", "format", "file_name", "file_sha256", "status")),
        *(sa.column(c) for c in ("started_at", "pack_id", "pack_hash", "counts")),
    )
    messages = sa.table(
        "messages",
        *(sa.column(c) for c in ("import_id", "message_key", "source", "sent_at", "sender_key")),
        *(sa.column(c) for c in ("medium", "recipient_count", "recipients", "has_finding")),
    )
    at = dt.datetime(2025, 10, 2, 20, 4, 22, tzinfo=dt.UTC)
    utc = UTCDateTime()
    with engine.begin() as conn:
        conn.execute(
            sa.insert(imports),
            [
                {
                    "id": name,
                    "format": "gmail",
                    "file_name": f"{name}.jsonl",
                    "file_sha256": name,
                    "status": "complete",
                    "started_at": at,
                    "pack_id": "chsd-230",
                    "pack_hash": "0",
                    "counts": "{}",
                }
                for name in ("day", "empty")
            ],
        )
        conn.execute(
            sa.insert(messages).values(sent_at=sa.bindparam("sent_at", type_=utc)),
            [
                {
                    "import_id": "day",
                    "message_key": f"{n:064x}",
                    "source": "gmail",
                    "sent_at": at + dt.timedelta(hours=h),
                    "sender_key": "a@example.org",
                    "medium": "email",
                    "recipient_count": 1,
                    "recipients": "[]",
                    "has_finding": False,
                }
                for n, h in enumerate((3, 0, 5))
            ],
        )
    upgrade(empty_database_url)
    indexes = {i["name"] for i in inspect(engine).get_indexes("messages")}
    with engine.connect() as conn:
        first = dict(
            conn.execute(
                sa.select(sa.column("id"), sa.column("first_sent_at", utc)).select_from(
                    sa.table("message_imports")
                )
            ).all()
        )
    engine.dispose()
    assert first == {"day": at, "empty": None}
    assert "ix_messages_sent_at" not in indexes


def test_upgrade_numbers_each_message_key_and_keeps_keys_unique(empty_database_url: str) -> None:
    """Messages written before the key's number (message_hash) get it from their key; of
    two keys with the same first 8 bytes the later keeps none, and each key stays
    unique: written again, with or without a number, it is refused."""
    upgrade(empty_database_url, "fe20c0de0025")
    engine = create_engine(empty_database_url)
    columns = ("import_id", "message_key", "source", "sent_at", "sender_key", "medium")
    messages = sa.table(
        "messages",
        *(sa.column(c) for c in columns),
        *(sa.column(c) for c in ("recipient_count", "recipients", "has_finding")),
        sa.column("message_hash"),
    )
    at = dt.datetime(2025, 10, 2, 20, 4, 22, tzinfo=dt.UTC)
    shared = "80" + "ab" * 7  # a negative number: the top bit is set

    def row(key: str, **more: object) -> dict[str, object]:
        return {
            "import_id": "day",
            "message_key": key,
            "source": "gmail",
            "sent_at": at,
            "sender_key": "a@example.org",
            "medium": "email",
            "recipient_count": 1,
            "recipients": "[]",
            "has_finding": False,
            **more,
        }

    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO message_imports (id, format, file_name, file_sha256, status,"
                " started_at, pack_id, pack_hash, counts) VALUES ('day', 'gmail', 'd.jsonl',"
                " 'day', 'complete', :at, 'chsd-230', '0', '{}')"
            ),
            {"at": at},
        )
        insert = sa.insert(messages).values(sent_at=sa.bindparam("sent_at", type_=UTCDateTime()))
        for key in (shared + "0" * 48, shared + "1" * 48, "0123456789abcdef" + "2" * 48):
            conn.execute(insert, [row(key)])
    upgrade(empty_database_url)
    with engine.connect() as conn:
        numbers = conn.execute(
            sa.text("SELECT message_key, message_hash FROM messages ORDER BY id")
        ).all()
    assert [n for _, n in numbers] == [int(shared, 16) - (1 << 64), None, 0x0123456789ABCDEF]
    for again in (row(shared + "1" * 48), row(shared + "f" * 48, message_hash=numbers[0][1])):
        with pytest.raises(sa.exc.IntegrityError), engine.begin() as conn:
            conn.execute(
                sa.insert(messages).values(sent_at=sa.bindparam("sent_at", type_=UTCDateTime())),
                [again],
            )
    engine.dispose()
