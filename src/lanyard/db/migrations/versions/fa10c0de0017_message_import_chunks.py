"""message import chunks: an import split for Celery workers

Revision ID: fa10c0de0017
Revises: feb0c0de0015
Create Date: 2026-12-05 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import lanyard.db.base

revision: str = "fa10c0de0017"
down_revision: str | None = "feb0c0de0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UTC = lanyard.db.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "message_import_chunks",
        sa.Column("import_id", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("records", sa.JSON(), nullable=True),
        sa.Column("counts", sa.JSON(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("sent_at", _UTC, nullable=False),
        sa.Column("started_at", _UTC, nullable=True),
        sa.Column("finished_at", _UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["message_imports.id"],
            name=op.f("fk_message_import_chunks_import_id_message_imports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("import_id", "seq", name=op.f("pk_message_import_chunks")),
    )


def downgrade() -> None:
    op.drop_table("message_import_chunks")
