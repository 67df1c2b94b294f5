"""messages: the idempotency key's unique index on its first 8 bytes (message_hash)

The unique index on the 64-character message key took about four times the pages of one
on an 8-byte integer, and a log's keys arrive in no order, so once the table was large
every message written changed a page of that index the page cache did not hold
(docs/messages.md). Each message now has ``message_hash``, its key's first 8 bytes as a
signed integer, with a unique index; a message whose number another message's key
already has keeps none, and is unique by its key among such messages (a partial index).

On an existing table the upgrade reads every message once to number it, then builds
the two indexes; SQLite rebuilds the table to drop the key's unique constraint (the
table is copied once; the file keeps the freed pages for reuse), PostgreSQL drops it in
place. Measured on 1,000,000 existing messages: README, Performance.

Revision ID: fe30c0de0026
Revises: fe20c0de0025
Create Date: 2026-12-07 05:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "fe30c0de0026"
down_revision: str | None = "fe20c0de0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UNHASHED = sa.text("message_hash IS NULL")


def _number(key: str | None) -> int | None:
    """As lanyard.messages.service.key_hash; None for a key that is not hex."""
    try:
        return int.from_bytes(bytes.fromhex((key or "")[:16]), "big", signed=True)
    except ValueError:
        return None


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column("messages", sa.Column("message_hash", sa.BigInteger(), nullable=True))
    if bind.dialect.name == "postgresql":
        op.execute(
            "UPDATE messages"
            " SET message_hash = ('x' || substr(message_key, 1, 16))::bit(64)::bigint"
            " WHERE message_key ~ '^[0-9a-f]{16}'"
        )
    else:
        raw = bind.connection.dbapi_connection
        assert raw is not None
        raw.create_function("lanyard_message_hash", 1, _number, deterministic=True)
        op.execute("UPDATE messages SET message_hash = lanyard_message_hash(message_key)")
    # two keys with the same first 8 bytes: the later message keeps no number
    op.execute(
        "UPDATE messages SET message_hash = NULL WHERE id IN ("
        " SELECT m.id FROM messages m JOIN ("
        "  SELECT message_hash AS number, MIN(id) AS first FROM messages"
        "  WHERE message_hash IS NOT NULL GROUP BY message_hash HAVING COUNT(*) > 1"
        " ) d ON m.message_hash = d.number AND m.id <> d.first)"
    )
    with op.batch_alter_table("messages") as batch_op:
        batch_op.drop_constraint("uq_messages_message_key", type_="unique")
    op.create_index("uq_messages_message_hash", "messages", ["message_hash"], unique=True)
    op.create_index(
        "uq_messages_message_key_unhashed",
        "messages",
        ["message_key"],
        unique=True,
        sqlite_where=_UNHASHED,
        postgresql_where=_UNHASHED,
    )


def downgrade() -> None:
    op.drop_index("uq_messages_message_key_unhashed", table_name="messages")
    op.drop_index("uq_messages_message_hash", table_name="messages")
    with op.batch_alter_table("messages") as batch_op:
        batch_op.create_unique_constraint("uq_messages_message_key", ["message_key"])
        batch_op.drop_column("message_hash")
