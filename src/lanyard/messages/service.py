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

import contextlib
import datetime as dt
import gc
import hashlib
import json
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Generator, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, and_, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lanyard.audit.service import AuditEvent, record
from lanyard.config import Settings
from lanyard.connectors.messages import MessageRecord, connector
from lanyard.connectors.messages.base import MessageConnector
from lanyard.db.base import new_id
from lanyard.db.session import Database
from lanyard.messages.domain import (
    Directory,
    Evaluator,
    FindingKind,
    ReviewSettings,
    RuleFinding,
    Shape,
    ShapeIndex,
    VolumeCounter,
    is_late,
    one_student,
    possible_entry,
)
from lanyard.messages.orm import Message, MessageFinding, MessageImport
from lanyard.messages.queries import load_directory
from lanyard.messages.solicitation import Mark, find_marks, solicited_situation
from lanyard.policy.decision import Verdict
from lanyard.policy.engine import decide_flat
from lanyard.policy.loader import Pack

if TYPE_CHECKING:
    from lanyard.messages.stages import Record, Stages

BATCH = 5000
# the import's writing connection on SQLite checkpoints its write-ahead log this often
# (pages of 4 kB; SQLite's default is 1,000): see _Writer
CHECKPOINT_PAGES = 50000
# files at least this large are read and evaluated in a second process (a few seconds' work)
PARALLEL_BYTES = 8 << 20
MAX_DECIDED = 200_000  # shape keys whose decision an import keeps
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
    processes: int = 1  # the processes the import ran in (3: read, evaluate, write)

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


def key_hash(key: str) -> int:
    """A message key's first 8 bytes as a signed 64-bit integer: ``messages.message_hash``
    (PostgreSQL computes the same as ``('x' || substr(key, 1, 16))::bit(64)::bigint``)."""
    number = int(key[:16], 16)
    return number - (1 << 64) if number >= 1 << 63 else number


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

    # messages without findings: the values of _PLAIN in that order, as the driver takes
    # them (recipients as JSON text; on SQLite the time as SQLAlchemy stores it, see
    # _Auditor), by message_hash (an unnumbered message last)
    plain: list[tuple[Any, ...]] = field(default_factory=list)
    flagged: list[tuple[dict[str, Any], list[dict[str, Any]]]] = field(default_factory=list)
    earliest: dt.datetime | None = None  # the earliest time among them


class _Auditor:
    """Turns records into rows and findings: resolution, situations, rules, patterns.

    With ``text_times`` (an import into SQLite) a message without findings carries its time
    as the text SQLite stores: the row goes to the driver as it is built, and no time
    object is handed from the evaluating process to the writing one."""

    def __init__(
        self,
        *,
        directory: Directory,
        pack: Pack,
        review: ReviewSettings,
        import_id: str,
        now: dt.datetime,
        evaluator: Evaluator | None = None,
        text_times: bool = False,
    ) -> None:
        self.text_times = text_times
        self.directory = directory
        self.pack = pack
        self.review = review
        self.import_id = import_id
        self.now = now
        self.evaluator = evaluator or Evaluator(pack)
        self.volume = VolumeCounter(review)
        self.shapes = ShapeIndex(directory)
        self._decided: dict[Hashable, tuple[Shape, tuple[RuleFinding, ...]]] = {}
        self._solicited: dict[tuple[Shape, str], tuple[str | None, str | None]] = {}

    def rows(
        self,
        rec: MessageRecord | Record,
        key: str,
        number: int | None,
        summary: ImportSummary,
        into: _Pending,
    ) -> None:
        sender = self.directory.resolve(rec.sender)
        actor = sender.person
        recipients, shape_key = self.shapes.resolve_and_key(
            sender=sender,
            recipients=rec.recipients,
            medium=rec.medium,
            platform=rec.platform,
            account=rec.account,
            sent_at=rec.sent_at,
        )
        shape: Shape | None = None
        rules: tuple[RuleFinding, ...] = ()
        reviews: list[str] = []
        marks: tuple[Mark, ...] = ()
        if shape_key is not None:
            decided = self._decided.get(shape_key)
            if decided is None:
                shape = self.shapes.shape(shape_key)
                decided = (shape, self.evaluator.findings(shape))
                if len(self._decided) < MAX_DECIDED:
                    self._decided[shape_key] = decided
            shape, rules = decided
            assert actor is not None
            if len(recipients) == 1:
                only = recipients[0]
                if only.role == "student" and only.person is not None:
                    # in local time once: both take it as it is (astimezone to its own zone)
                    local = rec.sent_at.astimezone(self.review.timezone)
                    if is_late(local, self.review):
                        reviews.append(LATE_NIGHT)
                    if self.volume.add(actor.person_id, only.person.person_id, local):
                        reviews.append(DAILY_VOLUME)
            if rec.body and any(p.role == "student" for p in recipients):
                marks = find_marks(rec.body, self.directory.domains)
        sent = rec.sent_at
        if into.earliest is None or sent < into.earliest:
            into.earliest = sent
        if not (rules or reviews or marks):
            into.plain.append(
                (
                    self.import_id,
                    key,
                    number,
                    rec.source,
                    _sqlite_time(sent) if self.text_times else sent,
                    actor.person_id if actor is not None else None,
                    rec.sender,
                    rec.medium,
                    rec.platform,
                    len(recipients),
                    "[" + ", ".join([p.entry_json for p in recipients]) + "]",
                    False,
                )
            )
            return
        d = self.directory
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
            if rule.possible:
                # a rule that could apply, on facts the log cannot show: for review
                findings.append(
                    {
                        **base,
                        "kind": FindingKind.REVIEW,
                        "rule": rule.rule_id,
                        "verdict": FOR_REVIEW,
                        "clause": rule.clause,
                        "quote": rule.quote,
                        "needs_facts": list(rule.needs_facts),
                        "situation": {
                            **(situation or {}),
                            "possible": possible_entry(rule),
                        },
                    }
                )
                summary.for_review += 1
                continue
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
            summary.findings += 1
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
            "message_hash": number,
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


@dataclass
class _Known:
    """What the database holds of a batch's keys: the keys already written, and the
    numbers (``message_hash``) other keys already have, which a new key with the same
    number cannot take (it is then written without one)."""

    keys: set[str] = field(default_factory=set)
    numbers: set[int] = field(default_factory=set)


def _existing(db: Session | Connection, numbered: Mapping[str, int]) -> _Known:
    """Which of the keys of ``numbered`` (each key with its number, :func:`numbered`) are
    written, by their numbers' unique index (and the few messages written without a number,
    by their key's)."""
    known = _Known()
    if not numbered:
        return known
    keys = list(numbered)
    numbers = list(numbered.values())
    rows: Iterable[tuple[int | None, str]]
    # one query with the keys as one value, not statements of 900 parameters to build
    if isinstance(db, Connection) and db.dialect.driver == "psycopg":
        rows = db.exec_driver_sql(
            "SELECT message_hash, message_key FROM messages WHERE message_hash = ANY(%s)"
            " UNION ALL SELECT NULL, message_key FROM messages"
            " WHERE message_hash IS NULL AND message_key = ANY(%s)",
            (numbers, keys),
        ).all()
    elif isinstance(db, Connection) and db.dialect.name == "sqlite" and _SQLITE_JSON:
        rows = db.exec_driver_sql(
            "SELECT message_hash, message_key FROM messages"
            " WHERE message_hash IN (SELECT value FROM json_each(?))"
            " UNION ALL SELECT NULL, message_key FROM messages"
            " WHERE message_hash IS NULL AND message_key IN (SELECT value FROM json_each(?))",
            (json.dumps(numbers), json.dumps(keys)),
        ).all()
    else:
        found: list[tuple[int | None, str]] = []
        for start in range(0, len(keys), 450):  # under SQLite's bound-parameter limit
            chunk = slice(start, start + 450)
            found.extend(
                db.execute(
                    select(Message.message_hash, Message.message_key).where(
                        or_(
                            Message.message_hash.in_(numbers[chunk]),
                            and_(
                                Message.message_hash.is_(None),
                                Message.message_key.in_(keys[chunk]),
                            ),
                        )
                    )
                ).all()
            )
        rows = found
    wanted = set(keys)
    for number, key in rows:
        if key in wanted:
            known.keys.add(key)
        elif number is not None:
            known.numbers.add(number)  # another message's: the same first 8 bytes
    return known


def _sqlite_has_json() -> bool:
    try:
        sqlite3.connect(":memory:").execute("SELECT value FROM json_each('[]')").close()
    except sqlite3.Error:
        return False
    return True


_SQLITE_JSON = _sqlite_has_json()  # json_each: built in since SQLite 3.38


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
    keyed: Mapping[str, MessageRecord | Record],
    known: _Known,
    summary: ImportSummary,
    numbers: Mapping[str, int],
) -> _Pending:
    """The rows of a batch's new messages. Each takes its key's number (``numbers``) unless
    another message has it (``known.numbers``, to which the numbers taken here are added);
    the messages without findings are sorted by it, so that the index is written in order."""
    pending = _Pending()
    taken = known.numbers
    unnumbered = False
    for key, rec in keyed.items():
        if key in known.keys:
            summary.duplicates += 1
            continue
        summary.new += 1
        number = numbers[key]
        if number in taken:  # another message's (about one pair in 10^19): none
            auditor.rows(rec, key, None, summary, pending)
            unnumbered = True
            continue
        taken.add(number)
        auditor.rows(rec, key, number, summary, pending)
    pending.plain.sort(key=_by_number if unnumbered else _number)
    return pending


_number = itemgetter(2)  # a plain row's message_hash


def numbered(keys: Iterable[str]) -> dict[str, int]:
    """Each message key with its number (:func:`key_hash`), worked out once per batch for
    both the lookup of what is written and the rows to write."""
    return {key: key_hash(key) for key in keys}


def _by_number(row: tuple[Any, ...]) -> tuple[bool, int]:
    return (row[2] is None, row[2] or 0)


class _Writer:
    """Writes an import's batches on one connection, each batch in one short transaction
    (no write lock: these rows are invisible until their import completes).

    On SQLite the connection commits without waiting for the disk (``synchronous=NORMAL``
    under WAL: a crash may lose the last batches, never corrupt the file, and a lost batch
    belongs to an import that never completes, which the next import of the file cleans
    up; the import's completion is committed on another connection, fully synced, and
    syncs everything before it), keeps a larger page cache for the message-key index, and
    copies the write-ahead log into the file every ``CHECKPOINT_PAGES`` pages instead of
    SQLite's 1,000 (a batch changes about a page a message once the key's index is large,
    so SQLite's default copied the log back after every batch); all three are put back
    when the import ends."""

    def __init__(self, db: Database) -> None:
        self.conn = db.engine.connect()
        self.first_sent_at: dt.datetime | None = None  # of the messages written
        self._restore: list[str] = []
        if self.conn.dialect.name == "sqlite":
            for pragma, value in (
                ("synchronous", "NORMAL"),
                ("cache_size", "-65536"),
                ("wal_autocheckpoint", str(CHECKPOINT_PAGES)),
            ):
                before = self.conn.exec_driver_sql(f"PRAGMA {pragma}").scalar()
                self._restore.append(f"PRAGMA {pragma}={before}")
                self.conn.exec_driver_sql(f"PRAGMA {pragma}={value}")
            self.conn.commit()

    def write(self, pending: _Pending) -> None:
        with self.conn.begin():
            self.first_sent_at = _earliest(self.first_sent_at, _write_rows(self.conn, pending))

    def close(self) -> None:
        try:
            for statement in self._restore:
                self.conn.exec_driver_sql(statement)
            if self._restore:
                self.conn.commit()
        finally:
            self.conn.close()


def _write_rows(conn: Connection, pending: _Pending) -> dt.datetime | None:
    """Write one batch's messages and findings; returns the earliest time among them
    (the import's ``first_sent_at``: the retention purge finds old messages through it)."""
    if pending.plain:
        _bulk_messages(conn, _plain_params(conn.dialect, pending.plain))
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
    return pending.earliest


def _earliest(*times: dt.datetime | None) -> dt.datetime | None:
    known = [t for t in times if t is not None]
    return min(known) if known else None


# The columns of a message without a finding, in the order the bulk insert writes them,
# with the PostgreSQL types a binary COPY sends each value as (benchmarks/messages_copy.py
# COPYs the same columns).
PLAIN_COPY_TYPES = {
    "import_id": "varchar",
    "message_key": "varchar",
    "message_hash": "int8",
    "source": "varchar",
    "sent_at": "timestamptz",
    "sender_id": "varchar",
    "sender_key": "varchar",
    "medium": "varchar",
    "platform": "varchar",
    "recipient_count": "int4",
    "recipients": "text",  # JSON text, sent as is (a json dumper would quote it again)
    "has_finding": "bool",
}
_PLAIN = tuple(PLAIN_COPY_TYPES)


def _sqlite_time(value: dt.datetime) -> str:
    # SQLAlchemy's storage format for DateTime on SQLite (what UTCDateTime reads back):
    # "%Y-%m-%d %H:%M:%S.%f", which isoformat writes faster than strftime; a UTC time
    # (as every reader gives) only loses its "+00:00"
    if value.tzinfo is dt.UTC:
        return value.isoformat(" ", "microseconds")[:26]
    return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _copies(dialect: Any) -> bool:
    """Whether the driver takes the messages by COPY (psycopg on PostgreSQL)."""
    return bool(dialect.name == "postgresql" and dialect.driver == "psycopg")


def _plain_params(dialect: Any, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Messages without findings as the driver takes them: as built, unless their times
    are time objects and the database is SQLite (an auditor without ``text_times``)."""
    if dialect.name == "sqlite" and not isinstance(rows[0][4], str):
        return [(*r[:4], _sqlite_time(r[4]), *r[5:]) for r in rows]
    return rows


def _bulk_messages(conn: Connection, params: list[tuple[Any, ...]]) -> None:
    """Messages without findings straight to the driver (COPY on PostgreSQL with psycopg,
    executemany elsewhere): the bulk of an import, where the ORM's per-row parameter
    processing would cost more than the write."""
    columns = ", ".join(_PLAIN)
    if _copies(conn.dialect):
        # one statement for the batch instead of one INSERT a row, in binary: no text to
        # format here or to parse in the server (about a third less CPU here, a little
        # less in the server, benchmarks/messages.py)
        import psycopg

        raw: Any = conn.connection.dbapi_connection
        try:
            with (
                raw.cursor() as cursor,
                cursor.copy(f"COPY messages ({columns}) FROM STDIN (FORMAT BINARY)") as copy,
            ):
                copy.set_types(list(PLAIN_COPY_TYPES.values()))
                for r in params:
                    copy.write_row(r)
        except psycopg.errors.IntegrityError as exc:
            # the driver's own error, past SQLAlchemy: raised as SQLAlchemy's, as an INSERT's
            # would be, so a chunk that meets another chunk's message ids is run again
            raise IntegrityError("COPY messages", None, exc) from exc
        return
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO messages ({columns}) VALUES ({', '.join([mark] * len(_PLAIN))})"
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
    parallel: bool | None = None,
) -> ImportSummary:
    """Import one message-log file (see the module): streamed, idempotent by message id,
    all or nothing. Raises :class:`~lanyard.connectors.messages.MessageLogError` naming
    file, line and field; nothing is left behind.

    With ``parallel`` (by default: a file of at least ``PARALLEL_BYTES`` on a machine with
    more than one core, a core of which is idle while the import starts) other processes
    read and evaluate the file while this one writes
    (:func:`lanyard.messages.stages.in_other_processes`); the outcome is the same."""
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
    auditor = _Auditor(
        directory=directory,
        pack=pack,
        review=review,
        import_id=import_id,
        now=now,
        text_times=db.engine.dialect.name == "sqlite",
    )
    if parallel is None:
        parallel = _worth_a_second_process(db, path)
    batches: Stages | Generator[tuple[int, _Pending], None, None] | None = None
    writer: _Writer | None = None
    try:
        if parallel and not dry_run:
            from lanyard.messages.stages import in_other_processes  # it imports this module

            batches = in_other_processes(reader, path, batch_size, db, auditor, summary)
            summary.processes = 3
        else:
            batches = _here(reader, path, batch_size, db, auditor, summary, dry_run=dry_run)
        writer = None if dry_run else _Writer(db)
        for size, pending in batches:
            if writer is not None:
                writer.write(pending)
            if progress is not None:
                progress(size)
    except BaseException:
        if batches is not None:
            batches.close()
        if writer is not None:
            writer.close()
            writer = None
        if not dry_run:
            _fail(db, import_id, now)
        raise
    finally:
        if writer is not None:
            writer.close()
    if not dry_run:
        _complete(
            db,
            import_id,
            summary,
            first_sent_at=None if writer is None else writer.first_sent_at,
            path=path,
            format=format,
            digest=digest,
            now=now,
            actor_id=actor_id,
        )
    return summary


def _here(
    reader: MessageConnector,
    path: Path,
    batch_size: int,
    db: Database,
    auditor: _Auditor,
    summary: ImportSummary,
    *,
    dry_run: bool,
) -> Generator[tuple[int, _Pending], None, None]:
    """The file read and evaluated in this process, a batch at a time: (records read,
    rows to write). The cyclic collector runs less often meanwhile (``GC_THRESHOLDS``)."""
    seen_in_dry_run: set[str] = set()
    with _collecting_less():
        for batch in _batches(reader.read(path), batch_size):
            keyed = _keyed(batch, auditor.directory, summary)
            numbers = numbered(keyed)
            with db.engine.connect() as conn:
                known = _existing(conn, numbers)
            if dry_run:
                known.keys |= seen_in_dry_run & keyed.keys()
                seen_in_dry_run.update(keyed)
            yield len(batch), _evaluate(auditor, keyed, known, summary, numbers)
    summary.situations = auditor.evaluator.decided
    summary.volume_uncounted = auditor.volume.uncounted


# The cyclic collector's thresholds while a file is read and evaluated: the first
# generation collected after 50,000 net allocations instead of 700, the second after 20
# of those, the third after 10 of the second. With the defaults, collections took about a
# fifth of an import's CPU: 4.6 of 20.5 CPU-seconds for 231,238 messages in one process
# (a directory of 100,000 people), 0.8 of 16.0 with these, 0.7 of 17.0 with these and
# the directory frozen (gc.freeze), as the forked stages do (lanyard.messages.stages).
GC_THRESHOLDS = (50_000, 20, 10)


# The collector's settings are the process's own: while imports run in several threads of
# one process (a web server's jobs), the first one in sets GC_THRESHOLDS and keeps what it
# found, and the last one out puts that back, in whatever order they end.
class _Collecting:
    lock = threading.Lock()
    imports = 0
    found: tuple[int, ...] = ()


@contextlib.contextmanager
def _collecting_less() -> Iterator[None]:
    with _Collecting.lock:
        if _Collecting.imports == 0:
            _Collecting.found = gc.get_threshold()
            gc.set_threshold(*GC_THRESHOLDS)
        _Collecting.imports += 1
    try:
        yield
    finally:
        with _Collecting.lock:
            _Collecting.imports -= 1
            if _Collecting.imports == 0:
                gc.set_threshold(*_Collecting.found)


def _worth_a_second_process(db: Database, path: Path) -> bool:
    if db.engine.dialect.name == "sqlite" and db.engine.url.database in (None, "", ":memory:"):
        return False  # a private in-memory database: another process cannot see it
    if _size(path) < PARALLEL_BYTES:
        return False  # a small file: starting the processes costs more than they save
    cores = os.cpu_count() or 1
    if sys.platform != "linux" or cores < 2:
        return False  # the other processes are forked (they inherit the directory and pack)
    spare = _idle_cores()
    # Handing batches between processes costs about a third more CPU: worth it with a
    # core to spare besides this one, which is idle while the CPU is sampled (so other
    # work alone is measured; the load average would count this process's own work).
    return spare is not None and spare >= SPARE_CORES


# idle cores (of the whole machine, sampled for IDLE_SAMPLE seconds) the import needs to
# run in three processes
SPARE_CORES = 0.9
IDLE_SAMPLE = 0.2


def _size(path: Path) -> int:
    """Bytes in a file, or in a folder's files (Canvas Data 2 tables)."""
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir() if p.is_file())
    return path.stat().st_size if path.is_file() else 0


def _cpu_times() -> tuple[int, int]:
    """(idle, total) clock ticks of all cores since boot, from ``/proc/stat``."""
    with open("/proc/stat", encoding="ascii") as handle:
        ticks = [int(v) for v in handle.readline().split()[1:9]]
    return ticks[3] + ticks[4], sum(ticks)  # idle and iowait count as idle


def _idle_cores(interval: float = IDLE_SAMPLE) -> float | None:
    """How many cores were idle over the next ``interval`` seconds (None where
    ``/proc/stat`` cannot be read)."""
    try:
        idle, total = _cpu_times()
        time.sleep(interval)
        idle_after, total_after = _cpu_times()
    except (OSError, ValueError, IndexError):
        return None
    if total_after <= total:
        return None
    return (idle_after - idle) / (total_after - total) * (os.cpu_count() or 1)


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
    first_sent_at: dt.datetime | None,
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
            .values(status="complete", finished_at=now, counts=counts, first_sent_at=first_sent_at)
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
