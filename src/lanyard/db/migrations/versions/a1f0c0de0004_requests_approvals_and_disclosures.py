"""requests approvals and disclosures

The schema of the requests-and-approvals work (issue 4): requests for the pack's forms
and their history. Relationship disclosures live in the directory's table.

Revision ID: a1f0c0de0004
Revises: 432b8565c7e0
Create Date: 2026-11-23 12:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import lanyard.db.base

revision: str = "a1f0c0de0004"
down_revision: str | None = "432b8565c7e0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str, nullable: bool = True) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, lanyard.db.base.UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "approval_requests",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("pack_id", sa.String(length=64), nullable=False),
        sa.Column("form_id", sa.String(length=64), nullable=False),
        sa.Column("approver_role", sa.String(length=64), nullable=False),
        sa.Column("requester_id", sa.String(length=32), nullable=True),
        sa.Column("building_id", sa.String(length=32), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("values", sa.JSON(), nullable=False),
        _when("created_at", nullable=False),
        _when("updated_at", nullable=False),
        _when("submitted_at"),
        _when("decided_at"),
        sa.Column("decided_by_id", sa.String(length=32), nullable=True),
        sa.Column("conditions", sa.Text(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        _when("expires_at"),
        _when("reminded_at"),
        sa.Column("approval_id", sa.String(length=32), nullable=True),
        sa.Column("follow_up_status", sa.String(length=16), nullable=False),
        sa.Column("follow_up_note", sa.Text(), nullable=True),
        _when("follow_up_at"),
        sa.Column("anonymous_token_hash", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["building_id"],
            ["buildings.id"],
            name=op.f("fk_approval_requests_building_id_buildings"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["people.id"],
            name=op.f("fk_approval_requests_decided_by_id_people"),
        ),
        sa.ForeignKeyConstraint(
            ["requester_id"],
            ["people.id"],
            name=op.f("fk_approval_requests_requester_id_people"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approval_requests")),
        sa.UniqueConstraint(
            "anonymous_token_hash", name=op.f("uq_approval_requests_anonymous_token_hash")
        ),
    )
    with op.batch_alter_table("approval_requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_approval_requests_queue", ["state", "approver_role"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_approval_requests_requester_id"), ["requester_id"], unique=False
        )

    op.create_table(
        "approval_request_events",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("request_id", sa.String(length=32), nullable=False),
        _when("at", nullable=False),
        sa.Column("actor_id", sa.String(length=32), nullable=True),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("from_state", sa.String(length=16), nullable=True),
        sa.Column("to_state", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["people.id"],
            name=op.f("fk_approval_request_events_actor_id_people"),
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["approval_requests.id"],
            name=op.f("fk_approval_request_events_request_id_approval_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approval_request_events")),
    )
    with op.batch_alter_table("approval_request_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_approval_request_events_request_id"), ["request_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("approval_request_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_approval_request_events_request_id"))
    op.drop_table("approval_request_events")
    with op.batch_alter_table("approval_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_approval_requests_requester_id"))
        batch_op.drop_index("ix_approval_requests_queue")
    op.drop_table("approval_requests")
