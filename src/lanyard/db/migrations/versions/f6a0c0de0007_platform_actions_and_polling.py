"""platform actions and polling

Platform actions (hide, delete, reply) queued after the archive entry, with their
attempts; polling cursors per account; webhook secrets per account.

Revision ID: f6a0c0de0007
Revises: e5f0c0de0006
Create Date: 2026-12-05 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import lanyard.db.base

revision: str = "f6a0c0de0007"
down_revision: str | None = "e5f0c0de0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = lanyard.db.base.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "platform_connections",
        sa.Column("account_id", sa.String(length=32), nullable=False),
        sa.Column("platform_account_id", sa.String(length=255), nullable=True),
        sa.Column("token_key_id", sa.String(length=64), nullable=True),
        sa.Column("token_nonce", sa.LargeBinary(length=12), nullable=True),
        sa.Column("token_ciphertext", sa.LargeBinary(), nullable=True),
        sa.Column("token_version", sa.Integer(), nullable=False),
        sa.Column("token_set_at", UTC(timezone=True), nullable=True),
        sa.Column("token_set_by_id", sa.String(length=32), nullable=True),
        sa.Column("token_expired_at", UTC(timezone=True), nullable=True),
        sa.Column("webhook_key_id", sa.String(length=64), nullable=True),
        sa.Column("webhook_nonce", sa.LargeBinary(length=12), nullable=True),
        sa.Column("webhook_ciphertext", sa.LargeBinary(), nullable=True),
        sa.Column("webhook_set_at", UTC(timezone=True), nullable=True),
        sa.Column("poll", sa.Boolean(), nullable=False),
        sa.Column("poll_cursor", sa.String(length=255), nullable=True),
        sa.Column("polled_at", UTC(timezone=True), nullable=True),
        sa.Column("poll_next_at", UTC(timezone=True), nullable=True),
        sa.Column("poll_failures", sa.Integer(), nullable=False),
        sa.Column("poll_error", sa.String(length=512), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["official_accounts.id"],
            name=op.f("fk_platform_connections_account_id_official_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["token_set_by_id"],
            ["people.id"],
            name=op.f("fk_platform_connections_token_set_by_id_people"),
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_platform_connections")),
    )
    op.create_table(
        "platform_actions",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("comment_id", sa.String(length=32), nullable=False),
        sa.Column("official_account_id", sa.String(length=32), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("archive_entry_id", sa.String(length=32), nullable=True),
        sa.Column("reply_text", sa.Text(), nullable=True),
        sa.Column("previous_state", sa.String(length=16), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("not_before", UTC(timezone=True), nullable=False),
        sa.Column("claimed_at", UTC(timezone=True), nullable=True),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.String(length=32), nullable=True),
        sa.Column("done_at", UTC(timezone=True), nullable=True),
        sa.Column("error_kind", sa.String(length=32), nullable=True),
        sa.Column("error_code", sa.String(length=128), nullable=True),
        sa.Column("error_message", sa.String(length=512), nullable=True),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.CheckConstraint(
            "action IN ('hide', 'delete', 'reply', 'unhide')",
            name=op.f("ck_platform_actions_action"),
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'running', 'retry', 'waiting_token', 'done', 'failed', "
            "'undone')",
            name=op.f("ck_platform_actions_status"),
        ),
        sa.CheckConstraint(
            "action IN ('reply', 'unhide') OR archive_entry_id IS NOT NULL",
            name=op.f("ck_platform_actions_archived_before_action"),
        ),
        sa.ForeignKeyConstraint(
            ["archive_entry_id", "comment_id"],
            ["moderation_archive.id", "moderation_archive.comment_id"],
            name="fk_platform_actions_archive_entry",
        ),
        sa.ForeignKeyConstraint(
            ["comment_id"],
            ["moderation_comments.id"],
            name=op.f("fk_platform_actions_comment_id_moderation_comments"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["people.id"],
            name=op.f("fk_platform_actions_created_by_id_people"),
        ),
        sa.ForeignKeyConstraint(
            ["official_account_id"],
            ["official_accounts.id"],
            name=op.f("fk_platform_actions_official_account_id_official_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_platform_actions")),
    )
    with op.batch_alter_table("platform_actions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_platform_actions_comment_id"), ["comment_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_platform_actions_not_before"), ["not_before"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_platform_actions_official_account_id"),
            ["official_account_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_platform_actions_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("platform_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_platform_actions_status"))
        batch_op.drop_index(batch_op.f("ix_platform_actions_official_account_id"))
        batch_op.drop_index(batch_op.f("ix_platform_actions_not_before"))
        batch_op.drop_index(batch_op.f("ix_platform_actions_comment_id"))
    op.drop_table("platform_actions")
    op.drop_table("platform_connections")
