"""legal holds

Revision ID: feb0c0de0015
Revises: fec0c0de0016
Create Date: 2026-12-05 18:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import lanyard.db.base

revision: str = "feb0c0de0015"
down_revision: str | None = "fec0c0de0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "legal_holds",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=True),
        sa.Column("building_id", sa.String(length=32), nullable=True),
        sa.Column("case_id", sa.String(length=32), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("placed_by_id", sa.String(length=32), nullable=True),
        sa.Column("placed_at", lanyard.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("lifted_at", lanyard.db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("lifted_by_id", sa.String(length=32), nullable=True),
        sa.Column("lift_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_legal_holds_person_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["building_id"], ["buildings.id"], name=op.f("fk_legal_holds_building_id_buildings")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_legal_holds_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["placed_by_id"], ["people.id"], name=op.f("fk_legal_holds_placed_by_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["lifted_by_id"], ["people.id"], name=op.f("fk_legal_holds_lifted_by_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_legal_holds")),
    )
    with op.batch_alter_table("legal_holds", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_legal_holds_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("legal_holds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_legal_holds_person_id"))
    op.drop_table("legal_holds")
