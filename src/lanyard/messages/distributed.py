"""An import split into chunks for Celery workers (``lanyard messages import --workers``).

The importing process reads the file (the connectors stream it), writes each chunk of
records to ``message_import_chunks`` and sends one task per chunk; workers on any
machine resolve, evaluate and write the chunk's messages and findings. The importer
waits, re-sends a chunk nobody finished within ``stall_seconds`` (its worker died), and
completes the import with the sum of the chunks' counts and its audit entry.

A chunk's messages, findings and its ``done`` mark are one transaction, taken under a
shared lock on the import's row: a worker killed mid-chunk leaves nothing, the chunk runs
again from the start, and a chunk delivered twice (a re-send, the broker's own
redelivery) finds itself done and does nothing. Two chunks holding the same message id
collide on the unique key; the loser runs again and counts it as a duplicate. A failed
import takes the row's lock exclusively, so no chunk commits after it is marked failed.

The daily-volume pattern counts within a chunk, not across the file, on this path.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from dataclasses import fields
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from lanyard.connectors.messages import MessageRecord, connector
from lanyard.db.base import new_id
from lanyard.db.session import Database
from lanyard.messages.domain import Directory, Evaluator, ReviewSettings
from lanyard.messages.orm import MessageImport, MessageImportChunk
from lanyard.messages.queries import load_directory
from lanyard.messages.service import (
    ImportSummary,
    _Auditor,
    _batches,
    _complete,
    _earliest,
    _evaluate,
    _existing,
    _fail,
    _keyed,
    _start,
    _write_rows,
    file_digest,
    numbered,
)
from lanyard.policy.loader import Pack

CHUNK = 20000
TASK = "messages.import_chunk"
_FIELDS = tuple(f.name for f in fields(MessageRecord))


class ChunkFailed(RuntimeError):
    """A worker could not evaluate a chunk; the import was rolled back."""


def encode(rec: MessageRecord) -> list[Any]:
    """A record as JSON values (the chunk table's ``records``)."""
    return [
        rec.source,
        rec.message_id,
        rec.sent_at.isoformat(),
        rec.sender,
        list(rec.recipients),
        rec.medium,
        rec.line,
        rec.platform,
        rec.account,
        rec.subject,
        rec.body,
        rec.inbound,
    ]


def decode(values: list[Any]) -> MessageRecord:
    if len(values) != len(_FIELDS):
        raise ValueError(f"a chunk record has {len(values)} values, not {len(_FIELDS)}")
    source, message_id, sent_at, sender, recipients, *rest = values
    return MessageRecord(
        source,
        message_id,
        dt.datetime.fromisoformat(sent_at),
        sender,
        tuple(recipients),
        *rest,
    )


def chunk_task_id(import_id: str, seq: int) -> str:
    return f"{import_id}:{seq}"


# ----------------------------------------------------------------------------- importer


def import_distributed(
    *,
    db: Database,
    path: Path,
    format: str,
    pack: Pack,
    now: dt.datetime,
    send: Callable[[str], None],
    actor_id: str | None = None,
    chunk_size: int = CHUNK,
    stall_seconds: float = 600.0,
    timeout: float | None = None,
    progress: Callable[[int], None] | None = None,
    poll: float = 0.2,
) -> ImportSummary:
    """Import one file through Celery workers (see the module). ``send`` hands one chunk's
    task id (``import_id:seq``) to the broker. Raises
    :class:`~lanyard.connectors.messages.MessageLogError` for a refused file and
    :class:`ChunkFailed` when a worker could not evaluate a chunk; either way nothing of
    the file is kept."""
    reader = connector(format)
    summary = ImportSummary(file=path.name, format=format, dry_run=False)
    digest = file_digest(path)
    import_id = new_id()
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
    try:
        chunks = 0
        for batch in _batches(reader.read(path), chunk_size):
            with db.engine.begin() as conn:
                conn.execute(
                    insert(MessageImportChunk),
                    {
                        "import_id": import_id,
                        "seq": chunks,
                        "status": "pending",
                        "attempts": 0,
                        "records": [encode(r) for r in batch],
                        "sent_at": dt.datetime.now(dt.UTC),
                    },
                )
            send(chunk_task_id(import_id, chunks))
            chunks += 1
            if progress is not None:
                progress(len(batch))
        counts = _wait(db, import_id, chunks, send, stall_seconds, timeout, poll)
    except BaseException:
        _fail(db, import_id, now)
        with db.engine.begin() as conn:
            conn.execute(
                delete(MessageImportChunk).where(MessageImportChunk.import_id == import_id)
            )
        raise
    first_sent_at = None
    for c in counts:
        if c.get("first_sent_at"):
            first_sent_at = _earliest(first_sent_at, dt.datetime.fromisoformat(c["first_sent_at"]))
        for name in ("messages", "new", "duplicates", "findings", "for_review"):
            setattr(summary, name, getattr(summary, name) + c.get(name, 0))
        summary.solicitations += c.get("solicitations", 0)
        summary.situations += c.get("situations", 0)
        summary.volume_uncounted += c.get("volume_uncounted", 0)
        for rule, n in c.get("by_rule", {}).items():
            summary.by_rule[rule] = summary.by_rule.get(rule, 0) + n
    _complete(
        db,
        import_id,
        summary,
        first_sent_at=first_sent_at,
        path=path,
        format=format,
        digest=digest,
        now=now,
        actor_id=actor_id,
    )
    with db.engine.begin() as conn:
        conn.execute(delete(MessageImportChunk).where(MessageImportChunk.import_id == import_id))
    return summary


def _wait(
    db: Database,
    import_id: str,
    chunks: int,
    send: Callable[[str], None],
    stall_seconds: float,
    timeout: float | None,
    poll: float,
) -> list[dict[str, Any]]:
    """Until every chunk is done: re-send the stalled ones, fail on a failed one."""
    deadline = None if timeout is None else time.monotonic() + timeout
    table = MessageImportChunk
    while True:
        with db.engine.connect() as conn:
            rows = conn.execute(
                select(table.seq, table.status, table.sent_at, table.error, table.counts).where(
                    table.import_id == import_id
                )
            ).all()
        done = [r for r in rows if r.status == "done"]
        failed = [r for r in rows if r.status == "failed"]
        if failed:
            raise ChunkFailed(f"chunk {failed[0].seq} failed: {failed[0].error}")
        if len(done) == chunks:
            return [r.counts or {} for r in sorted(done, key=lambda r: r.seq)]
        if deadline is not None and time.monotonic() > deadline:
            raise ChunkFailed(f"{chunks - len(done)} of {chunks} chunks not done in time")
        clock = dt.datetime.now(dt.UTC)
        stalled = [
            r.seq
            for r in rows
            if r.status in ("pending", "running")
            and r.sent_at <= clock - dt.timedelta(seconds=stall_seconds)
        ]
        if stalled:
            with db.engine.begin() as conn:
                conn.execute(
                    update(table)
                    .where(table.import_id == import_id, table.seq.in_(stalled))
                    .values(sent_at=clock)
                )
            for seq in stalled:
                send(chunk_task_id(import_id, seq))
        time.sleep(poll)


# ----------------------------------------------------------------------------- worker

# One worker process evaluates many chunks of one import: the directory is loaded once per
# import, the evaluator (its situations decided) kept per pack.
_DIRECTORIES: dict[str, Directory] = {}
_EVALUATORS: dict[str, Evaluator] = {}


def _directory(db: Database, import_id: str, domains: Iterable[str]) -> Directory:
    found = _DIRECTORIES.get(import_id)
    if found is None:
        with db.uow() as uow:
            found = load_directory(uow.session, extra_domains=domains)
        _DIRECTORIES.clear()
        _DIRECTORIES[import_id] = found
    return found


def run_chunk(
    db: Database,
    task_id: str,
    *,
    review: ReviewSettings,
    load_pack: Callable[[str], Pack],
    district_domains: Iterable[str] = (),
    attempts: int = 5,
) -> bool:
    """Evaluate and write one chunk (see the module); False when there was nothing to do
    (done already, or its import is no longer running)."""
    import_id, _, seq_text = task_id.rpartition(":")
    seq = int(seq_text)
    table = MessageImportChunk
    with db.engine.begin() as conn:
        claimed = conn.execute(
            update(table)
            .where(
                table.import_id == import_id,
                table.seq == seq,
                table.status.in_(("pending", "running")),
            )
            .values(
                status="running",
                attempts=table.attempts + 1,
                started_at=dt.datetime.now(dt.UTC),
            )
        ).rowcount
    if not claimed:
        return False
    try:
        for attempt in range(attempts):
            try:
                return _run_chunk(db, import_id, seq, review, load_pack, district_domains)
            except IntegrityError:
                if attempt == attempts - 1:
                    raise  # another chunk kept writing the same message ids
    except Exception as exc:
        reason = f"{type(exc).__name__}: {str(exc).splitlines()[0][:300] if str(exc) else ''}"
        with db.engine.begin() as conn:
            conn.execute(
                update(table)
                .where(table.import_id == import_id, table.seq == seq, table.status != "done")
                .values(status="failed", error=reason, finished_at=dt.datetime.now(dt.UTC))
            )
        return False
    return False  # pragma: no cover - the loop returns or raises


def _run_chunk(
    db: Database,
    import_id: str,
    seq: int,
    review: ReviewSettings,
    load_pack: Callable[[str], Pack],
    district_domains: Iterable[str],
) -> bool:
    table = MessageImportChunk
    with db.engine.begin() as conn:
        head = conn.execute(
            select(
                MessageImport.status,
                MessageImport.pack_id,
                MessageImport.pack_hash,
                MessageImport.started_at,
            )
            .where(MessageImport.id == import_id)
            .with_for_update(read=True)
        ).one_or_none()
        chunk = conn.execute(
            select(table.status, table.records)
            .where(table.import_id == import_id, table.seq == seq)
            .with_for_update()
        ).one_or_none()
        if head is None or head.status != "running" or chunk is None or chunk.status == "done":
            return False
        evaluator = _EVALUATORS.get(head.pack_hash)
        if evaluator is None:
            pack = load_pack(head.pack_id)
            if pack.content_hash != head.pack_hash:
                raise RuntimeError(
                    f"this worker's pack {head.pack_id!r} is not the one the import used"
                )
            evaluator = _EVALUATORS[head.pack_hash] = Evaluator(pack)
        directory = _directory(db, import_id, district_domains)
        auditor = _Auditor(
            directory=directory,
            pack=evaluator.pack,
            review=review,
            import_id=import_id,
            now=head.started_at,
            evaluator=evaluator,
        )
        summary = ImportSummary(file="", format="", dry_run=False)
        decided = evaluator.decided
        keyed = _keyed((decode(r) for r in chunk.records or []), directory, summary)
        numbers = numbered(keyed)
        pending = _evaluate(auditor, keyed, _existing(conn, numbers), summary, numbers)
        first = _write_rows(conn, pending)
        summary.situations = evaluator.decided - decided
        summary.volume_uncounted = auditor.volume.uncounted
        counts = summary.to_dict()
        conn.execute(
            update(table)
            .where(table.import_id == import_id, table.seq == seq)
            .values(
                status="done",
                records=None,
                counts={k: counts[k] for k in _COUNTED}
                | {"first_sent_at": None if first is None else first.isoformat()},
                finished_at=dt.datetime.now(dt.UTC),
            )
        )
    return True


_COUNTED = (
    "messages",
    "new",
    "duplicates",
    "findings",
    "by_rule",
    "for_review",
    "solicitations",
    "situations",
    "volume_uncounted",
)
