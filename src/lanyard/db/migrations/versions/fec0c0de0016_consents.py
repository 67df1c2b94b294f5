"""consents: media releases and directory-information opt-outs per student, scope and year

Revision ID: fec0c0de0016
Revises: faa0c0de0011
Create Date: 2026-12-05 18:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import lanyard.db.base

revision: str = "fec0c0de0016"
down_revision: str | None = "faa0c0de0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UTC = lanyard.db.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "consents",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("student_id", sa.String(length=32), nullable=False),
        sa.Column("scope", sa.String(length=32), nullable=False),
        sa.Column("school_year", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=True),
        sa.Column("source", sa.String(length=255), nullable=True),
        sa.Column("updated_at", _UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["people.id"],
            name=op.f("fk_consents_student_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consents")),
        sa.UniqueConstraint(
            "student_id",
            "scope",
            "school_year",
            name=op.f("uq_consents_student_id"),
        ),
    )
    op.create_index(op.f("ix_consents_student_id"), "consents", ["student_id"], unique=False)
    op.create_index(op.f("ix_consents_school_year"), "consents", ["school_year"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_consents_school_year"), table_name="consents")
    op.drop_index(op.f("ix_consents_student_id"), table_name="consents")
    op.drop_table("consents")
