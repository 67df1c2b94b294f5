"""An import split into chunks for real Celery workers (``lanyard worker`` processes on the
Redis at LANYARD_TEST_REDIS_URL, results in a PostgreSQL schema of their own): the same
messages and findings as the in-process import, and a worker killed (SIGKILL) in the
middle of a chunk loses and duplicates nothing once it is restarted."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from lanyard.config import Settings
from lanyard.db.migrate import upgrade
from lanyard.db.session import Database
from lanyard.directory.service import import_oneroster
from lanyard.jobs.celery_app import TASK_ONE, make_celery
from lanyard.messages.distributed import TASK, import_distributed
from lanyard.messages.orm import Message, MessageFinding, MessageImport, MessageImportChunk
from lanyard.messages.service import ImportSummary, import_messages, review_settings
from lanyard.policy import load_pack
from tests.support.databases import postgres_schema_url
from tests.support.redis_server import REDIS, reachable_redis

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
NOW = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
MESSAGES = 3000
CHUNK = 250
TEXTED = range(0, MESSAGES, 50)  # text messages to a student: chsd-230 item 1
REPEATED = range(10, MESSAGES, 70)  # a message id seen again in a later chunk


def write_log(path: Path) -> None:
    """A generic CSV: a teacher's e-mail to a student's district address, one a day (no
    pattern for review), some text messages, and ids that come back in a later chunk."""
    start = dt.datetime(2017, 1, 2, 15, 0, tzinfo=dt.UTC)
    lines = ["message_id,sent_at,sender,recipients,medium"]
    pair = "alovelace@example.org,ghopper26@students.example.org"
    for i in range(MESSAGES):
        medium = "text_message" if i in TEXTED else "email"
        sent = (start + dt.timedelta(days=i)).isoformat()
        lines.append(f"m{i},{sent},{pair},{medium}")
        if i in REPEATED and i > 2 * CHUNK:
            # the same message again, as overlapping exports give it (a repeated id with other
            # content is kept as first written, and with workers which is first is not fixed)
            j = i - 2 * CHUNK
            again = (start + dt.timedelta(days=j)).isoformat()
            lines.append(f"m{j},{again},{pair},{'text_message' if j in TEXTED else 'email'}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def directory_db(url: str) -> Database:
    upgrade(url)
    db = Database(url)
    with db.uow(write=True) as uow:
        import_oneroster(uow=uow, path=FIXTURES / "oneroster" / "v1p1", dry_run=False, now=NOW)
    return db


class Worker:
    """``celery worker`` as a process group of its own (so SIGKILL reaches its children)."""

    def __init__(self, url: str, queue: str, concurrency: int = 1) -> None:
        self.env = {**os.environ, "LANYARD_DATABASE_URL": url, "LANYARD_BROKER_URL": REDIS}
        self.args = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "lanyard.jobs.celery_app",
            "worker",
            "-Q",
            queue,
            "-c",
            str(concurrency),
            "--pool",
            "prefork",
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
            "-l",
            "warning",
        ]
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            self.args, env=self.env, start_new_session=True, stdout=subprocess.DEVNULL
        )

    def kill(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)  # a warm shutdown
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)


redis_url = pytest.fixture(name="redis_url")(reachable_redis)


@pytest.fixture
def queue(redis_url: str) -> Iterator[str]:
    name = f"lanyard-test-messages-{uuid.uuid4().hex[:8]}"
    yield name
    import redis

    redis.Redis.from_url(redis_url).delete(name)


@pytest.fixture
def pg_url() -> Iterator[str]:
    with postgres_schema_url() as url:
        yield url


@pytest.fixture
def log(tmp_path: Path) -> Path:
    path = tmp_path / "log.csv"
    write_log(path)
    return path


def sender(queue: str):  # type: ignore[no-untyped-def]
    app = make_celery(Settings(broker_url=REDIS))
    return lambda task_id: app.send_task(TASK_ONE, args=(TASK, [task_id]), queue=queue)


def distributed(db: Database, log: Path, queue: str, **kw: object) -> ImportSummary:
    return import_distributed(
        db=db,
        path=log,
        format="csv",
        pack=load_pack("chsd-230"),
        now=NOW,
        send=sender(queue),
        chunk_size=CHUNK,
        timeout=180,
        **kw,  # type: ignore[arg-type]
    )


def in_process(tmp_path: Path, log: Path) -> tuple[ImportSummary, set[tuple[str, str]]]:
    db = directory_db(f"sqlite:///{tmp_path / 'one.sqlite3'}")
    summary = import_messages(
        db=db,
        path=log,
        format="csv",
        pack=load_pack("chsd-230"),
        review=review_settings(Settings()),
        now=NOW,
        batch_size=CHUNK,  # a repeat within a batch is one message, as within a chunk
    )
    found = flagged(db)
    db.engine.dispose()
    return summary, found


def flagged(db: Database) -> set[tuple[str, str]]:
    with db.uow() as uow:
        return {
            (str(sid), rule)
            for sid, rule in uow.session.execute(
                select(Message.source_id, MessageFinding.rule).join(
                    MessageFinding, MessageFinding.message_id == Message.id
                )
            )
        }


def count(db: Database, table: type) -> int:
    with db.uow() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(table)) or 0)


def same_counts(a: ImportSummary, b: ImportSummary) -> None:
    for name in ("messages", "new", "duplicates", "findings", "by_rule", "for_review"):
        assert getattr(a, name) == getattr(b, name), name


def test_two_celery_workers_import_a_file_in_chunks_as_one_process_would(
    tmp_path: Path, pg_url: str, queue: str, log: Path
) -> None:
    expected, expected_found = in_process(tmp_path, log)
    assert expected.by_rule and expected.duplicates > 0
    db = directory_db(pg_url)
    worker = Worker(pg_url, queue, concurrency=2)
    worker.start()
    try:
        summary = distributed(db, log, queue)
    finally:
        worker.stop()
    same_counts(summary, expected)
    assert summary.new == MESSAGES == count(db, Message)
    assert flagged(db) == expected_found
    with db.uow() as uow:
        state = uow.session.get(MessageImport, summary.import_id)
        assert state is not None and state.status == "complete"
    assert count(db, MessageImportChunk) == 0  # the work list is gone once complete

    # the same file again through the workers adds nothing
    worker.start()
    try:
        again = distributed(db, log, queue)
    finally:
        worker.stop()
    assert (again.new, again.duplicates) == (0, expected.messages)
    assert count(db, Message) == MESSAGES
    db.engine.dispose()


def test_a_worker_killed_mid_chunk_loses_and_duplicates_nothing(
    tmp_path: Path, pg_url: str, queue: str, log: Path
) -> None:
    expected, expected_found = in_process(tmp_path, log)
    db = directory_db(pg_url)
    worker = Worker(pg_url, queue)
    # Hold the messages table so the worker's first chunk stops at its insert: the worker
    # is then truly in the middle of a chunk (its transaction open) when it is killed.
    blocker = create_engine(pg_url).connect()
    blocker.execute(text("LOCK TABLE messages IN EXCLUSIVE MODE"))
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["summary"] = distributed(db, log, queue, stall_seconds=3, poll=0.1)
        except BaseException as exc:
            outcome["error"] = exc

    importer = threading.Thread(target=run)
    importer.start()
    worker.start()
    try:
        deadline = time.monotonic() + 60
        waiting = 0
        while time.monotonic() < deadline and not waiting:
            with db.engine.connect() as conn:
                waiting = int(
                    conn.scalar(
                        text(
                            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                            " AND (query LIKE 'INSERT INTO messages%'"
                            " OR query LIKE 'COPY messages%')"
                        )
                    )
                    or 0
                )
            time.sleep(0.1)
        assert waiting, "the worker never reached its insert"
        with db.engine.connect() as conn:
            running = conn.scalar(
                select(func.count())
                .select_from(MessageImportChunk)
                .where(MessageImportChunk.status == "running")
            )
        assert running == 1
        worker.kill()
    finally:
        blocker.rollback()
        blocker.close()
    assert count(db, Message) == 0  # the killed chunk wrote nothing
    worker.start()
    try:
        importer.join(180)
    finally:
        worker.stop()
    assert not importer.is_alive()
    assert "error" not in outcome, outcome.get("error")
    summary = outcome["summary"]
    assert isinstance(summary, ImportSummary)
    same_counts(summary, expected)
    assert count(db, Message) == MESSAGES  # none lost, none twice
    assert flagged(db) == expected_found
    db.engine.dispose()


def test_the_command_line_imports_through_workers_with_the_flag(
    pg_url: str, queue: str, log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from click.testing import CliRunner

    from lanyard.cli.main import cli
    from lanyard.jobs.celery_app import app

    db = directory_db(pg_url)
    monkeypatch.setenv("LANYARD_DATABASE_URL", pg_url)
    monkeypatch.setenv("LANYARD_PACK", "chsd-230")
    monkeypatch.setenv("LANYARD_MESSAGES_CHUNK_SIZE", str(CHUNK))
    monkeypatch.setitem(app.conf, "broker_url", REDIS)
    monkeypatch.setitem(app.conf, "task_default_queue", queue)
    worker = Worker(pg_url, queue)
    worker.start()
    try:
        result = CliRunner().invoke(
            cli, ["messages", "import", str(log), "--format", "csv", "--workers", "--json"]
        )
    finally:
        worker.stop()
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["new"] == MESSAGES
    assert summary["by_rule"] == {"no-text-social-private-email-students": len(TEXTED)}
    with db.uow() as uow:
        chunks = uow.session.scalar(select(func.count()).select_from(MessageImportChunk))
    assert chunks == 0
    assert count(db, Message) == MESSAGES
    db.engine.dispose()
