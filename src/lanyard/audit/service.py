"""Writing and verifying the hash-chained audit log."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from lanyard.audit.keys import SESSION_INFO_KEY, mac
from lanyard.audit.orm import AuditEntry
from lanyard.crypto.keyring import KeyRing
from lanyard.db.hot import HotStatement
from lanyard.db.session import WRITE_LOCK_KEY

if TYPE_CHECKING:
    from lanyard.audit.verify import CheckpointProblem

GENESIS = "0" * 64


class AuditEvent(StrEnum):
    """Event names, ``subject:action``; never reused for another meaning."""

    DIRECTORY_IMPORTED = "directory:imported"
    DIRECTORY_IMPORT_UNDONE = "directory:import_undone"
    PERSON_VIEWED = "person:viewed"
    PERSON_ROLE_GRANTED = "person:role_granted"
    PERSON_ROLE_REVOKED = "person:role_revoked"
    ACCOUNT_CREATED = "account:created"
    ACCOUNT_SIGNED_IN = "account:signed_in"
    ACCOUNT_SIGN_IN_FAILED = "account:sign_in_failed"
    ACCOUNT_SIGNED_OUT = "account:signed_out"
    ACCOUNT_PASSWORD_CHANGED = "account:password_changed"
    APPROVAL_RECORDED = "approval:recorded"
    DISCLOSURE_RECORDED = "disclosure:recorded"
    DECISION_ASKED = "decision:asked"
    AUDIT_VERIFIED = "audit:verified"
    DEMO_SEEDED = "demo:seeded"
    # -- requests, approvals and disclosures (issue 4): add below this line
    REQUEST_DRAFTED = "request:drafted"
    REQUEST_EDITED = "request:edited"
    REQUEST_SUBMITTED = "request:submitted"
    REQUEST_APPROVED = "request:approved"
    REQUEST_DENIED = "request:denied"
    REQUEST_RETURNED = "request:returned"
    REQUEST_RESUBMITTED = "request:resubmitted"
    REQUEST_WITHDRAWN = "request:withdrawn"
    REQUEST_EXPIRED = "request:expired"
    REQUEST_REMINDED = "request:reminded"
    REQUEST_FOLLOWED_UP = "request:followed_up"
    REQUEST_VIEWED = "request:viewed"
    DISCLOSURE_WITHDRAWN = "disclosure:withdrawn"
    DISCLOSURE_VIEWED = "disclosure:viewed"
    # -- reports and cases (issue 4): add below this line
    CASE_OPENED = "case:opened"
    CASE_VIEWED = "case:viewed"
    CASE_ACKNOWLEDGED = "case:acknowledged"
    CASE_NOTE_ADDED = "case:note_added"
    CASE_FILE_ATTACHED = "case:file_attached"
    CASE_FILE_DOWNLOADED = "case:file_downloaded"
    CASE_ESCALATED = "case:escalated"
    CASE_CLOSED = "case:closed"
    CONTACT_ATTEMPT_RECORDED = "contact_attempt:recorded"
    MANDATED_DUTY_SHOWN = "mandated_duty:shown"
    # -- official accounts and credential escrow (issue 4): add below this line
    OFFICIAL_ACCOUNT_REGISTERED = "official_account:registered"
    OFFICIAL_ACCOUNT_UPDATED = "official_account:updated"
    OFFICIAL_ACCOUNT_MANAGER_ADDED = "official_account:manager_added"
    OFFICIAL_ACCOUNT_MANAGER_REMOVED = "official_account:manager_removed"
    OFFICIAL_ACCOUNT_DEACTIVATED = "official_account:deactivated"
    ESCROW_DEPOSITED = "escrow:deposited"
    ESCROW_REVEALED = "escrow:revealed"
    ESCROW_MARKED_STALE = "escrow:marked_stale"
    ESCROW_ROTATED = "escrow:rotated"
    # -- comment moderation and archive (issue 5): add below this line
    COMMENTS_INGESTED = "comments:ingested"
    COMMENT_ARCHIVED = "comment:archived"
    COMMENT_KEPT = "comment:kept"
    COMMENT_HIDDEN = "comment:hidden"
    COMMENT_DELETED = "comment:deleted"
    COMMENT_ESCALATED = "comment:escalated"
    COMMENT_REPORTED = "comment:reported"
    COMMENT_ARCHIVE_EXPORTED = "comment_archive:exported"
    COMMENT_ASSIGNED = "comment:assigned"  # issue 9: the queue's assignment
    # -- acting on the platforms (issue 9): add below this line
    COMMENT_RESTORED = "comment:restored"
    COMMENT_REPLIED = "comment:replied"
    PLATFORM_ACTION_DONE = "platform_action:done"
    PLATFORM_ACTION_FAILED = "platform_action:failed"
    PLATFORM_TOKEN_DEPOSITED = "platform_token:deposited"
    PLATFORM_TOKEN_REFRESHED = "platform_token:refreshed"
    PLATFORM_TOKEN_REFRESH_FAILED = "platform_token:refresh_failed"
    WEBHOOK_SECRET_SET = "webhook_secret:set"
    # -- hardening (issue 10): add below this line
    SESSIONS_REVOKED = "session:revoked"
    # -- communication audit (issue 12): add below this line
    MESSAGES_IMPORTED = "messages:imported"
    MESSAGES_PURGED = "messages:purged"
    MESSAGE_FINDINGS_READ = "message_findings:read"
    KNOWN_ADDRESSES_IMPORTED = "known_addresses:imported"
    MESSAGE_FINDING_DISMISSED = "message_finding:dismissed"
    MESSAGE_FINDING_CASE_OPENED = "message_finding:case_opened"
    MESSAGE_FINDINGS_EXPORTED = "message_findings:exported"
    # -- acknowledgments (issue 14): add below this line
    ACK_CAMPAIGN_OPENED = "ack_campaign:opened"
    ACK_CAMPAIGN_CLOSED = "ack_campaign:closed"
    ACK_CAMPAIGN_ASSIGNED = "ack_campaign:assigned"
    ACK_CAMPAIGN_REMINDED = "ack_campaign:reminded"
    ACK_CAMPAIGN_ESCALATED = "ack_campaign:escalated"
    ACK_COMPLETION_EXPORTED = "ack_completion:exported"
    POLICY_ACKNOWLEDGED = "policy:acknowledged"
    POLICY_REVIEW_RECORDED = "policy_review:recorded"
    # -- pre-publication check (issue 13): add below this line
    CONSENTS_IMPORTED = "consents:imported"
    PREPUB_CHECKED = "prepub:checked"
    CONSENTS_CHANGED = "consents:changed"
    CONSENTS_VIEWED = "consents:viewed"
    # face recognition (issue 13): never a template in an entry, only that one was made
    BIOMETRIC_CONSENT_RECORDED = "biometric_consent:recorded"
    BIOMETRIC_CONSENT_WITHDRAWN = "biometric_consent:withdrawn"
    FACE_TEMPLATE_ENROLLED = "face_template:enrolled"
    FACE_TEMPLATES_PURGED = "face_templates:purged"
    FACE_TEMPLATE_ROTATED = "face_template:rotated"
    # -- records (issue 14): add below this line
    RECORDS_EXPORTED = "records:exported"
    LEGAL_HOLD_PLACED = "legal_hold:placed"
    LEGAL_HOLD_LIFTED = "legal_hold:lifted"
    RETENTION_SET = "retention:set"
    RECORDS_DISPOSED = "records:disposed"
    RECORDS_EXPORT_DOWNLOADED = "records_export:downloaded"
    RECORDS_EXPORT_EXPIRED = "records_export:expired"


def _digest(prev_hash: str, entry: AuditEntry) -> str:
    body = json.dumps(
        {
            "prev": prev_hash,
            "seq": entry.seq,
            "at": entry.at.astimezone(dt.UTC).isoformat(),
            "actor": entry.actor_id,
            "event": entry.event,
            "subject": [entry.subject_type, entry.subject_id],
            "building": entry.building_id,
            "before": entry.before,
            "after": entry.after,
        },
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(body.encode()).hexdigest()


def record(
    session: Session,
    *,
    event: AuditEvent,
    subject_type: str,
    subject_id: str | None,
    now: dt.datetime,
    actor_id: str | None = None,
    building_id: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append an entry inside the caller's transaction (the caller commits)."""
    # The statements run on the transaction's connection, not through the session: they
    # read and write rows, not entities, and the ORM's execution cost more than running them.
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        # One writer at a time extends the chain; released when the transaction ends, after
        # its commit is visible, so the next holder reads the new head. A write unit of
        # work holds it already (it is re-entrant); an append-only one takes it here.
        _CHAIN_LOCK.rows(connection, {"key": WRITE_LOCK_KEY})
    # What the caller has pending goes first (as the ORM's flush did before the head was
    # read); then the entry as one plain INSERT: the ORM's unit of work for a single row
    # costs more than the rest of an append. The entry returned is not in the session (read
    # its fields, not relationships).
    if session.new or session.dirty or session.deleted:
        session.flush()
    last = _HEAD.first(connection)
    prev_hash, seq = (last.hash, last.seq + 1) if last else (GENESIS, 1)
    entry = AuditEntry(
        seq=seq,
        at=now,
        actor_id=actor_id,
        event=str(event),
        subject_type=subject_type,
        subject_id=subject_id,
        building_id=building_id,
        before=_jsonable(before),
        after=_jsonable(after),
        prev_hash=prev_hash,
    )
    entry.hash = _digest(prev_hash, entry)
    keys = session.info.get(SESSION_INFO_KEY)
    if isinstance(keys, KeyRing):
        entry.mac_key_id = keys.current
        entry.mac = mac(keys, keys.current, seq, entry.hash)
    connection.execute(_INSERT, {column: getattr(entry, column) for column in _COLUMNS})
    return entry


# Run through the driver on PostgreSQL (lanyard.db.hot): every audited request runs them.
_CHAIN_LOCK = HotStatement(text("SELECT pg_advisory_xact_lock(:key)"))
_HEAD = HotStatement(
    select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
)
_INSERT = insert(AuditEntry.__table__)  # type: ignore[arg-type]
_COLUMNS = tuple(column.key for column in AuditEntry.__table__.columns)


def _jsonable(value: dict[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    parsed: dict[str, Any] = json.loads(json.dumps(value, default=str, sort_keys=True))
    return parsed


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    message: str
    last: int | None = None  # a range of entries: seq..last

    def __str__(self) -> str:
        if self.last is not None and self.last != self.seq:
            return f"entries {self.seq}-{self.last}: {self.message}"
        return f"entry {self.seq}: {self.message}"


def _entries(session: Session) -> Iterator[AuditEntry]:
    yield from session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).yield_per(1000)


def verify(session: Session) -> tuple[int, list[ChainProblem | CheckpointProblem]]:
    """Walk the chain (and the MACs when the session carries the key); return how many
    entries were checked and every break found. See :func:`lanyard.audit.verify.verify_log`
    for checkpoints and notes."""
    from lanyard.audit.verify import verify_log

    result = verify_log(session)
    return result.count, list(result.problems)
