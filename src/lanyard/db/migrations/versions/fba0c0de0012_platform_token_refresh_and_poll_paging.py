"""platform token refresh and poll paging

Each account's escrowed OAuth refresh token (sealed like the access token), when the access
token expires and was last refreshed, the platform's words when a refresh failed (the
account must be reconnected); and where a polling sweep that reached its per-round bound
goes on from (the platforms' paging cursors).

Revision ID: fba0c0de0012
Revises: f9a0c0de0010
Create Date: 2026-12-05 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import lanyard.db.base

revision: str = "fba0c0de0012"
down_revision: str | None = "f9a0c0de0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = lanyard.db.base.UTCDateTime
COLUMNS = (
    ("refresh_key_id", sa.String(length=64)),
    ("refresh_nonce", sa.LargeBinary(length=12)),
    ("refresh_ciphertext", sa.LargeBinary()),
    ("token_expires_at", UTC(timezone=True)),
    ("token_refreshed_at", UTC(timezone=True)),
    ("token_error", sa.String(length=512)),
    ("poll_resume", sa.Text()),
)


def upgrade() -> None:
    # Plain ADD COLUMN (nullable): no table copy on SQLite.
    for name, type_ in COLUMNS:
        op.add_column("platform_connections", sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("platform_connections", schema=None) as batch_op:
        for name, _ in reversed(COLUMNS):
            batch_op.drop_column(name)
