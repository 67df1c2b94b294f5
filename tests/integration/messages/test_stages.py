"""An import read and evaluated in other processes, each of which queues a few batches for
the next (lanyard.messages.stages): a stage killed while those queues are full fails the
import loudly and leaves nothing behind, on SQLite and PostgreSQL. And the garbage
collector's settings an import changes while it runs are put back."""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
import signal
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from lanyard.connectors.messages import MessageLogError
from lanyard.db.session import Database
from lanyard.directory.service import import_oneroster
from lanyard.messages.domain import ReviewSettings
from lanyard.messages.orm import Message, MessageFinding, MessageImport
from lanyard.messages.service import import_messages
from lanyard.policy import load_pack

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
NOW = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
REVIEW = ReviewSettings(timezone=ZoneInfo("America/Chicago"))
BATCH = 300
BATCHES = 100  # far more than the queues and pipes between the stages hold

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="three processes only on Linux")


@pytest.fixture
def district(database: Database) -> Database:
    with database.uow(write=True) as uow:
        import_oneroster(uow=uow, path=FIXTURES / "oneroster" / "v1p1", dry_run=False, now=NOW)
    return database


def _log(path: Path) -> Path:
    """A day of texts and mail, every tenth a text message to a student (a violation)."""
    lines = ["message_id,sent_at,sender,recipients,medium"]
    for i in range(BATCH * BATCHES):
        medium = "text_message" if i % 10 == 0 else "email"
        lines.append(
            f"m-{i},2025-10-02T15:{i % 60:02d}:00Z,alovelace@example.org,"
            f"ghopper26@students.example.org;kjohnson@example.org,{medium}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _cpu(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def _wait_until_idle(pids: list[int], *, still: float = 1.0, limit: float = 120) -> None:
    """Until none of ``pids`` has used CPU for ``still`` seconds: each waits with its
    queue full for the next stage (the reader waits only on a full queue, so the
    evaluator is not reading, so it waits on its own full queue)."""
    deadline = time.monotonic() + limit
    last = [_cpu(p) for p in pids]
    since = time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = [_cpu(p) for p in pids]
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= still:
            return
    raise AssertionError("the reading and evaluating processes never stopped to wait")


def count(db: Database, table: type) -> int:
    with db.uow() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(table)) or 0)


@pytest.mark.parametrize("killed", ["reader", "evaluator"])
def test_a_stage_killed_with_its_queue_full_fails_the_import_and_leaves_no_rows(
    district: Database, tmp_path: Path, killed: str
) -> None:
    # The importer stops after writing the first batch (its progress callback waits), so
    # the reader and the evaluator run ahead until their queues are full and they wait.
    # One of them is then killed: nothing tells the others but their pipes. The import
    # must fail (the evaluator's queued batches may still be written first) and remove
    # every row it wrote, findings included.
    path = _log(tmp_path / "day.csv")
    stages: dict[str, int] = {}

    def progress(_size: int) -> None:
        if stages:
            return
        for child in multiprocessing.active_children():
            if child.name.startswith("lanyard-messages-") and child.pid is not None:
                stages[child.name.removeprefix("lanyard-messages-")] = child.pid
        assert set(stages) == {"reader", "evaluator"}
        assert count(district, Message) == BATCH  # the first batch is written
        _wait_until_idle(list(stages.values()))
        os.kill(stages[killed], signal.SIGKILL)

    with pytest.raises(RuntimeError, match="ended early"):
        import_messages(
            db=district,
            path=path,
            format="csv",
            pack=load_pack("chsd-230"),
            review=REVIEW,
            now=NOW,
            batch_size=BATCH,
            parallel=True,
            progress=progress,
        )
    assert stages, "the import wrote a batch before it failed"
    assert count(district, Message) == 0
    assert count(district, MessageFinding) == 0
    with district.uow() as uow:
        assert uow.session.scalars(select(MessageImport.status)).all() == ["failed"]


def test_an_import_in_one_process_puts_the_collectors_thresholds_back(
    district: Database, tmp_path: Path
) -> None:
    # It collects less often while it reads and evaluates; the process it runs in (a web
    # server, a worker) keeps its own settings afterwards, whether the file is imported
    # or refused.
    before = gc.get_threshold()
    good = _log(tmp_path / "day.csv")
    summary = import_messages(
        db=district,
        path=good,
        format="csv",
        pack=load_pack("chsd-230"),
        review=REVIEW,
        now=NOW,
        batch_size=BATCH,
        parallel=False,
    )
    assert summary.messages == BATCH * BATCHES
    assert gc.get_threshold() == before
    bad = tmp_path / "bad.csv"
    bad.write_text(
        good.read_text(encoding="utf-8") + "m-x,not a time,a@example.org,b@example.org,email\n",
        encoding="utf-8",
    )
    with pytest.raises(MessageLogError):
        import_messages(
            db=district,
            path=bad,
            format="csv",
            pack=load_pack("chsd-230"),
            review=REVIEW,
            now=NOW,
            batch_size=BATCH,
            parallel=False,
        )
    assert gc.get_threshold() == before
