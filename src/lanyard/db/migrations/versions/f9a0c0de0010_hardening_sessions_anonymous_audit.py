"""server-side sessions and the anonymous requests' held audit entries

``web_sessions``: a browser's session kept on the server (the cookie carries only a random
id; the row keeps its SHA-256), so sign-out and revocation end it.

``audit_held_entries``: audit entries of anonymous actions, kept with their day only until
the day has ended, then written to the log in a shuffled batch.

Revision ID: f9a0c0de0010
Revises: f8a0c0de0009
Create Date: 2026-12-05 17:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import lanyard.db.base

revision: str = "f9a0c0de0010"
down_revision: str | None = "f8a0c0de0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", lanyard.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", lanyard.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", lanyard.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("user_agent", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_web_sessions_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_web_sessions")),
    )
    op.create_index(op.f("ix_web_sessions_person_id"), "web_sessions", ["person_id"])
    op.create_index(op.f("ix_web_sessions_expires_at"), "web_sessions", ["expires_at"])
    op.create_table(
        "audit_held_entries",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("event", sa.String(length=64), nullable=False),
        sa.Column("subject_type", sa.String(length=64), nullable=False),
        sa.Column("subject_id", sa.String(length=255), nullable=True),
        sa.Column("building_id", sa.String(length=32), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_held_entries")),
    )
    op.create_index(op.f("ix_audit_held_entries_day"), "audit_held_entries", ["day"])


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_held_entries_day"), table_name="audit_held_entries")
    op.drop_table("audit_held_entries")
    op.drop_index(op.f("ix_web_sessions_expires_at"), table_name="web_sessions")
    op.drop_index(op.f("ix_web_sessions_person_id"), table_name="web_sessions")
    op.drop_table("web_sessions")
