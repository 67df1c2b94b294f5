"""messages: no index on sent_at; each import keeps the earliest time of its messages

A log's times are in no order the rows are written in, so an index on ``messages.sent_at``
took a write to a random page of it for every message, which made writing a message
costlier the larger the table grew. Old messages (the retention purge, the records
schedule) are now found through their import: ``message_imports.first_sent_at`` and the
index on ``messages.import_id``.

On an existing table the upgrade reads every message once (the earliest time of each
import's messages) and drops the index (on PostgreSQL ``DROP INDEX`` locks the table for
the moment it takes; SQLite keeps the freed pages in its file for reuse).

Revision ID: fe20c0de0025
Revises: fd10c0de0024
Create Date: 2026-12-07 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import lanyard.db.base

revision: str = "fe20c0de0025"
down_revision: str | None = "fd10c0de0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UTC = lanyard.db.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.add_column("message_imports", sa.Column("first_sent_at", _UTC, nullable=True))
    op.execute(
        "UPDATE message_imports SET first_sent_at ="
        " (SELECT MIN(m.sent_at) FROM messages m WHERE m.import_id = message_imports.id)"
    )
    op.drop_index("ix_messages_sent_at", table_name="messages")


def downgrade() -> None:
    op.create_index("ix_messages_sent_at", "messages", ["sent_at"], unique=False)
    with op.batch_alter_table("message_imports") as batch_op:
        batch_op.drop_column("first_sent_at")
