"""approval limits

The checkable limits an approver ticks (ids of lanyard.approvals.limits.LIMITS), on the
request and on the approval on file; existing approvals have none.

Revision ID: e5f0c0de0006
Revises: d4f0c0de0005
Create Date: 2026-12-05 08:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e5f0c0de0006"
down_revision: str | None = "d4f0c0de0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("approval_requests", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("limits", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
    with op.batch_alter_table("approvals_on_file", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("limits", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )


def downgrade() -> None:
    with op.batch_alter_table("approvals_on_file", schema=None) as batch_op:
        batch_op.drop_column("limits")
    with op.batch_alter_table("approval_requests", schema=None) as batch_op:
        batch_op.drop_column("limits")
