"""Communication-audit use cases: import a message log, read findings, purge expired
metadata.

An import is one use case but not one database transaction: a day of a large district's
mail is millions of rows, and one transaction that long would hold the write lock (on
PostgreSQL, the audit chain's advisory lock) and block every other writer. So rows are
written in batches, each its own short transaction, under an import that stays
``running``; nothing reads the messages or findings of an import that is not
``complete``. The import completes in one short write transaction with its audit entry.
A refused or failed file removes every row it wrote and the import is marked ``failed``:
all or nothing, as seen by any reader. A file interrupted by a crash is cleaned up by the
next import of the same file (same SHA-256).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.orm import Session

from lanyard.audit.service import AuditEvent, record
from lanyard.config import Settings
from lanyard.connectors.messages import MessageRecord, connector
from lanyard.db.base import new_id
from lanyard.db.session import Database
from lanyard.messages.domain import (
    Directory,
    Evaluator,
    FindingKind,
    ReviewSettings,
    RuleFinding,
    Shape,
    VolumeCounter,
    is_late,
    one_student,
    shape_of,
)
from lanyard.messages.orm import Message, MessageFinding, MessageImport
from lanyard.messages.queries import load_directory
from lanyard.messages.solicitation import Mark, find_marks, solicited_situation
from lanyard.policy.decision import Verdict
from lanyard.policy.engine import decide_flat
from lanyard.policy.loader import Pack

BATCH = 5000
FOR_REVIEW = "for_review"
LATE_NIGHT = "late_night_one_to_one"
DAILY_VOLUME = "daily_volume_one_student"
SOLICITATION = "solicitation"


# ----------------------------------------------------------------------------- import


def review_settings(settings: Settings) -> ReviewSettings:
    """The patterns shown for review, from the ``LANYARD_MESSAGES_*`` settings."""
    start, end = (int(h) for h in settings.messages_late_hours.split("-"))
    return ReviewSettings(
        timezone=ZoneInfo(settings.time_zone),
        late_start_hour=start,
        late_end_hour=end,
        daily_volume=settings.messages_daily_volume,
    )


@dataclass
class ImportSummary:
    """What an import read and found (with ``dry_run``: would have written)."""

    file: str
    format: str
    dry_run: bool
    import_id: str | None = None
    messages: int = 0  # messages in the file (after skipping non-message events)
    new: int = 0
    duplicates: int = 0
    findings: int = 0
    by_rule: dict[str, int] = field(default_factory=dict)
    for_review: int = 0
    solicitations: int = 0
    situations: int = 0  # distinct situations decided
    # one-to-one messages the daily-volume pattern could not count (its memory bound)
    volume_uncounted: int = 0
    audit_seq: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "messages": self.messages,
            "new": self.new,
            "findings": self.findings,
            "by_rule": dict(sorted(self.by_rule.items())),
            "for_review": self.for_review,
            "solicitations": self.solicitations,
            "duplicates": self.duplicates,
            "situations": self.situations,
            "volume_uncounted": self.volume_uncounted,
            "dry_run": self.dry_run,
            "import_id": self.import_id,
        }


def message_key(source: str, message_id: str) -> str:
    return hashlib.sha256(f"{source}\x00{message_id}".encode()).hexdigest()


def file_digest(path: Path) -> str:
    """SHA-256 of a file, or of a folder's files (names and contents, in name order)."""
    digest = hashlib.sha256()
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    for file in files:
        if path.is_dir():
            digest.update(file.name.encode() + b"\x00")
        with file.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


@dataclass
class _Pending:
    """One batch's rows, ready to write."""

    # messages without findings: the values of _PLAIN but has_finding, in that order
    plain: list[tuple[Any, ...]] = field(default_factory=list)
    flagged: list[tuple[dict[str, Any], list[dict[str, Any]]]] = field(default_factory=list)


class _Auditor:
    """Turns records into rows and findings: resolution, situations, rules, patterns."""

    def __init__(
        self,
        *,
        directory: Directory,
        pack: Pack,
        review: ReviewSettings,
        import_id: str,
        now: dt.datetime,
        evaluator: Evaluator | None = None,
    ) -> None:
        self.directory = directory
        self.pack = pack
        self.review = review
        self.import_id = import_id
        self.now = now
        self.evaluator = evaluator or Evaluator(pack)
        self.volume = VolumeCounter(review)
        self._solicited: dict[tuple[Shape, str], tuple[str | None, str | None]] = {}

    def rows(self, rec: MessageRecord, key: str, summary: ImportSummary, into: _Pending) -> None:
        d = self.directory
        sender = d.resolve(rec.sender)
        recipients = [d.resolve(k) for k in rec.recipients]
        shape = shape_of(
            d,
            sender=sender,
            recipients=recipients,
            medium=rec.medium,
            platform=rec.platform,
            account=rec.account,
            sent_at=rec.sent_at,
        )
        actor = sender.person
        rules: tuple[RuleFinding, ...] = ()
        reviews: list[str] = []
        marks: tuple[Mark, ...] = ()
        if shape is not None and actor is not None:
            rules = self.evaluator.findings(shape)
            student = one_student(recipients)
            if student is not None and student.person is not None:
                if is_late(rec.sent_at, self.review):
                    reviews.append(LATE_NIGHT)
                if self.volume.add(actor.person_id, student.person.person_id, rec.sent_at):
                    reviews.append(DAILY_VOLUME)
            if rec.body and any(p.role == "student" for p in recipients):
                marks = find_marks(rec.body, d.domains)
        if not (rules or reviews or marks):
            into.plain.append(
                (
                    self.import_id,
                    key,
                    rec.source,
                    rec.sent_at,
                    actor.person_id if actor is not None else None,
                    rec.sender,
                    rec.medium,
                    rec.platform,
                    len(recipients),
                    [p.entry for p in recipients],
                )
            )
            return
        assert shape is not None and actor is not None
        teaches = None
        student = one_student(recipients)
        if student is not None and student.person is not None:
            day = rec.sent_at.astimezone(self.review.timezone).date()
            teaches = d.teaches(actor.person_id, student.person.person_id, day)
        base: dict[str, Any] = {
            "teaches": teaches,
            "import_id": self.import_id,
            "employee_id": actor.person_id,
            "building_id": actor.building_id,
            "sent_at": rec.sent_at,
            "pack_id": self.pack.id,
            "pack_hash": self.pack.content_hash,
            "status": "open",
            "created_at": self.now,
            "marks": None,
            "liftable": False,
            "needs_facts": [],
        }
        findings: list[dict[str, Any]] = []
        situation = shape.to_contract(self.pack.id) if rules else None
        for rule in rules:
            findings.append(
                {
                    **base,
                    "kind": FindingKind.VIOLATION,
                    "rule": rule.rule_id,
                    "verdict": rule.verdict,
                    "clause": rule.clause,
                    "quote": rule.quote,
                    "liftable": rule.liftable,
                    "needs_facts": list(rule.needs_facts),
                    "situation": situation,
                }
            )
            summary.by_rule[rule.rule_id] = summary.by_rule.get(rule.rule_id, 0) + 1
        summary.findings += len(rules)
        for name in reviews:
            findings.append(self._review(base, name))
        summary.for_review += len(reviews)
        if marks:
            clause, quote = self._solicited_clause(shape, marks[0].kind)
            findings.append(
                {
                    **base,
                    "kind": FindingKind.SOLICITATION,
                    "rule": SOLICITATION,
                    "verdict": FOR_REVIEW,
                    "clause": clause,
                    "quote": quote,
                    "marks": [m.to_dict() for m in marks],
                    "situation": None,
                }
            )
            summary.solicitations += 1
        row = {
            "import_id": self.import_id,
            "message_key": key,
            "source": rec.source,
            "sent_at": rec.sent_at,
            "sender_id": actor.person_id,
            "sender_key": rec.sender,
            "medium": rec.medium,
            "platform": rec.platform,
            "recipient_count": len(recipients),
            "recipients": [p.entry for p in recipients],
            "has_finding": True,
            "source_id": rec.message_id,
            "subject": rec.subject,
            "body": rec.body,
        }
        into.flagged.append((row, findings))

    def _review(self, base: dict[str, Any], rule: str) -> dict[str, Any]:
        return {
            **base,
            "kind": FindingKind.REVIEW,
            "rule": rule,
            "verdict": FOR_REVIEW,
            "clause": None,
            "quote": None,
            "situation": None,
        }

    def _solicited_clause(self, shape: Shape, kind: str) -> tuple[str | None, str | None]:
        """What the pack says of the channel the words ask for: its strongest clause."""
        cached = self._solicited.get((shape, kind))
        if cached is None:
            flat = solicited_situation(shape.situation(self.pack.id), kind)
            decision = decide_flat(self.pack, flat, explore=False)
            fired = [
                f for f in decision.fired if not f.possible and f.verdict is not Verdict.ALLOWED
            ]
            cached = (None, None)
            if fired:
                rule = next(r for r in self.pack.rules if r.rule.id == fired[0].rule_id)
                cached = (rule.citation.clause, rule.citation.quote)
            self._solicited[(shape, kind)] = cached
        return cached


def _batches(records: Iterator[MessageRecord], size: int) -> Iterator[list[MessageRecord]]:
    while True:
        batch = list(islice(records, size))
        if not batch:
            return
        yield batch


def _existing(db: Session | Connection, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), 900):  # under SQLite's bound-parameter limit
        chunk = keys[start : start + 900]
        found.update(db.scalars(select(Message.message_key).where(Message.message_key.in_(chunk))))
    return found


def _keyed(
    batch: Iterable[MessageRecord], directory: Directory, summary: ImportSummary
) -> dict[str, MessageRecord]:
    """A batch's messages by idempotency key: inbound events the sender's own "sent" event
    covers, and repeats within the batch, left out."""
    keyed: dict[str, MessageRecord] = {}
    for rec in batch:
        if rec.inbound and directory.is_district(rec.sender):
            continue  # the sender's own "sent" event covers it
        key = message_key(rec.source, rec.message_id)
        if key in keyed:
            continue
        summary.messages += 1
        keyed[key] = rec
    return keyed


def _evaluate(
    auditor: _Auditor,
    keyed: Mapping[str, MessageRecord],
    existing: set[str],
    summary: ImportSummary,
) -> _Pending:
    pending = _Pending()
    for key, rec in keyed.items():
        if key in existing:
            summary.duplicates += 1
            continue
        summary.new += 1
        auditor.rows(rec, key, summary, pending)
    return pending


def _write(db: Database, pending: _Pending) -> None:
    """One batch in one short transaction (no write lock: these rows are invisible until
    their import completes)."""
    with db.engine.begin() as conn:
        _write_rows(conn, pending)


def _write_rows(conn: Connection, pending: _Pending) -> None:
    if pending.plain:
        _bulk_messages(conn, pending.plain)
    if pending.flagged:
        ids = conn.execute(
            insert(Message).returning(Message.id, sort_by_parameter_order=True),
            [row for row, _ in pending.flagged],
        ).scalars()
        findings: list[dict[str, Any]] = []
        for message_id, (_, found) in zip(ids, pending.flagged, strict=True):
            for f in found:
                findings.append({**f, "id": new_id(), "message_id": message_id})
        conn.execute(insert(MessageFinding), findings)


# The columns of a message without a finding, in the order the bulk insert writes them.
_PLAIN = (
    "import_id",
    "message_key",
    "source",
    "sent_at",
    "sender_id",
    "sender_key",
    "medium",
    "platform",
    "recipient_count",
    "recipients",
    "has_finding",
)


def _sqlite_time(value: dt.datetime) -> str:
    # SQLAlchemy's storage format for DateTime on SQLite (what UTCDateTime reads back)
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _bulk_messages(conn: Connection, rows: list[tuple[Any, ...]]) -> None:
    """Messages without findings straight to the driver's executemany: the bulk of an
    import, where the ORM's per-row parameter processing would cost more than the write.
    Values are converted here as the column types would (UTC times, JSON text)."""
    dialect = conn.dialect.name
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO messages ({', '.join(_PLAIN)}) VALUES ({', '.join([mark] * len(_PLAIN))})"
    dumps = json.dumps
    if dialect == "sqlite":
        params = [(*r[:3], _sqlite_time(r[3]), *r[4:9], dumps(r[9]), 0) for r in rows]
    else:
        params = [(*r[:9], dumps(r[9]), False) for r in rows]
    conn.exec_driver_sql(sql, params)


def _discard(session: Session, import_ids: Iterable[str]) -> None:
    ids = list(import_ids)
    if not ids:
        return
    session.execute(delete(MessageFinding).where(MessageFinding.import_id.in_(ids)))
    session.execute(delete(Message).where(Message.import_id.in_(ids)))


def import_messages(
    *,
    db: Database,
    path: Path,
    format: str,
    pack: Pack,
    review: ReviewSettings,
    now: dt.datetime,
    actor_id: str | None = None,
    dry_run: bool = False,
    district_domains: Iterable[str] = (),
    platform_ids: Mapping[str, str] | None = None,
    batch_size: int = BATCH,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Import one message-log file (see the module): streamed, idempotent by message id,
    all or nothing. Raises :class:`~lanyard.connectors.messages.MessageLogError` naming
    file, line and field; nothing is left behind."""
    reader = connector(format)  # KeyError names the formats there are
    summary = ImportSummary(file=path.name, format=format, dry_run=dry_run)
    digest = file_digest(path)
    with db.uow() as uow:
        directory = load_directory(
            uow.session, extra_domains=district_domains, platform_ids=platform_ids
        )
    import_id = new_id()
    if not dry_run:
        _start(
            db,
            import_id,
            path=path,
            format=format,
            digest=digest,
            pack=pack,
            now=now,
            actor_id=actor_id,
        )
        summary.import_id = import_id
    auditor = _Auditor(directory=directory, pack=pack, review=review, import_id=import_id, now=now)
    seen_in_dry_run: set[str] = set()
    try:
        for batch in _batches(reader.read(path), batch_size):
            keyed = _keyed(batch, directory, summary)
            with db.uow() as uow:
                existing = _existing(uow.session, list(keyed))
            if dry_run:
                existing |= seen_in_dry_run & keyed.keys()
                seen_in_dry_run.update(keyed)
            pending = _evaluate(auditor, keyed, existing, summary)
            if not dry_run:
                _write(db, pending)
            if progress is not None:
                progress(len(batch))
    except BaseException:
        if not dry_run:
            _fail(db, import_id, now)
        raise
    summary.situations = auditor.evaluator.decided
    summary.volume_uncounted = auditor.volume.uncounted
    if not dry_run:
        _complete(
            db,
            import_id,
            summary,
            path=path,
            format=format,
            digest=digest,
            now=now,
            actor_id=actor_id,
        )
    return summary


def _start(
    db: Database,
    import_id: str,
    *,
    path: Path,
    format: str,
    digest: str,
    pack: Pack,
    now: dt.datetime,
    actor_id: str | None,
) -> None:
    """Clean up what an interrupted import of the same file left, and open this one as
    ``running``."""
    with db.uow(write=True) as uow:
        stale = list(
            uow.session.scalars(
                select(MessageImport.id).where(
                    MessageImport.file_sha256 == digest, MessageImport.status != "complete"
                )
            )
        )
        _discard(uow.session, stale)
        uow.session.execute(delete(MessageImport).where(MessageImport.id.in_(stale)))
        uow.session.add(
            MessageImport(
                id=import_id,
                format=format,
                file_name=path.name[:255],
                file_sha256=digest,
                status="running",
                started_at=now,
                actor_id=actor_id,
                pack_id=pack.id,
                pack_hash=pack.content_hash,
                counts={},
            )
        )
        uow.commit()


def _fail(db: Database, import_id: str, now: dt.datetime) -> None:
    """Mark the import failed and remove every row it wrote (the status changes first, in
    the same transaction, so a Celery chunk committing at the same moment sees it)."""
    with db.uow(write=True) as uow:
        uow.session.execute(
            update(MessageImport)
            .where(MessageImport.id == import_id)
            .values(status="failed", finished_at=now)
        )
        _discard(uow.session, [import_id])
        uow.commit()


def _complete(
    db: Database,
    import_id: str,
    summary: ImportSummary,
    *,
    path: Path,
    format: str,
    digest: str,
    now: dt.datetime,
    actor_id: str | None,
) -> None:
    with db.uow(write=True) as uow:
        counts = summary.to_dict()
        uow.session.execute(
            update(MessageImport)
            .where(MessageImport.id == import_id)
            .values(status="complete", finished_at=now, counts=counts)
        )
        entry = record(
            uow.session,
            event=AuditEvent.MESSAGES_IMPORTED,
            subject_type="message_import",
            subject_id=import_id,
            now=now,
            actor_id=actor_id,
            after={"file": path.name, "format": format, "sha256": digest, **counts},
        )
        summary.audit_seq = entry.seq
        uow.commit()
