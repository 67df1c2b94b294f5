"""face recognition: parents' written biometric consents and encrypted face templates

Revision ID: fc50c0de0023
Revises: fc40c0de0022
Create Date: 2026-12-06 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import lanyard.db.base

revision: str = "fc50c0de0023"
down_revision: str | None = "fc40c0de0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UTC = lanyard.db.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "biometric_consents",
        sa.Column("student_id", sa.String(length=32), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=255), nullable=True),
        sa.Column("recorded_at", _UTC, nullable=False),
        sa.Column("recorded_by_id", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["people.id"],
            name=op.f("fk_biometric_consents_student_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["people.id"],
            name=op.f("fk_biometric_consents_recorded_by_id_people"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("student_id", name=op.f("pk_biometric_consents")),
    )
    op.create_table(
        "face_templates",
        sa.Column("student_id", sa.String(length=32), nullable=False),
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("nonce", sa.LargeBinary(length=12), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("enrolled_at", _UTC, nullable=False),
        sa.Column("enrolled_by_id", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["biometric_consents.student_id"],
            name=op.f("fk_face_templates_student_id_biometric_consents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["enrolled_by_id"],
            ["people.id"],
            name=op.f("fk_face_templates_enrolled_by_id_people"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("student_id", name=op.f("pk_face_templates")),
    )


def downgrade() -> None:
    op.drop_table("face_templates")
    op.drop_table("biometric_consents")
