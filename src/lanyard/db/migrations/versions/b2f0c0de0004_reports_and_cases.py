"""reports and cases

The schema of the reports-and-cases work (issue 4).
Placed in the chain ahead of time so that work done in parallel never forks the
migration history; an empty upgrade changes nothing.

Revision ID: b2f0c0de0004
Revises: a1f0c0de0004
Create Date: 2026-11-23 12:10:00
"""

from collections.abc import Sequence

revision: str = "b2f0c0de0004"
down_revision: str | None = "a1f0c0de0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
