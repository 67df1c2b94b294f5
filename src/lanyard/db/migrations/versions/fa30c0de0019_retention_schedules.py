"""retention schedules (each record type's period as the district set it) and records
exports asked for on the web

Revision ID: fa30c0de0019
Revises: fa10c0de0017
Create Date: 2026-12-05 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import lanyard.db.base

revision: str = "fa30c0de0019"
down_revision: str | None = "fa10c0de0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UTC = lanyard.db.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "retention_schedules",
        sa.Column("record_type", sa.String(length=32), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=True),
        sa.Column("unit", sa.String(length=8), nullable=False),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.Column("set_by_id", sa.String(length=32), nullable=True),
        sa.Column("set_at", _UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["set_by_id"], ["people.id"], name=op.f("fk_retention_schedules_set_by_id_people")
        ),
        sa.PrimaryKeyConstraint("record_type", name=op.f("pk_retention_schedules")),
    )
    op.create_table(
        "records_exports",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("requested_by_id", sa.String(length=32), nullable=False),
        sa.Column("since", _UTC, nullable=False),
        sa.Column("until", _UTC, nullable=False),
        sa.Column("types", sa.JSON(), nullable=False),
        sa.Column("people", sa.JSON(), nullable=False),
        sa.Column("redact_students", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("done_records", sa.Integer(), nullable=False),
        sa.Column("total_records", sa.Integer(), nullable=True),
        sa.Column("file_name", sa.String(length=64), nullable=True),
        sa.Column("manifest_sha256", sa.String(length=64), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", _UTC, nullable=False),
        sa.Column("started_at", _UTC, nullable=True),
        sa.Column("finished_at", _UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["people.id"],
            name=op.f("fk_records_exports_requested_by_id_people"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_records_exports")),
    )
    with op.batch_alter_table("records_exports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_records_exports_requested_by_id"), ["requested_by_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("records_exports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_records_exports_requested_by_id"))
    op.drop_table("records_exports")
    op.drop_table("retention_schedules")
