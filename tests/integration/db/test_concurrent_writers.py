"""Two servers on one database: every "May I?" ask is kept, none fails.

Two ``Database`` objects stand for two ``lanyard serve`` processes (each has its own engine
and its own in-process writer queue), each asking from several threads at once, as the
threadpool of a server does under load. Before write-intent units of work, two writers both
read the audit chain's head and one lost with ``UNIQUE constraint failed:
audit_entries.seq`` (a 500, the ask lost)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

from lanyard.audit import service as audit
from lanyard.audit.orm import AuditEntry
from lanyard.audit.service import AuditEvent, verify
from lanyard.db.session import Database, UnitOfWork, is_retryable
from lanyard.directory.orm import Person
from lanyard.mayi.service import Answer, ask, record_facts
from tests.integration.db.conftest import ASK_DRAFT, add_teacher

NOW = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC)
SERVERS, THREADS, ASKS = 2, 6, 15


def _ask_many(db: Database, teacher: str, barrier: threading.Barrier, errors: list[str]) -> None:
    barrier.wait()
    for _ in range(ASKS):
        try:
            with db.uow(write=True) as uow:
                ask(uow=uow, asker_id=teacher, draft=ASK_DRAFT, counterpart_id=None, now=NOW)
        except Exception as exc:  # what the user would get as a 500
            errors.append(f"{type(exc).__name__}: {exc}")


def test_two_servers_asking_at_once_lose_no_ask(database: Database) -> None:
    teacher = add_teacher(database)
    servers = [Database(database.url) for _ in range(SERVERS)]
    barrier = threading.Barrier(SERVERS * THREADS)
    errors: list[str] = []
    threads = [
        threading.Thread(target=_ask_many, args=(db, teacher, barrier, errors))
        for db in servers
        for _ in range(THREADS)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for db in servers:
        db.engine.dispose()

    assert errors == []
    with database.uow() as uow:
        asked = uow.session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.event == "decision:asked")
        )
        count, problems = verify(uow.session)
    assert asked == SERVERS * THREADS * ASKS
    assert problems == []
    assert count >= asked


def _ask_or_write_many(
    db: Database, teacher: str, barrier: threading.Barrier, errors: list[str], n: int
) -> None:
    """Asks (append-only units of work) interleaved with other audited writes."""
    barrier.wait()
    for i in range(ASKS):
        try:
            if (i + n) % 3:
                with db.uow(append_only=True) as uow:
                    ask(uow=uow, asker_id=teacher, draft=ASK_DRAFT, counterpart_id=None, now=NOW)
            else:
                with db.uow(write=True) as uow:
                    person = uow.session.get(Person, teacher)
                    assert person is not None
                    person.preferred_given_name = f"Ada {n}-{i}"
                    audit.record(
                        uow.session,
                        event=AuditEvent.PERSON_VIEWED,
                        subject_type="person",
                        subject_id=teacher,
                        now=NOW,
                    )
                    uow.commit()
        except Exception as exc:  # what the user would get as a 500
            errors.append(f"{type(exc).__name__}: {exc}")


def test_append_only_asks_beside_other_writers_keep_the_chain_whole(database: Database) -> None:
    """Asks that read without the write lock and append at the end, from two servers at
    once, mixed with ordinary audited writes: every entry is kept, the sequence has no
    duplicate and no gap, and the hash chain verifies."""
    teacher = add_teacher(database)
    servers = [Database(database.url) for _ in range(SERVERS)]
    barrier = threading.Barrier(SERVERS * THREADS)
    errors: list[str] = []
    threads = [
        threading.Thread(target=_ask_or_write_many, args=(db, teacher, barrier, errors, n))
        for n, db in enumerate(s for s in servers for _ in range(THREADS))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for db in servers:
        db.engine.dispose()

    assert errors == []
    with database.uow() as uow:
        seqs = list(uow.session.scalars(select(AuditEntry.seq).order_by(AuditEntry.seq)))
        count, problems = verify(uow.session)
    assert seqs == list(range(1, len(seqs) + 1))
    assert len(seqs) >= SERVERS * THREADS * ASKS
    assert problems == []
    assert count == len(seqs)


def test_an_ask_on_postgresql_waits_for_the_write_lock_only_to_append(
    postgresql: Database,
) -> None:
    """While another writer holds the write lock, an ask reads the asker's record and
    decides; only its audit append waits. (When every write unit of work took the lock
    first, the asks of four workers went one at a time: about 30 a second.) On SQLite, one
    writer per file, an ask is a write unit of work like any other."""
    database = postgresql
    teacher = add_teacher(database)
    asker = Database(database.url)

    @event.listens_for(asker.engine, "connect")
    def _short_lock_wait(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '300ms'")
        dbapi_connection.commit()

    try:
        with database.uow(write=True) as holder:  # another writer, mid-transaction
            with asker.uow(append_only=True) as uow:
                facts = record_facts(uow, asker_id=teacher, counterpart_id=None, now=NOW)
                assert facts.role == "teacher"
                with pytest.raises(OperationalError) as waited:
                    ask(uow=uow, asker_id=teacher, draft=ASK_DRAFT, counterpart_id=None, now=NOW)
                assert getattr(waited.value.orig, "sqlstate", None) == "55P03"
            holder.session.rollback()
        with asker.uow(append_only=True) as uow:
            answer = ask(uow=uow, asker_id=teacher, draft=ASK_DRAFT, counterpart_id=None, now=NOW)
        assert answer.decision.verdict
    finally:
        asker.engine.dispose()


def test_transact_runs_a_use_case_again_after_a_conflict_and_its_mail_goes_once(
    database: Database,
) -> None:
    """A conflict the database resolves by a retry costs the user nothing: the use case runs
    again from the start, and what it sends after commit leaves once."""
    teacher = add_teacher(database)
    runs: list[int] = []
    sent: list[str] = []

    def use_case(uow: UnitOfWork) -> Answer:
        runs.append(1)
        if len(runs) == 1:
            raise _conflict(database)
        uow.after_commit(lambda: sent.append("mail"))
        return ask(uow=uow, asker_id=teacher, draft=ASK_DRAFT, counterpart_id=None, now=NOW)

    answer = database.transact(use_case)

    assert answer.decision.verdict
    assert len(runs) == 2
    assert sent == ["mail"]


def _conflict(database: Database) -> Exception:
    """The error the database itself raises for a lost race (locked / serialization)."""
    from sqlalchemy.exc import OperationalError

    if database.url.startswith("sqlite"):
        import sqlite3

        orig: Exception = sqlite3.OperationalError("database is locked")
    else:
        import psycopg

        orig = psycopg.errors.SerializationFailure("could not serialize access")
    exc = OperationalError("COMMIT", {}, orig)
    assert is_retryable(exc)
    return exc


def test_a_write_unit_of_work_inside_another_in_one_thread_is_refused_at_once(
    database: Database,
) -> None:
    if not database.url.startswith("sqlite"):
        pytest.skip("SQLite's one writer per file; PostgreSQL's advisory lock is re-entrant")
    with database.uow(write=True), pytest.raises(RuntimeError, match="inside another"):
        database.uow(write=True).__enter__()
