"""audit MAC and checkpoints

A keyed MAC on every audit entry (the key is not in the database) and the signed
checkpoints written so far.

Existing entries get their MAC here only when the key is available to the migration
(``lanyard db upgrade`` with LANYARD_AUDIT_KEYS set, or demo mode); otherwise they keep
none and ``lanyard audit verify`` says which entries predate the MAC.

Revision ID: f8a0c0de0009
Revises: f7a0c0de0008
Create Date: 2026-12-05 09:00:00
"""

import hashlib
import hmac
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

import lanyard.db.base

revision: str = "f8a0c0de0009"
down_revision: str | None = "f7a0c0de0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy on SQLite): the append-only triggers stay in place.
    op.add_column("audit_entries", sa.Column("mac_key_id", sa.String(length=64), nullable=True))
    op.add_column("audit_entries", sa.Column("mac", sa.String(length=64), nullable=True))
    op.create_table(
        "audit_checkpoints",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("head", sa.String(length=64), nullable=False),
        sa.Column("at", lanyard.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("mac_from", sa.Integer(), nullable=True),
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_checkpoints")),
    )
    keys = context.config.attributes.get("audit_mac_keys")
    if keys is not None:
        _backfill(keys.current, keys.keys[keys.current])


def _backfill(key_id: str, key: bytes) -> None:
    """The MAC of each existing entry: the same formula as lanyard.audit.keys.mac (v1)."""
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT seq, hash FROM audit_entries WHERE mac IS NULL")).all()
    if not rows:
        return
    postgres = bind.dialect.name == "postgresql"
    if postgres:
        op.execute("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_update")
    for seq, entry_hash in rows:
        message = b"|".join(
            [b"lanyard-audit-mac/v1", key_id.encode(), str(seq).encode(), entry_hash.encode()]
        )
        value = hmac.new(key, message, hashlib.sha256).hexdigest()
        bind.execute(
            sa.text("UPDATE audit_entries SET mac_key_id = :kid, mac = :mac WHERE seq = :seq"),
            {"kid": key_id, "mac": value, "seq": seq},
        )
    if postgres:
        op.execute("ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only")
    else:
        op.execute(
            "CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries "
            "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END"
        )


def downgrade() -> None:
    op.drop_table("audit_checkpoints")
    # Plain DROP COLUMN (SQLite 3.35+): the append-only triggers stay in place.
    op.drop_column("audit_entries", "mac")
    op.drop_column("audit_entries", "mac_key_id")
