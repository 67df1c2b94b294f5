"""moderation intake queue and archive

The schema of the moderation work (issue 5).
Placed in the chain ahead of time so that work done in parallel never forks the
migration history; an empty upgrade changes nothing.

Revision ID: d4f0c0de0005
Revises: c3f0c0de0004
Create Date: 2026-11-23 12:10:00
"""

from collections.abc import Sequence

revision: str = "d4f0c0de0005"
down_revision: str | None = "c3f0c0de0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
