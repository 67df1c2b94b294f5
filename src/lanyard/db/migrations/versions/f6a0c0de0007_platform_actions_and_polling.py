"""platform actions and polling

Platform actions (hide, delete, reply) queued after the archive entry, with their
attempts; polling cursors per account; webhook secrets per account.

Revision ID: f6a0c0de0007
Revises: e5f0c0de0006
Create Date: 2026-12-05 09:00:00
"""

from collections.abc import Sequence

revision: str = "f6a0c0de0007"
down_revision: str | None = "e5f0c0de0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
