"""moderation queue assignment and threat escalation

Comments assigned to a moderator (who, by whom, when); the people a case is routed to
besides the holders of its roles (the district's safety contact for a threat).

Revision ID: f7a0c0de0008
Revises: f6a0c0de0007
Create Date: 2026-12-05 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import lanyard.db.base

revision: str = "f7a0c0de0008"
down_revision: str | None = "f6a0c0de0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("moderation_comments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("assigned_to_id", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("assigned_by_id", sa.String(length=32), nullable=True))
        batch_op.add_column(
            sa.Column("assigned_at", lanyard.db.base.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_moderation_comments_assigned_to_id_people"),
            "people",
            ["assigned_to_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_moderation_comments_assigned_by_id_people"),
            "people",
            ["assigned_by_id"],
            ["id"],
        )
        batch_op.create_index(
            batch_op.f("ix_moderation_comments_assigned_to_id"), ["assigned_to_id"], unique=False
        )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("contact_ids", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("contact_ids")
    with op.batch_alter_table("moderation_comments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_moderation_comments_assigned_to_id"))
        batch_op.drop_constraint(
            batch_op.f("fk_moderation_comments_assigned_by_id_people"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_moderation_comments_assigned_to_id_people"), type_="foreignkey"
        )
        batch_op.drop_column("assigned_at")
        batch_op.drop_column("assigned_by_id")
        batch_op.drop_column("assigned_to_id")
