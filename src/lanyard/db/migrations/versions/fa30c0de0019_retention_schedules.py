"""retention schedules: each record type's period as the district set it

Revision ID: fa30c0de0019
Revises: feb0c0de0015
Create Date: 2026-12-05 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import lanyard.db.base

revision: str = "fa30c0de0019"
down_revision: str | None = "feb0c0de0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "retention_schedules",
        sa.Column("record_type", sa.String(length=32), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=True),
        sa.Column("unit", sa.String(length=8), nullable=False),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.Column("set_by_id", sa.String(length=32), nullable=True),
        sa.Column("set_at", lanyard.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["set_by_id"], ["people.id"], name=op.f("fk_retention_schedules_set_by_id_people")
        ),
        sa.PrimaryKeyConstraint("record_type", name=op.f("pk_retention_schedules")),
    )


def downgrade() -> None:
    op.drop_table("retention_schedules")
