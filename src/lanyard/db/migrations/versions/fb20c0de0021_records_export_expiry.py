"""records exports expire: when the daily job removed an export's package

Revision ID: fb20c0de0021
Revises: fa30c0de0019
Create Date: 2026-12-06 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import lanyard.db.base

revision: str = "fb20c0de0021"
down_revision: str | None = "fa30c0de0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UTC = lanyard.db.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("records_exports") as batch:
        batch.add_column(sa.Column("expired_at", _UTC, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("records_exports") as batch:
        batch.drop_column("expired_at")
