"""message import chunks (an import split for Celery workers); OneRoster classes and
enrollments

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
        "classes",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("sourced_id", sa.String(length=255), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("class_type", sa.String(length=32), nullable=False),
        sa.Column("building_id", sa.String(length=32), nullable=True),
        sa.Column("course_sourced_id", sa.String(length=255), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["building_id"], ["buildings.id"], name=op.f("fk_classes_building_id_buildings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_classes")),
        sa.UniqueConstraint("sourced_id", name=op.f("uq_classes_sourced_id")),
    )
    op.create_index(op.f("ix_classes_building_id"), "classes", ["building_id"])
    op.create_table(
        "enrollments",
        sa.Column("class_id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("primary", sa.Boolean(), nullable=False),
        sa.Column("begin_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["class_id"],
            ["classes.id"],
            name=op.f("fk_enrollments_class_id_classes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_enrollments_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("class_id", "person_id", "role", name=op.f("pk_enrollments")),
    )
    op.create_index(op.f("ix_enrollments_person_id"), "enrollments", ["person_id"])
    with op.batch_alter_table("message_findings") as batch:
        batch.add_column(sa.Column("teaches", sa.Boolean(), nullable=True))
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
    with op.batch_alter_table("message_findings") as batch:
        batch.drop_column("teaches")
    op.drop_table("message_import_chunks")
    op.drop_index(op.f("ix_enrollments_person_id"), table_name="enrollments")
    op.drop_table("enrollments")
    op.drop_index(op.f("ix_classes_building_id"), table_name="classes")
    op.drop_table("classes")
