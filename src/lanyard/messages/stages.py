"""An import read, evaluated and written by three processes: the file read in one forked
process (:func:`_read`), resolved and evaluated in another (:func:`_produce`), written by
the importing one (:func:`lanyard.messages.service.import_messages`), for two or more
cores.

Each sending stage hands its batches to a thread of its own through a queue of
``DEPTH`` batches (:class:`_Sender`), so that it goes on with the next batch while the
stage after it is busy, and waits only when that many are waiting: the three stages do
not take turns, and memory stays bounded."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import multiprocessing
import queue
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterator, Mapping
from dataclasses import fields
from multiprocessing.connection import Connection
from multiprocessing.reduction import ForkingPickler
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple

from lanyard.connectors.messages import MessageRecord
from lanyard.connectors.messages.base import MessageConnector, MessageLogError
from lanyard.db.session import Database
from lanyard.messages.domain import Directory
from lanyard.messages.service import (
    GC_THRESHOLDS,
    ImportSummary,
    _Auditor,
    _batches,
    _evaluate,
    _existing,
    _keyed,
    _Pending,
    key_hash,
)

# batches each sending stage may hold pickled, waiting for the next stage (see _Sender)
DEPTH = 4


def in_other_processes(
    reader: MessageConnector,
    path: Path,
    batch_size: int,
    db: Database,
    auditor: _Auditor,
    summary: ImportSummary,
) -> Stages:
    """The file read in one forked process (:func:`_read`), resolved and evaluated in
    another (:func:`_produce`) while this one writes: three stages for two or more
    cores. The processes start now; the batches come in file order, each with its
    counts; a refused file is refused here with the same error.

    Nothing of SQLite may cross a fork (a child that opens the file a parent has open
    inherits the parent's view of its locks), so this process's pooled connections are
    closed first, and it opens its writing connection only afterwards."""
    if db.engine.dialect.name == "sqlite":
        db.engine.dispose()
    context = multiprocessing.get_context("fork")
    records, read_into = context.Pipe(duplex=False)
    receive, send = context.Pipe(duplex=False)
    # the number of the last batch this process has committed (-1: none yet), for the
    # evaluating process (see _produce)
    committed = context.RawValue("q", -1)
    parser = context.Process(
        target=_stage,
        # the reader keeps only the end it sends on, the evaluator the two it uses
        args=(
            _read,
            (records, receive, send),
            read_into,
            reader,
            path,
            batch_size,
            auditor.directory,
        ),
        name="lanyard-messages-reader",
        daemon=True,
    )
    child = context.Process(
        target=_stage,
        args=(_produce, (read_into, receive), send, records, path, db.url, auditor, committed),
        name="lanyard-messages-evaluator",
        daemon=True,
    )
    parser.start()
    child.start()
    for end in (read_into, records, send):
        end.close()
    return Stages(receive, (child, parser), path, summary, committed)


def _stage(target: Callable[..., None], unused: tuple[Any, ...], *args: Any) -> None:
    """A forked stage: it first closes the pipe ends it inherited but does not use, so
    that each end is held by one process only. When the process at the other end of a
    pipe ends, even killed (SIGKILL, or SIGTERM with no handler: nothing tells the
    others), the next send fails (BrokenPipeError) or receive ends (:func:`_receive`) and
    this process ends too, instead of waiting for ever with the directory in its memory.

    What the process inherited (the directory, the pack) lives as long as it does: the
    cyclic collector leaves it alone (``gc.freeze``: no CPU to walk it, and no page of
    the parent's copied to mark its objects), and runs less often (``GC_THRESHOLDS``)."""
    for end in unused:
        end.close()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    target(*args)


class Stages:
    """The batches the other processes send (iterate once); ``close`` ends the processes
    whether or not iteration began."""

    def __init__(
        self,
        receive: Any,
        processes: tuple[Any, ...],
        path: Path,
        summary: ImportSummary,
        committed: Any,
    ) -> None:
        self._receive = receive
        self._processes = processes
        self._batches = _received(receive, processes, path, summary, committed)

    def __iter__(self) -> Iterator[tuple[int, _Pending]]:
        return self._batches

    def close(self) -> None:
        self._batches.close()
        _end(self._receive, self._processes)


def _end(receive: Any, processes: tuple[Any, ...]) -> None:
    receive.close()
    for process in processes:
        if process.is_alive():
            process.terminate()
        process.join()


def _received(
    receive: Any,
    processes: tuple[Any, ...],
    path: Path,
    summary: ImportSummary,
    committed: Any,
) -> Generator[tuple[int, _Pending], None, None]:
    """The batches as received, in order; once the caller asks for the next, the one
    before is written (committed), which ``committed`` tells the evaluating process."""
    number = 0
    try:
        while True:
            message = _receive(receive, path)
            kind = message[0]
            if kind == "batch":
                _, size, counts, pending = message
                _add_counts(summary, counts)
                yield size, pending
                committed.value = number
                number += 1
            elif kind == "done":
                summary.situations, summary.volume_uncounted = message[1], message[2]
                return
            elif kind == "refused":
                raise MessageLogError(*message[1:])
            else:
                raise RuntimeError(f"reading {path.name} failed: {message[1]}")
    finally:
        _end(receive, processes)


def _produce(
    connection: Connection, records: Any, path: Path, url: str, auditor: _Auditor, committed: Any
) -> None:
    """In a forked process: resolve and evaluate the records the reading process sends
    (:func:`_read`), and send each batch's rows.

    It opens connections of its own (never the parent's). A message id in a batch the
    parent has not committed yet counts as a duplicate as it would have in one process:
    this process keeps the keys of each batch it sent until the parent says (through
    ``committed``, read before the database is asked) that the batch is written. They
    are the batches in the queue, the pipe and the parent's hands: a few."""
    send = _Sender(connection)
    try:
        db = Database(url)
        # the batches sent and not yet known to be written: each one's number, its keys,
        # and the numbers its new messages took
        recent: deque[tuple[int, set[str], set[int]]] = deque()
        sent = 0
        while True:
            message = _receive(records, path)
            if message[0] != "batch":
                send.send(message)  # refused or failed: the parent says so
                return
            _, size, counts, rows = message
            if not size:
                break
            keyed = {key: Record._make(values) for key, _, values in rows}
            numbers = {key: number for key, number, _ in rows}
            written = committed.value  # before the database is asked: all of these are in it
            while recent and recent[0][0] <= written:
                recent.popleft()
            with db.engine.connect() as conn:
                known = _existing(conn, numbers)
            for _, keys, taken in recent:
                known.keys |= keys & keyed.keys()
                known.numbers |= taken
            before = set(known.numbers)
            summary = ImportSummary(file="", format="", dry_run=False, messages=counts)
            pending = _evaluate(auditor, keyed, known, summary, numbers)
            recent.append((sent, set(keyed), known.numbers - before))
            send.send(("batch", size, summary.to_dict(), pending))
            sent += 1
        send.send(("done", auditor.evaluator.decided, auditor.volume.uncounted))
        db.engine.dispose()
    except BaseException as exc:  # reported to the parent, which fails the import
        _report(send, ("failed", f"{type(exc).__name__}: {exc}"))
    finally:
        send.close()


def _receive(connection: Connection, path: Path) -> Any:
    """The next message from the stage before, or RuntimeError when that stage has ended
    without its last message: at a message's end (EOFError), or in the middle of one,
    killed while it wrote (OSError)."""
    try:
        return connection.recv()
    except (EOFError, OSError) as exc:
        raise RuntimeError(f"the process reading {path.name} ended early") from exc


class _Sender:
    """A stage's end of a pipe with a thread that sends on it: ``send`` pickles a message
    and queues it (up to ``depth``; then it waits), the thread writes the queued ones
    in order. When the stage at the other end has ended, even killed, the thread's
    write fails (BrokenPipeError) and the next ``send`` raises that error (one waiting
    on a full queue too), so the stage ends as it would have on the pipe itself.
    ``close`` sends what is queued (unless the other end has ended) and closes the pipe:
    a stage's last messages are not lost when it returns."""

    def __init__(self, connection: Connection, depth: int = DEPTH) -> None:
        self._connection = connection
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._write, name="lanyard-sender", daemon=True)
        self._thread.start()

    def _write(self) -> None:
        try:
            while (data := self._queue.get()) is not None:
                self._connection.send_bytes(data)
        except BaseException as exc:  # the next send raises it
            self._error = exc

    def send(self, message: Any) -> None:
        # pickled here, as Connection.send would: the queue holds bytes, not objects
        # another thread would pickle while this one changes them
        self._put(bytes(ForkingPickler.dumps(message)))

    def _put(self, data: bytes | None) -> None:
        while True:
            if self._error is not None:
                raise self._error
            try:
                self._queue.put(data, timeout=_WAIT)
                return
            except queue.Full:
                continue

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._put(None)
        self._thread.join()
        self._connection.close()


# seconds a stage waits on a full queue before it looks again whether the next stage ended
_WAIT = 0.1


def _report(send: Any, message: tuple[Any, ...]) -> None:
    """Tell the next stage that this one failed, unless it has ended (then nobody waits)."""
    with contextlib.suppress(OSError):
        send.send(message)


def _read(
    connection: Connection,
    reader: MessageConnector,
    path: Path,
    batch_size: int,
    directory: Directory,
) -> None:
    """In the forked process that reads the file: each batch's records by key and the
    key's number (as tuples: they pickle faster) and how many messages it held; an empty
    batch at the end."""
    send = _Sender(connection)
    try:
        for batch in _batches(reader.read(path), batch_size):
            counts = ImportSummary(file="", format="", dry_run=False)
            keyed = _keyed(batch, directory, counts)
            # each key with its number: computed here, where the CPU is to spare
            rows = [(key, key_hash(key), _values(rec)) for key, rec in keyed.items()]
            send.send(("batch", len(batch), counts.messages, rows))
        send.send(("batch", 0, 0, []))
    except MessageLogError as exc:
        _report(send, ("refused", exc.file, exc.line, exc.field_name, exc.message))
    except BaseException as exc:
        _report(send, ("failed", f"{type(exc).__name__}: {exc}"))
    finally:
        send.close()


class Record(NamedTuple):
    """A record as the evaluating process receives it: a :class:`MessageRecord`'s values
    (:func:`_values`) with the same names, rebuilt as a tuple (a third of the CPU the frozen
    dataclass takes to build, for every message)."""

    source: str
    message_id: str
    sent_at: dt.datetime
    sender: str
    recipients: tuple[str, ...]
    medium: str
    line: int
    platform: str | None
    account: str | None
    subject: str | None
    body: str | None
    inbound: bool


# a record's values in the order of its fields: Record's
_values: Callable[[MessageRecord], tuple[Any, ...]] = attrgetter(*Record._fields)
if Record._fields != tuple(f.name for f in fields(MessageRecord)):  # pragma: no cover
    raise RuntimeError("Record must have MessageRecord's fields, in their order")


def _add_counts(summary: ImportSummary, counts: Mapping[str, Any]) -> None:
    for name in ("messages", "new", "duplicates", "findings", "for_review", "solicitations"):
        setattr(summary, name, getattr(summary, name) + counts.get(name, 0))
    for rule, n in counts.get("by_rule", {}).items():
        summary.by_rule[rule] = summary.by_rule.get(rule, 0) + n
