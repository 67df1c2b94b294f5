"""messages: the idempotency key compared byte by byte on PostgreSQL (COLLATE "C")

The key is a SHA-256 in hex: no language's sort order applies to it, and comparing it
under the database's locale made its unique index the largest cost of writing a message
(benchmarks/messages.py). SQLite already compares text byte by byte.

Revision ID: fd10c0de0024
Revises: fc50c0de0023
Create Date: 2026-12-07 00:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "fd10c0de0024"
down_revision: str | None = "fc50c0de0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # the column's storage is unchanged; its unique index is rebuilt
        op.alter_column(
            "messages",
            "message_key",
            type_=sa.String(length=64, collation="C"),
            existing_nullable=False,
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column(
            "messages", "message_key", type_=sa.String(length=64), existing_nullable=False
        )
