"""Disposing of the audit log's oldest entries up to a cut (issue 14).

The records disposition (``lanyard.records.retention.dispose``) decides the cut; this
module does the audit log's part inside the caller's transaction (the caller commits):
sign a checkpoint at the cut, and after the certificate is written, record the disposal
(``audit_disposals``, which the database's triggers read) and delete the entries up to
the cut. ``lanyard.audit.verify`` then starts the chain from the recorded cut, only when
the disposal row, the checkpoint signed at the cut and the certificate agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from lanyard.audit.anchoring import store_checkpoint
from lanyard.audit.checkpoint import Checkpoint, sign
from lanyard.audit.orm import AuditDisposal, AuditEntry

CERTIFICATE_PART = "audit"  # the certificate's ``types`` key that names the cut


def latest(session: Session) -> AuditDisposal | None:
    """The disposal the remaining chain starts from (the highest cut), if any."""
    found: AuditDisposal | None = session.scalars(
        select(AuditDisposal).order_by(AuditDisposal.through_seq.desc()).limit(1)
    ).first()
    return found


def checkpoint_of(disposal: AuditDisposal) -> Checkpoint:
    return Checkpoint(
        disposal.through_seq,
        disposal.head,
        disposal.checkpoint_at,
        disposal.mac_from,
        disposal.key_id,
        disposal.signature,
    )


def anchor_hash(session: Session, seq: int) -> str | None:
    """The hash of entry ``seq``: from the entry, or from the disposal that cut there."""
    found: str | None = session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == seq))
    if found is None:
        found = session.scalar(select(AuditDisposal.head).where(AuditDisposal.through_seq == seq))
    return found


def sign_cut(
    session: Session, *, key: Ed25519PrivateKey, through_seq: int, now: dt.datetime
) -> Checkpoint:
    """A checkpoint of entries 1..``through_seq``, signed now (the entry must exist)."""
    head = session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == through_seq))
    if head is None:
        raise ValueError(f"audit entry {through_seq} is missing")
    mac_from = session.scalar(select(func.min(AuditEntry.seq)).where(AuditEntry.mac.is_not(None)))
    return sign(key, seq=through_seq, head=head, at=now, mac_from=mac_from)


def certificate_part(checkpoint: Checkpoint, *, first_seq: int) -> dict[str, Any]:
    """What the certificate of destruction says of the cut (verify compares it)."""
    return {
        "first_seq": first_seq,
        "through_seq": checkpoint.seq,
        "head_hash": checkpoint.head,
        "checkpoint": checkpoint.to_line(),
    }


def apply(
    session: Session,
    *,
    checkpoint: Checkpoint,
    first_seq: int,
    certificate_seq: int,
    now: dt.datetime,
) -> int:
    """Record the disposal and delete entries up to the cut; how many went."""
    session.add(
        AuditDisposal(
            through_seq=checkpoint.seq,
            head=checkpoint.head,
            first_seq=first_seq,
            removed=checkpoint.seq - first_seq + 1,
            certificate_seq=certificate_seq,
            at=now,
            checkpoint_at=checkpoint.at,
            mac_from=checkpoint.mac_from,
            key_id=checkpoint.key_id,
            signature=checkpoint.signature,
        )
    )
    store_checkpoint(session, checkpoint)
    session.flush()
    result = session.execute(
        delete(AuditEntry)
        .where(AuditEntry.seq <= checkpoint.seq)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def entry_line(entry: AuditEntry) -> dict[str, Any]:
    """An entry as exports write it (enough to recompute its hash)."""
    return {
        "seq": entry.seq,
        "at": entry.at.astimezone(dt.UTC).isoformat(),
        "actor_id": entry.actor_id,
        "event": entry.event,
        "subject_type": entry.subject_type,
        "subject_id": entry.subject_id,
        "building_id": entry.building_id,
        "before": entry.before,
        "after": entry.after,
        "prev_hash": entry.prev_hash,
        "hash": entry.hash,
    }
