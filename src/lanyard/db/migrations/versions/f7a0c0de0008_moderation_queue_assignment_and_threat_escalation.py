"""moderation queue assignment and threat escalation

Comments assigned to a moderator; threat escalation bookkeeping.

Revision ID: f7a0c0de0008
Revises: f6a0c0de0007
Create Date: 2026-12-05 09:00:00
"""

from collections.abc import Sequence

revision: str = "f7a0c0de0008"
down_revision: str | None = "f6a0c0de0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
