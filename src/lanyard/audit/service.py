"""Writing and verifying the hash-chained audit log."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Connection, Text, bindparam, cast, insert, select, text
from sqlalchemy.orm import Session

from lanyard.audit.batch import ChainTurns, Pending, turns_of
from lanyard.audit.keys import SESSION_INFO_KEY, mac
from lanyard.audit.orm import AuditEntry
from lanyard.crypto.keyring import KeyRing
from lanyard.db.hot import HotStatement, Step, commit_with, pipelined
from lanyard.db.session import ADVISORY_WRITE_LOCK, APPEND_ONLY_KEY, send_with_commit

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
    """The entry's hash, as verifying recomputes it from the stored row."""
    opening, closing = _hash_body(
        actor_id=entry.actor_id,
        at=entry.at,
        event=entry.event,
        subject_type=entry.subject_type,
        subject_id=entry.subject_id,
        building_id=entry.building_id,
        before_json=_dumps_sorted(entry.before),
        after_json=_dumps_sorted(entry.after),
    )
    return _hash(opening, prev_hash, entry.seq, closing)


def _hash_body(
    *,
    actor_id: str | None,
    at: dt.datetime,
    event: str,
    subject_type: str,
    subject_id: str | None,
    building_id: str | None,
    before_json: str | None,
    after_json: str | None,
) -> tuple[str, str]:
    """What an entry's hash covers, around its place in the chain (the previous hash and
    the sequence number, known only once the chain's lock is held): the JSON object of
    the entry's fields, keys sorted, no spaces. Appending and verifying both use it."""
    dumps = json.dumps
    opening = (
        f'{{"actor":{dumps(actor_id)},"after":{after_json or "null"},'
        f'"at":{dumps(at.astimezone(dt.UTC).isoformat())},"before":{before_json or "null"},'
        f'"building":{dumps(building_id)},"event":{dumps(event)},"prev":'
    )
    closing = f',"subject":{dumps([subject_type, subject_id], separators=(",", ":"))}}}'
    return opening, closing


def _hash(opening: str, prev_hash: str, seq: int, closing: str) -> str:
    body = f'{opening}{json.dumps(prev_hash)},"seq":{seq}{closing}'
    return hashlib.sha256(body.encode()).hexdigest()


def _dumps_sorted(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


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
    with_commit: bool = False,
) -> AuditEntry:
    """Append an entry inside the caller's transaction (the caller commits), and return it:
    not in the session (read its fields, not relationships). :func:`append_then_commit`
    appends one without making it."""
    values, before_plain, after_plain = _append(
        session, event=event, subject_type=subject_type, subject_id=subject_id, now=now,
        actor_id=actor_id, building_id=building_id, before=before, after=after,
        with_commit=with_commit,
    )  # fmt: skip
    return AuditEntry(**values | {"before": before_plain, "after": after_plain})


def append_then_commit(
    session: Session,
    *,
    event: AuditEvent,
    subject_type: str,
    subject_id: str | None,
    now: dt.datetime,
    actor_id: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """:func:`record` with ``with_commit=True``, for a caller that does not read the entry
    back (an ask): no ORM object is made for it. In a unit of work whose only write is this
    append (``db.uow(append_only=True)``) on PostgreSQL, the entry is committed when this
    returns, in one turn at the chain's lock with the other asks of this process that wait
    for it (:mod:`lanyard.audit.batch`); the caller's ``uow.commit()`` then ends its reads."""
    _append(
        session, event=event, subject_type=subject_type, subject_id=subject_id, now=now,
        actor_id=actor_id, building_id=None, before=before, after=after, with_commit=True,
        in_turns=bool(session.info.get(APPEND_ONLY_KEY)),
    )  # fmt: skip


def _append(
    session: Session,
    *,
    event: AuditEvent,
    subject_type: str,
    subject_id: str | None,
    now: dt.datetime,
    actor_id: str | None,
    building_id: str | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    with_commit: bool,
    in_turns: bool = False,
) -> tuple[dict[str, Any], dict[str, Any] | None, dict[str, Any] | None]:
    """Append an entry: its column values, and its content as plain JSON values.

    ``with_commit=True``: the caller commits next, with nothing run in between
    (``uow.commit()``); on PostgreSQL the entry's ``INSERT`` then goes to the server with
    the ``COMMIT``, one round trip while the chain's lock is held instead of two."""
    # The statements run on the transaction's connection, not through the session: they
    # read and write rows, not entities, and the ORM's execution cost more than running them.
    connection = session.connection()
    # What the caller has pending goes first (as the ORM's flush did); then the entry as
    # one plain INSERT: the ORM's unit of work for a single row costs more than the rest of
    # an append.
    if session.new or session.dirty or session.deleted:
        session.flush()
    # Everything but the chain's head is worked out before the lock: the JSON, once (the
    # text stored is the text hashed), and the body of the hash around the previous hash.
    (before_plain, before_json), (after_plain, after_json) = _canonical(before), _canonical(after)
    event_name = str(event)
    opening, closing = _hash_body(
        actor_id=actor_id,
        at=now,
        event=event_name,
        subject_type=subject_type,
        subject_id=subject_id,
        building_id=building_id,
        before_json=before_json,
        after_json=after_json,
    )
    keys = session.info.get(SESSION_INFO_KEY)

    def place(prev_hash: str, seq: int) -> dict[str, Any]:
        """The entry's column values once its place in the chain is known."""
        values: dict[str, Any] = {
            "seq": seq,
            "at": now,
            "actor_id": actor_id,
            "event": event_name,
            "subject_type": subject_type,
            "subject_id": subject_id,
            "building_id": building_id,
            "before": before_json,
            "after": after_json,
            "prev_hash": prev_hash,
            "hash": _hash(opening, prev_hash, seq, closing),
            "mac_key_id": None,
            "mac": None,
        }
        if isinstance(keys, KeyRing):
            values["mac_key_id"] = keys.current
            values["mac"] = mac(keys, keys.current, seq, values["hash"])
        return values

    postgresql = connection.dialect.name == "postgresql"
    if postgresql and in_turns:
        # An ask: its turn at the chain's lock is shared with the other asks of this
        # process waiting for it (lanyard.audit.batch); this returns once it is committed.
        turns = turns_of(connection.engine)
        values = turns.append(connection, Pending(place), partial(_write_turn, turns))
        return values, before_plain, after_plain
    if postgresql:
        # One writer at a time extends the chain; released when the transaction ends, after
        # its commit is visible, so the next holder reads the new head. A write unit of
        # work holds it already (it is re-entrant); an append-only one takes it here. The
        # lock and the head go together (one round trip): the head is read once the lock
        # is held, by a statement of its own, so it sees the last holder's commit.
        last = next(iter(pipelined(connection, _LOCK_THEN_HEAD)[1]), None)
    else:
        last = _HEAD.first(connection)
    values = place(*_after(last))
    statement = _INSERT_POSTGRESQL if postgresql else _INSERT_PLAIN
    if with_commit:
        send_with_commit(session, statement, values)
    else:
        statement.rows(connection, values)
    return values, before_plain, after_plain


def _write_turn(turns: ChainTurns, connection: Connection, batch: list[Pending]) -> None:
    """One turn at the chain's lock for ``batch`` and whatever queued behind it by the time
    the head is read: each entry placed after the one before, all committed together."""
    last = next(iter(pipelined(connection, _LOCK_THEN_HEAD)[1]), None)
    turns.take(batch)
    prev_hash, seq = _after(last)
    steps: list[Step] = []
    for pending in batch:
        pending.values = values = pending.place(prev_hash, seq)
        steps.append((_INSERT_POSTGRESQL, values))
        prev_hash, seq = values["hash"], seq + 1
    commit_with(connection, steps)


def _after(last: Any) -> tuple[str, int]:
    """The previous hash and the sequence number of the entry after the chain's head
    ``last`` (a row of :data:`_HEAD`, None for an empty chain)."""
    return (last.hash, last.seq + 1) if last else (GENESIS, 1)


# Run through the driver on PostgreSQL (lanyard.db.hot): every audited request runs them.
_CHAIN_LOCK = HotStatement(text(ADVISORY_WRITE_LOCK))
_HEAD = HotStatement(
    select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
)
_LOCK_THEN_HEAD = ((_CHAIN_LOCK, None), (_HEAD, None))
_TABLE = AuditEntry.__table__


def _insert(json_text: Callable[[str], Any]) -> HotStatement:
    """The entry's INSERT, its JSON columns bound to the text made once (what the hash
    covers), as ``json_text`` writes it for the database."""
    return HotStatement(
        insert(_TABLE).values(  # type: ignore[arg-type]
            {
                column.key: (
                    json_text(column.key)
                    if column.key in ("before", "after")
                    else bindparam(column.key, type_=column.type)
                )
                for column in _TABLE.columns
            }
        )
    )


# PostgreSQL casts the text to its json type; SQLite keeps the text as it is (its CAST to
# an unknown type would read the text as a number).
_INSERT_POSTGRESQL = _insert(lambda key: cast(bindparam(key, type_=Text()), JSON))
_INSERT_PLAIN = _insert(lambda key: bindparam(key, type_=Text()))


def _canonical(value: dict[str, Any] | None) -> tuple[dict[str, Any] | None, str | None]:
    """The value as plain JSON values (anything else as its text), and as the log keeps
    and hashes it: keys sorted, no spaces. Read back and written again it gives the same
    text (keys that were not strings are strings by then), which verifying recomputes."""
    if value is None:
        return None, None
    # Most values (an ask's decision, every time) are plain JSON already: then the round
    # trip through the text would give the same value and the same text, at four times
    # the cost of looking. The value itself is kept then, not a copy.
    plain: dict[str, Any] = (
        value if _is_plain(value) else json.loads(json.dumps(value, default=str))
    )
    return plain, _dumps_sorted(plain)


_PLAIN_LEAVES = (str, int, bool, float, type(None))


def _is_plain(value: Any) -> bool:
    """Whether ``value`` is JSON as :mod:`json` reads it back: dicts with string keys,
    lists, strings, numbers, booleans and None, of exactly those types (a tuple, an enum
    or a key that is not a string is not)."""
    kind = type(value)
    if kind is dict:
        for key, item in value.items():
            if type(key) is not str or not _is_plain(item):
                return False
        return True
    if kind is list:
        for item in value:
            if not _is_plain(item):
                return False
        return True
    return kind in _PLAIN_LEAVES


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
