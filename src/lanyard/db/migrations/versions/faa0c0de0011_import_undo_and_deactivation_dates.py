"""import undo and deactivation dates

``people.deactivated_at`` (shown at sign-in to a deactivated account) and
``directory_imports``: what each import changed, so that it can be undone in its window.

Revision ID: faa0c0de0011
Revises: fda0c0de0014
Create Date: 2026-12-05 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import lanyard.db.base

revision: str = "faa0c0de0011"
down_revision: str | None = "fda0c0de0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "people",
        sa.Column("deactivated_at", lanyard.db.base.UTCDateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "directory_imports",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("at", lanyard.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.String(length=32), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("undone_at", lanyard.db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("undone_by_id", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directory_imports")),
    )


def downgrade() -> None:
    op.drop_table("directory_imports")
    with op.batch_alter_table("people") as batch:
        batch.drop_column("deactivated_at")
