"""requests approvals and disclosures

The schema of the requests-and-approvals work (issue 4).
Placed in the chain ahead of time so that work done in parallel never forks the
migration history; an empty upgrade changes nothing.

Revision ID: a1f0c0de0004
Revises: 432b8565c7e0
Create Date: 2026-11-23 12:10:00
"""

from collections.abc import Sequence

revision: str = "a1f0c0de0004"
down_revision: str | None = "432b8565c7e0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
