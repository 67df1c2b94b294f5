"""Asks appended to the audit chain together: one turn at the chain's lock for the asks
of one process that wait for it at the same time (group commit), on PostgreSQL.

Every ask appends its decision to the chain, and the chain has one writer at a time: the
lock is held from reading the head to the commit. Under load the holder spends most of
that time not in the database but getting back to its thread (the head's answer waits for
the interpreter) before it sends the entry and the ``COMMIT``, while every other ask of
every worker waits in line. So the asks of one process that reach the chain while one of
them waits for the lock or holds it go in that one's turn: the first to come (the
leader) takes the lock and reads the head, then takes every entry queued behind it, gives
each its place in the chain (sequence number, previous hash, hash, MAC, the same as one
at a time), and sends them all with the ``COMMIT`` (one round trip). The others wait
until that commit has answered; each ask still returns only once its entry is committed.
If the commit fails, every ask of the batch fails with its error and none of the entries
is kept (one transaction), as a single ask's failure would. The next entry waiting, if
any, then leads the next turn on its own connection.

Only a unit of work whose one write is the append uses it (``db.uow(append_only=True)``):
the leader's transaction commits the others' entries, not anything else of theirs.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine


@dataclass(eq=False)
class Pending:
    """One entry waiting for its place: ``place(prev_hash, seq)`` fills in its chain values
    (the leader calls it once the head is known) and gives the INSERT's parameters."""

    place: Callable[[str, int], dict[str, Any]]
    values: dict[str, Any] | None = None
    error: BaseException | None = None
    lead: bool = False  # woken to lead the next turn, not because its entry is written
    done: threading.Event = field(default_factory=threading.Event)


class ChainTurns:
    """The queue of one process's entries for one database (see the module)."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._queue: list[Pending] = []
        self._busy = False  # a leader has the turn (waiting for the lock or holding it)

    def waiting(self) -> int:
        """How many entries wait behind the turn in progress."""
        with self._mutex:
            return len(self._queue)

    def append(
        self,
        connection: Connection,
        pending: Pending,
        write: Callable[[Connection, list[Pending]], None],
    ) -> dict[str, Any]:
        """Append ``pending`` and return its values once committed. ``write(connection,
        batch)`` takes the lock on ``connection``, places each entry of the batch (a list
        that grows until the head is read: call :meth:`take` for it) and commits."""
        with self._mutex:
            lead = not self._busy
            if lead:
                self._busy = True
            else:
                self._queue.append(pending)
        if not lead:
            pending.done.wait()
            if not pending.lead:
                if pending.error is not None:
                    raise pending.error
                assert pending.values is not None
                return pending.values
        batch = [pending]
        try:
            write(connection, batch)
        except BaseException as exc:
            for other in batch[1:]:
                other.error = exc
            raise
        finally:
            for other in batch[1:]:
                other.done.set()
            self._hand_over()
        assert pending.values is not None
        return pending.values

    def take(self, batch: list[Pending]) -> None:
        """Move every entry queued so far into ``batch`` (the leader, once it holds the
        lock): later ones wait for the next turn."""
        with self._mutex:
            batch.extend(self._queue)
            self._queue = []

    def _hand_over(self) -> None:
        with self._mutex:
            if not self._queue:
                self._busy = False
                return
            following = self._queue.pop(0)
        following.lead = True
        following.done.set()


_TURNS: weakref.WeakKeyDictionary[Engine, ChainTurns] = weakref.WeakKeyDictionary()
_TURNS_MUTEX = threading.Lock()


def turns_of(engine: Engine) -> ChainTurns:
    """This process's queue for the database of ``engine``."""
    with _TURNS_MUTEX:
        turns = _TURNS.get(engine)
        if turns is None:
            turns = _TURNS[engine] = ChainTurns()
        return turns
