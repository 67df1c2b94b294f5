"""communication audit: message imports, message metadata, findings, known addresses

Revision ID: fca0c0de0013
Revises: fba0c0de0012
Create Date: 2026-12-05 17:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import lanyard.db.base

revision: str = "fca0c0de0013"
down_revision: str | None = "fba0c0de0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UTC = lanyard.db.base.UTCDateTime(timezone=True)
_BIGID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "message_imports",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("started_at", _UTC, nullable=False),
        sa.Column("finished_at", _UTC, nullable=True),
        sa.Column("actor_id", sa.String(length=32), nullable=True),
        sa.Column("pack_id", sa.String(length=64), nullable=False),
        sa.Column("pack_hash", sa.String(length=64), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_imports")),
    )
    op.create_index(
        op.f("ix_message_imports_file_sha256"), "message_imports", ["file_sha256"], unique=False
    )
    op.create_table(
        "messages",
        sa.Column("id", _BIGID, autoincrement=True, nullable=False),
        sa.Column("import_id", sa.String(length=32), nullable=False),
        sa.Column("message_key", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("sent_at", _UTC, nullable=False),
        sa.Column("sender_id", sa.String(length=32), nullable=True),
        sa.Column("sender_key", sa.String(length=320), nullable=False),
        sa.Column("medium", sa.String(length=24), nullable=False),
        sa.Column("platform", sa.String(length=64), nullable=True),
        sa.Column("recipient_count", sa.Integer(), nullable=False),
        sa.Column("recipients", sa.JSON(), nullable=False),
        sa.Column("has_finding", sa.Boolean(), nullable=False),
        sa.Column("source_id", sa.Text(), nullable=True),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["message_imports.id"],
            name=op.f("fk_messages_import_id_message_imports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_messages")),
        sa.UniqueConstraint("message_key", name=op.f("uq_messages_message_key")),
    )
    op.create_index(op.f("ix_messages_import_id"), "messages", ["import_id"], unique=False)
    op.create_index("ix_messages_sent_at", "messages", ["sent_at"], unique=False)
    op.create_table(
        "known_addresses",
        sa.Column("address", sa.String(length=320), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("source", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_known_addresses_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("address", name=op.f("pk_known_addresses")),
    )
    op.create_index(
        op.f("ix_known_addresses_person_id"), "known_addresses", ["person_id"], unique=False
    )
    op.create_table(
        "message_findings",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("message_id", _BIGID, nullable=False),
        sa.Column("import_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("rule", sa.String(length=128), nullable=False),
        sa.Column("verdict", sa.String(length=32), nullable=False),
        sa.Column("clause", sa.Text(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("liftable", sa.Boolean(), nullable=False),
        sa.Column("needs_facts", sa.JSON(), nullable=False),
        sa.Column("marks", sa.JSON(), nullable=True),
        sa.Column("employee_id", sa.String(length=32), nullable=True),
        sa.Column("building_id", sa.String(length=32), nullable=True),
        sa.Column("sent_at", _UTC, nullable=False),
        sa.Column("pack_id", sa.String(length=64), nullable=False),
        sa.Column("pack_hash", sa.String(length=64), nullable=False),
        sa.Column("situation", sa.JSON(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", _UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["message_imports.id"],
            name=op.f("fk_message_findings_import_id_message_imports"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["messages.id"],
            name=op.f("fk_message_findings_message_id_messages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_findings")),
    )
    for column in ("building_id", "employee_id", "import_id", "message_id"):
        op.create_index(
            op.f(f"ix_message_findings_{column}"), "message_findings", [column], unique=False
        )
    op.create_index("ix_message_findings_sent_at", "message_findings", ["sent_at"], unique=False)


def downgrade() -> None:
    op.drop_table("message_findings")
    op.drop_table("known_addresses")
    op.drop_table("messages")
    op.drop_table("message_imports")
