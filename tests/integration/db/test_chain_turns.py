"""Asks of one server that reach the audit chain at the same time take one turn at its lock
(PostgreSQL): every ask is kept and answered only once its entry is committed, the chain
verifies, and a turn that fails fails each of its asks without stopping the next ones."""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid
from collections.abc import Callable

from sqlalchemy import func, select, text

from lanyard.audit.batch import turns_of
from lanyard.audit.orm import AuditEntry
from lanyard.audit.service import verify
from lanyard.db.session import Database
from lanyard.mayi.service import ask
from tests.integration.db.conftest import ASK_DRAFT, add_teacher

NOW = dt.datetime(2026, 12, 8, 9, 0, tzinfo=dt.UTC)
ASKERS = 4
SERVER_NAME = f"chain-turns-{uuid.uuid4().hex[:8]}"


def _asking(server: Database, asker: str, outcomes: list[str]) -> threading.Thread:
    def run() -> None:
        try:
            with server.uow(append_only=True) as uow:
                ask(uow=uow, asker_id=asker, draft=ASK_DRAFT, counterpart_id=None, now=NOW)
            outcomes.append("answered")
        except Exception as exc:  # what the asker would get as a 500
            outcomes.append(type(exc).__name__)

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline, f"never: {what}"
        time.sleep(0.01)


def _asks_kept(database: Database) -> list[tuple[int, str]]:
    """(seq, the id of the transaction that wrote it) of every ask in the log."""
    with database.read() as connection:
        return [
            (row.seq, str(row.xmin))
            for row in connection.execute(
                text(
                    "SELECT seq, xmin FROM audit_entries WHERE event = 'decision:asked'"
                    " ORDER BY seq"
                )
            )
        ]


def _server(database: Database) -> Database:
    """One `lanyard serve` process on the same database, its connections named, so that the
    test sees only its own (other tests may wait for the same lock at the same time)."""
    return Database(f"{database.url}&application_name={SERVER_NAME}")


def _waiting_for_the_lock(database: Database) -> int:
    """How many of the server's connections wait for the chain's lock."""
    with database.read() as connection:
        count = connection.scalar(text(f"SELECT count(*) {_WAITING}"), {"name": SERVER_NAME})
    return int(count or 0)


_WAITING = (
    "FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'"
    " AND application_name = :name"
)


def test_asks_waiting_together_are_appended_in_one_turn(postgresql: Database) -> None:
    database = postgresql
    teacher = add_teacher(database)
    server = _server(database)  # asking from four threads
    turns = turns_of(server.engine)
    outcomes: list[str] = []
    try:
        with database.uow(write=True):  # another writer holds the chain's lock
            threads = [_asking(server, teacher, outcomes) for _ in range(ASKERS)]
            # one ask waits for the lock in the database, the others behind it in the server
            _until(lambda: turns.waiting() == ASKERS - 1, "the asks queue behind the first")
            _until(lambda: _waiting_for_the_lock(database) == 1, "one ask waits for the lock")
            time.sleep(0.1)
            assert outcomes == []  # nobody is answered before the entry is committed
        for thread in threads:
            thread.join(10)
    finally:
        server.engine.dispose()

    assert outcomes == ["answered"] * ASKERS
    kept = _asks_kept(database)
    assert len(kept) == ASKERS
    assert len({xmin for _, xmin in kept}) == 1  # one transaction, one turn at the lock
    with database.uow() as uow:
        count, problems = verify(uow.session)
        entries = uow.session.scalar(select(func.count()).select_from(AuditEntry))
    assert problems == []
    assert count == entries


def test_an_ask_whose_connection_is_lost_fails_alone(postgresql: Database) -> None:
    """The ask leading a turn loses its connection while it waits for the lock: it fails,
    and the asks queued behind it are appended in the next turn."""
    database = postgresql
    teacher = add_teacher(database)
    server = _server(database)
    turns = turns_of(server.engine)
    outcomes: list[str] = []
    try:
        with database.uow(write=True) as holder:
            threads = [_asking(server, teacher, outcomes) for _ in range(3)]
            _until(lambda: turns.waiting() == 2, "two asks queue behind the first")
            _until(lambda: _waiting_for_the_lock(database) == 1, "one ask waits for the lock")
            holder.session.execute(
                text(f"SELECT pg_terminate_backend(pid) {_WAITING}"), {"name": SERVER_NAME}
            )
            _until(lambda: outcomes == ["OperationalError"], "the first ask fails")
            _until(lambda: _waiting_for_the_lock(database) == 1, "the next turn waits")
        for thread in threads:
            thread.join(10)
    finally:
        server.engine.dispose()
    assert outcomes == ["OperationalError", "answered", "answered"]
    assert len(_asks_kept(database)) == 2
    with database.uow() as uow:
        assert verify(uow.session)[1] == []


def test_a_turn_whose_commit_fails_fails_each_of_its_asks_and_keeps_none(
    postgresql: Database,
) -> None:
    """The database refuses the turn's commit (here a check made at commit time refuses one
    asker's entry): the turn is one transaction, so each of its asks fails and none of
    their entries is kept, as a single ask's failed commit would; the next asks go on."""
    database = postgresql
    teacher, refused = add_teacher(database), add_teacher(database)
    with database.uow(write=True) as uow:
        uow.session.execute(
            text(
                "CREATE FUNCTION refuse_at_commit() RETURNS trigger AS $$ BEGIN"
                f" IF NEW.actor_id = '{refused}' THEN RAISE EXCEPTION 'refused'; END IF;"
                " RETURN NULL; END $$ LANGUAGE plpgsql"
            )
        )
        uow.session.execute(
            text(
                "CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON audit_entries"
                " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_at_commit()"
            )
        )
        uow.commit()
    server = _server(database)
    turns = turns_of(server.engine)
    outcomes: list[str] = []
    try:
        with database.uow(write=True):
            threads = [_asking(server, teacher, outcomes)]
            _until(lambda: _waiting_for_the_lock(database) == 1, "the first ask waits")
            threads += [_asking(server, asker, outcomes) for asker in (teacher, refused)]
            _until(lambda: turns.waiting() == 2, "two asks queue behind the first")
        for thread in threads:
            thread.join(10)
        assert len(outcomes) == 3 and outcomes == [outcomes[0]] * 3
        assert outcomes[0] != "answered"
        assert _asks_kept(database) == []

        outcomes.clear()
        _asking(server, teacher, outcomes).join(10)
        assert outcomes == ["answered"]
        assert turns.waiting() == 0
    finally:
        server.engine.dispose()
    assert len(_asks_kept(database)) == 1
    with database.uow() as uow:
        assert verify(uow.session)[1] == []
