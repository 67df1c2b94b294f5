"""audit disposals: the audit log's oldest entries may be disposed of up to a recorded cut

``audit_disposals`` records each cut (the entry it runs through, that entry's hash, the
checkpoint signed at it, the certificate entry naming it). The triggers that kept
``audit_entries`` append-only now let a DELETE through only for entries at or before the
highest cut recorded; every other DELETE, and every UPDATE, is still refused.
``audit_disposals`` is append-only itself, and each cut must lie beyond the last.

Revision ID: fc40c0de0022
Revises: fb20c0de0021
Create Date: 2026-12-06 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import lanyard.db.base

revision: str = "fc40c0de0022"
down_revision: str | None = "fb20c0de0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UTC = lanyard.db.base.UTCDateTime(timezone=True)
_REFUSED = "audit entries are append-only"
_CUT = "(SELECT max(through_seq) FROM audit_disposals)"


def upgrade() -> None:
    op.create_table(
        "audit_disposals",
        sa.Column("through_seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("head", sa.String(length=64), nullable=False),
        sa.Column("first_seq", sa.Integer(), nullable=False),
        sa.Column("removed", sa.Integer(), nullable=False),
        sa.Column("certificate_seq", sa.Integer(), nullable=False),
        sa.Column("at", _UTC, nullable=False),
        sa.Column("checkpoint_at", _UTC, nullable=False),
        sa.Column("mac_from", sa.Integer(), nullable=True),
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("through_seq", name=op.f("pk_audit_disposals")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"""
            CREATE OR REPLACE FUNCTION lanyard_audit_append_only() RETURNS trigger AS $$
            BEGIN
              IF TG_OP = 'DELETE' AND OLD.seq <= COALESCE({_CUT}, 0) THEN
                RETURN OLD;
              END IF;
              RAISE EXCEPTION '{_REFUSED}';
            END;
            $$ LANGUAGE plpgsql
            """
        )
        op.execute(
            """
            CREATE FUNCTION lanyard_audit_disposals_guard() RETURNS trigger AS $$
            BEGIN
              IF TG_OP = 'INSERT' THEN
                IF NEW.through_seq <= COALESCE((SELECT max(through_seq) FROM audit_disposals), 0)
                THEN
                  RAISE EXCEPTION 'an audit disposal must reach beyond the last one';
                END IF;
                RETURN NEW;
              END IF;
              RAISE EXCEPTION 'audit disposals are append-only';
            END;
            $$ LANGUAGE plpgsql
            """
        )
        op.execute(
            "CREATE TRIGGER audit_disposals_guard BEFORE INSERT OR UPDATE OR DELETE "
            "ON audit_disposals FOR EACH ROW EXECUTE FUNCTION lanyard_audit_disposals_guard()"
        )
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_delete")
        op.execute(
            "CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries "
            f"WHEN OLD.seq > COALESCE({_CUT}, 0) "
            f"BEGIN SELECT RAISE(ABORT, '{_REFUSED}'); END"
        )
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_disposals_no_{verb.lower()} BEFORE {verb} "
                "ON audit_disposals "
                "BEGIN SELECT RAISE(ABORT, 'audit disposals are append-only'); END"
            )
        op.execute(
            "CREATE TRIGGER audit_disposals_forward BEFORE INSERT ON audit_disposals "
            f"WHEN NEW.through_seq <= COALESCE({_CUT}, 0) "
            "BEGIN SELECT RAISE(ABORT, 'an audit disposal must reach beyond the last one'); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_disposals_guard ON audit_disposals")
        op.execute("DROP FUNCTION IF EXISTS lanyard_audit_disposals_guard()")
        op.execute(
            f"""
            CREATE OR REPLACE FUNCTION lanyard_audit_append_only() RETURNS trigger AS $$
            BEGIN
              RAISE EXCEPTION '{_REFUSED}';
            END;
            $$ LANGUAGE plpgsql
            """
        )
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_delete")
        op.execute(
            "CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries "
            f"BEGIN SELECT RAISE(ABORT, '{_REFUSED}'); END"
        )
    op.drop_table("audit_disposals")
