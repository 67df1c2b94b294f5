"""Communication audit: import + evaluation throughput on a synthetic district log, with
planted violations.

    .venv/bin/python benchmarks/messages.py [--users 20000] [--messages 200000]
        [--format m365|gmail|csv] [--pack chsd-230] [--postgres URL [--no-sqlite]]
        [--workers --redis URL [--chunk 20000]] [--processes auto|1|3|1,3]
        [--every N] [--keep DIR]

Writes a OneRoster directory (benchmarks/import_oneroster.py's generator) and imports it
(not timed), registers personal addresses for some students, then writes one day's
message log in the chosen real format: most messages are ordinary (a teacher to a
student's district address, to a class, to colleagues, to parents; mail from outside),
and some are planted violations (a teacher writing to a student's personal address; with
``csv``, also a text message to a student). Then it times ``import_messages`` end to end
(parse, resolve, evaluate, write) on a fresh SQLite file (and on PostgreSQL with
--postgres; only there with --no-sqlite) and prints messages per minute, the load
average before and after, the CPU seconds of this process and of the reader and
evaluator processes the import starts
(messages per CPU-minute: the figure a shared machine does not distort), the distinct
situations decided, peak RSS, and precision and recall of the planted violations.
``--processes 1`` imports without the reader and evaluator processes, ``--processes 3``
always with them (by default the import decides). ``--every N`` also prints the rate of
each N messages as the import goes (how the rate changes as the tables grow), and
``--keep DIR`` writes the directory and the log to DIR once and reads them from there on
the next run with the same ``--users``, ``--messages`` and ``--format`` (a log of ten
million messages takes longer to write than to import).

With ``--workers`` (needs ``--postgres`` and ``--redis``) it also imports the log through
Celery workers (``lanyard.messages.distributed``): once with one worker process, once
with two, each into a fresh schema, and prints messages/min for each and the speed-up,
with the CPU seconds of the importer and of the worker (PostgreSQL's and Redis's not
counted). The importing process (reading the file, writing the chunks) is this one.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import csv
import datetime as dt
import json
import multiprocessing
import os
import random
import resource
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine, select

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_oneroster import write_set  # noqa: E402
from lanyard.db.migrate import upgrade  # noqa: E402
from lanyard.db.session import Database  # noqa: E402
from lanyard.directory.orm import Person  # noqa: E402
from lanyard.directory.service import import_oneroster  # noqa: E402
from lanyard.messages.distributed import TASK, import_distributed  # noqa: E402
from lanyard.messages.domain import ReviewSettings  # noqa: E402
from lanyard.messages.orm import KnownAddress, Message, MessageFinding  # noqa: E402
from lanyard.messages.service import import_messages  # noqa: E402
from lanyard.policy import load_pack  # noqa: E402
from schemas import postgres_schema  # noqa: E402

DAY = dt.datetime(2025, 10, 2, 11, 0, tzinfo=dt.UTC)  # 06:00 in Chicago
PLANT_EVERY = 200  # one planted violation in this many messages


def write_log(path: Path, fmt: str, n: int, users: int, seed: int = 11) -> dict[str, set[str]]:
    """The day's log; returns the message ids planted, by the finding each should give:
    ``violation``, ``late_night_one_to_one`` (for review) and, with csv bodies,
    ``solicitation``."""
    rng = random.Random(seed)
    staff = users // 20
    students = users * 6 // 10
    parents = users - staff - students
    planted: dict[str, set[str]] = {"violation": set(), "late_night_one_to_one": set()}
    if fmt == "csv":
        planted["solicitation"] = set()

    def message(i: int) -> tuple[str, dt.datetime, str, list[str], str]:
        t = DAY + dt.timedelta(seconds=rng.randrange(0, 14 * 3600))
        teacher = f"staff{rng.randrange(staff)}@bench.example.org"
        mid = f"<bench{i}@mail.bench.example.org>"
        roll = rng.random()
        medium = "email"
        if i % PLANT_EVERY == PLANT_EVERY // 2:  # 23:00-00:30 in Chicago, one to one
            planted["late_night_one_to_one"].add(mid)
            late = DAY.replace(hour=4) + dt.timedelta(seconds=rng.randrange(0, 5400))
            to = [f"st{rng.randrange(students)}@students.bench.example.org"]
            return mid, late, teacher, to, medium
        if fmt == "csv" and i % PLANT_EVERY == 7:
            planted["solicitation"].add(mid)
            return (
                mid,
                t,
                teacher,
                [f"st{rng.randrange(students)}@students.bench.example.org"],
                "sms",
            )
        if i % PLANT_EVERY == 0:
            planted["violation"].add(mid)
            s = rng.randrange(0, students, 10)  # students with a known personal address
            if fmt == "csv" and i % (2 * PLANT_EVERY) == 0:
                return mid, t, teacher, [f"st{s}@students.bench.example.org"], "text_message"
            return mid, t, teacher, [f"st{s}.home@example.com"], medium
        if roll < 0.35:
            to = [f"st{rng.randrange(students)}@students.bench.example.org"]
        elif roll < 0.55:
            size = rng.randrange(2, 30)
            to = [f"st{rng.randrange(students)}@students.bench.example.org" for _ in range(size)]
        elif roll < 0.8:
            to = [
                f"staff{rng.randrange(staff)}@bench.example.org" for _ in range(rng.randrange(1, 5))
            ]
        elif roll < 0.92:
            to = [f"p{rng.randrange(parents)}@example.net" for _ in range(rng.randrange(1, 3))]
        else:  # mail from outside
            return mid, t, f"news{rng.randrange(500)}@shop.example.com", [teacher], medium
        return mid, t, teacher, to, medium

    with path.open("w", encoding="utf-8", newline="") as fh:
        if fmt == "m365":
            w = csv.writer(fh)
            w.writerow(
                [
                    "Received",
                    "SenderAddress",
                    "RecipientAddress",
                    "Subject",
                    "Status",
                    "ToIP",
                    "FromIP",
                    "Size",
                    "MessageId",
                    "MessageTraceId",
                    "Organization",
                ]
            )
            for i in range(n):
                mid, t, sender, to, _ = message(i)
                stamp = t.strftime("%Y-%m-%dT%H:%M:%S.000Z")
                trace = str(uuid.UUID(int=i))
                for r in dict.fromkeys(to):
                    w.writerow(
                        [
                            stamp,
                            sender,
                            r,
                            "Subject",
                            "Delivered",
                            "",
                            "203.0.113.10",
                            "4096",
                            mid,
                            trace,
                            "bench.onmicrosoft.com",
                        ]
                    )
        elif fmt == "gmail":
            for i in range(n):
                mid, t, sender, to, _ = message(i)
                row = {
                    "event_info": {
                        "timestamp_usec": str(int(t.timestamp() * 1e6)),
                        "success": True,
                        "mail_event_type": "1",
                    },
                    "message_info": {
                        "rfc2822_message_id": mid,
                        "subject": "Subject",
                        "source": {"address": sender, "from_header_address": sender},
                        "destination": [{"address": r} for r in to],
                        "payload_size": "4096",
                    },
                }
                fh.write(json.dumps(row, separators=(",", ":")) + "\n")
        else:
            w = csv.writer(fh)
            w.writerow(
                ["message_id", "sent_at", "sender", "recipients", "medium", "subject", "body"]
            )
            for i in range(n):
                mid, t, sender, to, medium = message(i)
                body = "See you in class."
                if medium == "sms":
                    medium, body = "email", "Easier to text me at 555-014-2299 after practice."
                w.writerow(
                    [
                        mid,
                        t.isoformat(),
                        sender,
                        ";".join(to),
                        medium,
                        "Subject",
                        body,
                    ]
                )
    return planted


def run(
    label: str,
    url: str,
    roster: Path,
    log: Path,
    fmt: str,
    pack_id: str,
    planted: dict[str, set[str]],
    users: int,
    parallel: bool | None = None,
    every: int = 0,
) -> None:
    db, now = prepare(url, roster, users)
    review = ReviewSettings(timezone=ZoneInfo("America/Chicago"))
    load = os.getloadavg()[0]
    pack = load_pack(pack_id)
    server = _ServerCpu(url)
    peaks = _PeakRss()  # from here: the directory's own import above is not counted
    start, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    summary = import_messages(
        progress=_Segments(every, start) if every else None,
        db=db,
        path=log,
        format=fmt,
        pack=pack,
        review=review,
        now=now,
        parallel=parallel,
    )
    elapsed = time.perf_counter() - start
    import_rss = peaks.stop()
    mine = time.process_time() - cpu
    theirs = _children_cpu() - children
    cpu = mine + theirs
    served = server.stop()
    scores = score(db, planted)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{label}: {summary.messages:,} messages ({fmt}) in {elapsed:.1f} s = "
        f"{summary.messages / elapsed * 60:,.0f} messages/min end to end "
        f"(load average {load:.1f} before, {os.getloadavg()[0]:.1f} after, "
        f"on {os.cpu_count()} cores; CPU {cpu:.1f} s, {mine:.1f} s in this process and "
        f"{theirs:.1f} s in its reader and evaluator processes = "
        f"{summary.messages / cpu * 60:,.0f} messages per CPU-minute; "
        f"{summary.processes} process{'es' if summary.processes > 1 else ''}"
        + (
            f"; PostgreSQL's server processes {served:.1f} s more = "
            f"{summary.messages / (cpu + served) * 60:,.0f} per CPU-minute with them"
            if served is not None
            else ""
        )
        + f"); {summary.situations} distinct situations decided; findings {summary.findings:,} "
        f"by rule {summary.by_rule}; for review {summary.for_review:,}"
    )
    print(
        f"{label}: {'; '.join(scores)}; peak RSS of the import's processes: {import_rss} "
        f"(this process's over its whole life, scoring included: {rss:,.0f} MB)"
    )
    db.engine.dispose()


class _Segments:
    """A progress callback printing, every ``every`` messages read, the time so far and,
    for the last ``every``, the rate, the CPU seconds of the import's processes (this one
    and the reader and evaluator it started) and messages per CPU-minute, the share of the
    wall clock each process was busy, with each process's RSS now (each process's CPU and
    RSS in the same order: this one, then its children as /proc lists them)."""

    def __init__(self, every: int, start: float) -> None:
        self.every, self.read, self.mark = every, 0, every
        self.start = self.last = start
        self.cpu = self._cpu()

    @staticmethod
    def _pids() -> list[int]:
        me = os.getpid()
        try:
            kids = Path(f"/proc/{me}/task/{me}/children").read_text().split()
        except OSError:
            kids = []
        return [me, *map(int, kids)]

    def _cpu(self) -> dict[int, float]:
        return {pid: _cpu_seconds(pid) or 0.0 for pid in self._pids()}

    def __call__(self, size: int) -> None:
        self.read += size
        if self.read < self.mark:
            return
        now, cpu = time.perf_counter(), self._cpu()
        segment = self.read - (self.mark - self.every)
        each = {pid: t - self.cpu.get(pid, 0.0) for pid, t in cpu.items()}
        used = sum(each.values())
        rss = "/".join(f"{(_status(pid, 'VmRSS:') or 0) / 1024:,.0f}" for pid in cpu)
        # each process's CPU over the wall clock: the share of the segment it ran (on an
        # idle machine, what it did not run it waited for another stage)
        wall = now - self.last
        busy = "/".join(f"{t / wall:.0%}" for t in each.values()) if wall > 0 else "?"
        print(
            f"  {self.read:,} messages in {now - self.start:.1f} s: the last {segment:,} at "
            f"{segment / (now - self.last) * 60:,.0f}/min, CPU {used:.1f} s "
            f"({'/'.join(f'{t:.1f}' for t in each.values())}) = "
            f"{segment / used * 60 if used else 0:,.0f} per CPU-minute (load average "
            f"{os.getloadavg()[0]:.1f}; busy {busy} of the time; RSS {rss} MB)",
            flush=True,
        )
        self.last, self.cpu, self.mark = now, cpu, self.read + self.every


class _PeakRss:
    """Peak RSS of this process and of each process it starts, from now until ``stop``:
    this process's high-water mark is reset (``/proc/self/clear_refs``) so that what it
    did before (writing the files, importing the directory) is not counted, and its
    children's are read every 0.2 s while they run (a forked child's count includes the
    pages it shares with this process)."""

    def __init__(self) -> None:
        self.peaks: dict[int, int] = {}
        self.cpu: dict[int, float] = {}  # a child's CPU seconds when last seen
        self._stop = threading.Event()
        self._reset = True
        try:
            Path("/proc/self/clear_refs").write_text("5")
        except OSError:
            self._reset = False  # not Linux, or not allowed: the whole life's peak
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(0.2):
            self._sample()

    def _sample(self) -> None:
        me = os.getpid()
        try:
            kids = Path(f"/proc/{me}/task/{me}/children").read_text().split()
        except OSError:
            kids = []
        for pid in [me, *map(int, kids)]:
            hwm = _hwm(pid)
            if hwm is not None:
                self.peaks[pid] = max(hwm, self.peaks.get(pid, 0))
            if pid != me:
                cpu = _cpu_seconds(pid)
                if cpu is not None:
                    self.cpu[pid] = cpu

    def stop(self) -> str:
        self._stop.set()
        self._thread.join()
        self._sample()
        names = ["importer"]
        if len(self.peaks) == 3:  # forked in this order: the reader, then the evaluator
            names += ["reader", "evaluator"]
        else:
            names += [f"child {i}" for i in range(1, len(self.peaks))]
        me = os.getpid()
        pids = sorted(self.peaks, key=lambda p: (p != me, p))
        parts = [
            f"{n} {self.peaks[pid] / 1024:,.0f} MB"
            + (f" (CPU {self.cpu[pid]:.1f} s or more)" if pid in self.cpu else "")
            for n, pid in zip(names, pids, strict=True)
        ]
        if not self._reset:
            parts.append("(this process's peak since it started: could not reset it)")
        return ", ".join(parts)


class _ServerCpu:
    """CPU seconds of the PostgreSQL server's processes that serve the import, when the
    server runs on this machine (its processes' ``/proc`` readable): the backends of the
    connections named with the benchmark's ``application_name`` (see
    :func:`schemas.postgres_schema`), sampled every 0.2 s while they live, and the server's
    WAL writer, checkpointer and background writer (shared with any other work on the
    server). None for SQLite, or when the server's processes cannot be read."""

    AUXILIARY = ("walwriter", "checkpointer", "background writer")

    def __init__(self, url: str) -> None:
        self.cpu: dict[int, float] = {}
        self._start: dict[int, float] = {}
        self._engine = None
        self._name = _application_name(url)
        if self._name is None:
            return
        self._engine = create_engine(url.split("?")[0], pool_size=1)
        self._auxiliary = [pid for pid in _server_pids() if _title(pid).endswith(self.AUXILIARY)]
        self._start = {pid: _cpu_seconds(pid) or 0.0 for pid in self._auxiliary}
        if not self._start:
            return  # not on this machine
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        assert self._engine is not None
        with self._engine.connect() as conn:
            while not self._stop.wait(0.2):
                pids = conn.exec_driver_sql(
                    "SELECT pid FROM pg_stat_activity WHERE application_name = %s",
                    (self._name,),
                ).scalars()
                for pid in pids:
                    cpu = _cpu_seconds(pid)
                    if cpu is not None:
                        self.cpu[pid] = cpu
                conn.rollback()

    def stop(self) -> float | None:
        if not self._start:
            if self._engine is not None:
                self._engine.dispose()
            return None
        self._stop.set()
        self._thread.join()
        assert self._engine is not None
        self._engine.dispose()
        auxiliary = sum((_cpu_seconds(p) or 0.0) - before for p, before in self._start.items())
        return sum(self.cpu.values()) + auxiliary


def _application_name(url: str) -> str | None:
    for part in url.partition("?")[2].split("&"):
        key, _, value = part.partition("=")
        if key == "application_name":
            return value
    return None


def _server_pids() -> list[int]:
    return [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()]


def _title(pid: int) -> str:
    """A process's title (PostgreSQL's processes name themselves: ``postgres: ...``)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except (OSError, UnicodeDecodeError):
        return ""


def _hwm(pid: int) -> int | None:
    """A process's peak RSS in kB (``VmHWM``), or None once it has ended."""
    return _status(pid, "VmHWM:")


def _status(pid: int, field: str) -> int | None:
    """A field of a process's ``/proc/PID/status`` in kB, or None once it has ended."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _cpu_seconds(pid: int) -> float | None:
    """A process's CPU seconds so far (user and system), or None once it has ended."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children_cpu() -> float:
    """CPU seconds of this process's finished children (the import's reader and
    evaluator processes, a Celery worker once stopped)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def prepare(url: str, roster: Path, users: int) -> tuple[Database, dt.datetime]:
    """A migrated database with the directory and the students' known personal addresses,
    written by a child process: what importing the directory leaves in a process's heap
    does not count in the import's peak RSS."""
    now = dt.datetime.now(dt.UTC)
    writer = multiprocessing.get_context("fork").Process(
        target=_prepare, args=(url, roster, users, now)
    )
    writer.start()
    writer.join()
    if writer.exitcode != 0:
        raise SystemExit(f"writing the directory failed (exit code {writer.exitcode})")
    return Database(url), now


def _prepare(url: str, roster: Path, users: int, now: dt.datetime) -> None:
    upgrade(url)
    db = Database(url)
    with db.uow(write=True) as uow:
        import_oneroster(uow=uow, path=roster, dry_run=False, now=now)
    students = users * 6 // 10
    with db.uow(write=True) as uow:
        ids = dict(
            uow.session.execute(
                select(Person.sourced_id, Person.id).where(Person.kind == "student")
            ).all()
        )
        uow.session.add_all(
            KnownAddress(
                address=f"st{s}.home@example.com", person_id=ids[f"u-s-{s}"], source="bench"
            )
            for s in range(0, students, 10)
        )
        uow.commit()
    db.engine.dispose()


def score(db: Database, planted: dict[str, set[str]]) -> list[str]:
    """Precision and recall of each kind planted."""
    scores: list[str] = []
    with db.uow() as uow:
        for kind, ids in planted.items():
            column = MessageFinding.kind if kind in ("violation", "solicitation") else None
            condition = column == kind if column is not None else MessageFinding.rule == kind
            flagged = {
                sid
                for (sid,) in uow.session.execute(
                    select(Message.source_id)
                    .join(MessageFinding, MessageFinding.message_id == Message.id)
                    .where(condition)
                )
            }
            hit = len(flagged & ids)
            precision = hit / len(flagged) if flagged else 0.0
            recall = hit / len(ids) if ids else 0.0
            scores.append(
                f"{kind} {len(ids):,} planted: precision {precision:.3f}, recall {recall:.3f}"
            )
        # rules that could apply on facts the log cannot show (for review, with a clause)
        possible = {
            sid
            for (sid,) in uow.session.execute(
                select(Message.source_id)
                .join(MessageFinding, MessageFinding.message_id == Message.id)
                .where(MessageFinding.kind == "review", MessageFinding.clause.is_not(None))
            )
        }
        ids = planted["violation"]
        hit = len(possible & ids)
        scores.append(
            f"violation planted, shown for review as a rule that could apply: {len(possible):,}"
            f" messages, precision {hit / len(possible) if possible else 0.0:.3f},"
            f" recall {hit / len(ids) if ids else 0.0:.3f}"
        )
    return scores


def run_workers(
    url: str,
    redis: str,
    roster: Path,
    log: Path,
    fmt: str,
    pack_id: str,
    planted: dict[str, set[str]],
    users: int,
    processes: int,
    chunk: int,
) -> float:
    """The log imported through ``processes`` Celery worker processes; messages/min."""
    from lanyard.config import Settings
    from lanyard.jobs.celery_app import TASK_ONE, make_celery

    db, now = prepare(url, roster, users)
    queue = f"lanyard-bench-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "LANYARD_DATABASE_URL": url, "LANYARD_BROKER_URL": redis}
    env.setdefault("LANYARD_TIME_ZONE", "America/Chicago")
    # a worker is a Lanyard process: it needs the installation's secrets (throwaway ones here)
    env.setdefault("LANYARD_SECRET_KEY", secrets.token_urlsafe(48))
    key = base64.b64encode(secrets.token_bytes(32)).decode()
    env.setdefault("LANYARD_ENCRYPTION_KEYS", f"bench:{key}")
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "lanyard.jobs.celery_app", "worker", "-Q", queue]
        + ["-c", str(processes), "--pool", "prefork", "-l", "warning"]
        + ["--without-mingle", "--without-gossip", "--without-heartbeat"],
        env=env,
        start_new_session=True,
    )
    app = make_celery(Settings(broker_url=redis))
    children = _children_cpu()
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=0.5) and time.monotonic() < deadline:
            pass  # until the worker answers, so its start-up is not timed
        load = os.getloadavg()[0]
        start, cpu = time.perf_counter(), time.process_time()
        summary = import_distributed(
            db=db,
            path=log,
            format=fmt,
            pack=load_pack(pack_id),
            now=now,
            send=lambda task_id: app.send_task(TASK_ONE, args=(TASK, [task_id]), queue=queue),
            chunk_size=chunk,
            poll=0.05,
            timeout=1800,
        )
        elapsed = time.perf_counter() - start
        importer = time.process_time() - cpu
    finally:
        os.kill(worker.pid, signal.SIGTERM)  # a warm shutdown: the main process stops its pool
        worker.wait(60)
    workers = _children_cpu() - children  # start-up included
    rate = summary.messages / elapsed * 60
    print(
        f"celery, {processes} worker process{'es' if processes > 1 else ''}: "
        f"{summary.messages:,} messages ({fmt}) in {elapsed:.1f} s = {rate:,.0f} messages/min "
        f"end to end (load average {load:.1f} before, {os.getloadavg()[0]:.1f} after, on "
        f"{os.cpu_count()} cores; CPU {importer:.1f} s in the importer, {workers:.1f} s in the "
        f"worker with its start-up = {summary.messages / (importer + workers) * 60:,.0f} "
        f"messages per CPU-minute, PostgreSQL's and Redis's own not counted); "
        f"findings {summary.findings:,}; for review {summary.for_review:,}; "
        f"{'; '.join(score(db, planted))}"
    )
    db.engine.dispose()
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20000)
    parser.add_argument("--messages", type=int, default=200000)
    parser.add_argument("--format", choices=("m365", "gmail", "csv"), default="m365")
    parser.add_argument("--pack", default="chsd-230")
    parser.add_argument("--postgres", default=None)
    parser.add_argument(
        "--no-sqlite", action="store_true", help="with --postgres: skip the SQLite import"
    )
    parser.add_argument("--workers", action="store_true", help="also through Celery workers")
    parser.add_argument("--redis", default=None, help="the Celery broker for --workers")
    parser.add_argument("--chunk", type=int, default=20000, help="messages per chunk")
    parser.add_argument("--only-workers", action="store_true", help="skip the in-process imports")
    parser.add_argument(
        "--processes",
        choices=("auto", "1", "3", "1,3"),
        default="auto",
        help="1: import in this process alone; 3: with a reader and an evaluator process; "
        "auto: as the import decides (3 for a large file when a core is idle); 1,3: both, "
        "one after the other, each into an empty database",
    )
    parser.add_argument(
        "--every", type=int, default=0, help="print the rate of every N messages as it goes"
    )
    parser.add_argument(
        "--keep",
        type=Path,
        default=None,
        help="write the directory and the log to this folder, or read them from there when "
        "written before with the same --users, --messages and --format",
    )
    args = parser.parse_args()
    if args.workers and not (args.postgres and args.redis):
        parser.error("--workers needs --postgres and --redis")
    if args.no_sqlite and not args.postgres:
        parser.error("--no-sqlite needs --postgres")
    modes = args.processes.split(",")
    with contextlib.ExitStack() as stack:
        if args.keep is not None:
            args.keep.mkdir(parents=True, exist_ok=True)
            folder = args.keep
        else:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        roster, log, planted = written(folder, args.users, args.messages, args.format)
        size = log.stat().st_size / 1e6
        print(f"directory: {args.users:,} people; log: {args.messages:,} messages, {size:.0f} MB")
        databases: list[tuple[str, Callable[[], contextlib.AbstractContextManager[str]]]] = []
        if not args.only_workers:
            if not args.no_sqlite:
                databases.append(("sqlite", lambda: sqlite_url(folder)))
            if args.postgres:
                databases.append(("postgresql", lambda: postgres_schema(args.postgres, named=True)))
        for name, database in databases:
            for mode in modes:
                with database() as url:  # each run into an empty database
                    run(
                        name if len(modes) == 1 else f"{name}, --processes {mode}",
                        url,
                        roster,
                        log,
                        args.format,
                        args.pack,
                        planted,
                        args.users,
                        {"auto": None, "1": False, "3": True}[mode],
                        args.every,
                    )
        if args.workers:
            rates = []
            for processes in (1, 2):
                with postgres_schema(args.postgres, named=True) as url:
                    rates.append(
                        run_workers(
                            url,
                            args.redis,
                            roster,
                            log,
                            args.format,
                            args.pack,
                            planted,
                            args.users,
                            processes,
                            args.chunk,
                        )
                    )
            print(f"celery: speed-up from 1 to 2 worker processes {rates[1] / rates[0]:.2f}x")


def written(
    folder: Path, users: int, messages: int, fmt: str
) -> tuple[Path, Path, dict[str, set[str]]]:
    """The directory, the log and the ids planted in it, in ``folder``: written now, or
    read back when a run with the same users, messages and format wrote them there."""
    name = f"{users}-{messages}-{fmt}"
    roster = folder / f"roster-{users}"
    log = folder / f"log-{name}.{'jsonl' if fmt == 'gmail' else 'csv'}"
    ids = folder / f"planted-{name}.json"  # written last: its presence says the rest is whole
    if ids.exists():
        planted = {k: set(v) for k, v in json.loads(ids.read_text()).items()}
        return roster, log, planted
    roster.mkdir(exist_ok=True)
    write_set(roster, users)
    planted = write_log(log, fmt, messages, users)
    ids.write_text(json.dumps({k: sorted(v) for k, v in planted.items()}))
    return roster, log, planted


@contextlib.contextmanager
def sqlite_url(folder: Path) -> Iterator[str]:
    """A new SQLite file in ``folder``, removed afterwards (and its disk freed)."""
    try:
        yield f"sqlite:///{folder / 'bench.sqlite3'}"
    finally:
        for file in folder.glob("bench.sqlite3*"):
            file.unlink()


if __name__ == "__main__":
    os.environ.setdefault("LANYARD_DEMO", "0")
    main()
