"""Importing message logs into a real database (SQLite and PostgreSQL): findings with
their clauses, idempotent by message id, all or nothing, audited reads, bodies only with
a finding, retention."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import shutil
import signal
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete, func, select

from lanyard.audit.orm import AuditEntry
from lanyard.connectors.messages import MessageLogError
from lanyard.connectors.messages.canvas import read_canvas_users
from lanyard.db.session import Database
from lanyard.directory.service import import_oneroster
from lanyard.messages.domain import ReviewSettings
from lanyard.messages.findings import purge_expired, read_findings
from lanyard.messages.orm import Message, MessageFinding, MessageImport
from lanyard.messages.service import ImportSummary, import_messages
from lanyard.policy import load_pack

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
MESSAGES = FIXTURES / "messages"
NOW = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
REVIEW = ReviewSettings(timezone=ZoneInfo("America/Chicago"))


@pytest.fixture
def district(database: Database) -> Database:
    with database.uow(write=True) as uow:
        import_oneroster(uow=uow, path=FIXTURES / "oneroster" / "v1p1", dry_run=False, now=NOW)
    return database


def run(db: Database, name: str, fmt: str, *, dry_run: bool = False, **kw: object) -> ImportSummary:
    return import_messages(
        db=db,
        path=kw.pop("path", MESSAGES / name),  # type: ignore[arg-type]
        format=fmt,
        pack=load_pack("chsd-230"),
        review=REVIEW,
        now=NOW,
        dry_run=dry_run,
        **kw,  # type: ignore[arg-type]
    )


def count(db: Database, table: type) -> int:
    with db.uow() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(table)) or 0)


def findings(db: Database) -> list[dict[str, object]]:
    with db.uow(write=True) as uow:
        return [v.to_dict() for v in read_findings(uow=uow, now=NOW, actor_id=None)]


def test_gmail_log_flags_mail_to_a_students_personal_address_with_the_clause(
    district: Database,
) -> None:
    summary = run(district, "gmail_daily.jsonl", "gmail")
    # 6 message events: the sent event covers its own received copy; a stranger's
    # newsletter is kept as metadata
    assert (summary.messages, summary.new, summary.findings) == (5, 5, 1)
    assert summary.by_rule == {"email-students-district-address": 1}
    found = findings(district)
    violation = next(f for f in found if f["kind"] == "violation")
    assert violation["message_id"] == "<CAexample001@mail.gmail.com>"
    assert violation["verdict"] == "prohibited"
    assert (
        violation["clause"]
        == "District-Sponsored Electronic Communications/Social Media Use, item 1"
    )
    assert violation["counterparts"][0]["role"] == "student"  # type: ignore[index]
    # the 23:40 one-to-one message to a student is for review, not a violation
    review = [f for f in found if f["kind"] == "review"]
    assert [(f["rule"], f["verdict"], f["clause"]) for f in review] == [
        ("late_night_one_to_one", "for_review", None)
    ]


def test_the_same_file_or_an_overlapping_one_adds_nothing_twice(district: Database) -> None:
    run(district, "gmail_daily.jsonl", "gmail")
    before = (count(district, Message), count(district, MessageFinding))
    again = run(district, "gmail_daily.jsonl", "gmail")
    assert (again.new, again.duplicates, again.findings) == (0, 5, 0)
    assert (count(district, Message), count(district, MessageFinding)) == before


@pytest.mark.parametrize("parallel", [False, True], ids=["one process", "three processes"])
def test_keys_that_share_their_first_8_bytes_are_each_imported_once(
    district: Database, monkeypatch: pytest.MonkeyPatch, parallel: bool
) -> None:
    """Uniqueness is checked on a key's first 8 bytes (``message_hash``); two keys that
    share them (about one pair in 10^19) are two messages all the same, each written once.
    Here every key gets the same number, in batches of 2 (so in flight between the
    processes too), after a message already written with it."""
    from lanyard.messages import service, stages

    monkeypatch.setattr(service, "key_hash", lambda key: 7)
    monkeypatch.setattr(stages, "key_hash", lambda key: 7)  # the reading process's
    with district.uow(write=True) as uow:
        uow.session.add(
            MessageImport(
                id="earlier",
                format="gmail",
                file_name="earlier.jsonl",
                file_sha256="0" * 64,
                status="complete",
                started_at=NOW,
                pack_id="chsd-230",
                pack_hash="0",
                counts={},
            )
        )
        uow.session.flush()
        uow.session.add(
            Message(
                import_id="earlier",
                message_key="f" * 64,
                message_hash=7,
                source="gmail",
                sent_at=NOW,
                sender_key="someone@example.org",
                medium="email",
                recipient_count=0,
                recipients=[],
            )
        )
        uow.commit()
    first = run(district, "gmail_daily.jsonl", "gmail", batch_size=2, parallel=parallel)
    assert (first.new, first.duplicates, first.findings, first.for_review) == (5, 0, 1, 1)
    again = run(district, "gmail_daily.jsonl", "gmail", batch_size=2, parallel=parallel)
    assert (again.new, again.duplicates, again.findings) == (0, 5, 0)
    with district.uow() as uow:
        numbers = sorted(
            uow.session.execute(select(Message.message_hash, Message.message_key)).all(),
            key=lambda row: row[1],
        )
    assert len(numbers) == 6
    assert len({key for _, key in numbers}) == 6
    assert [number for number, _ in numbers] == [None] * 5 + [7]  # the earlier one's
    assert count(district, MessageFinding) == 2  # the violation and the late-night message


def test_message_trace_and_canvas_and_csv(district: Database) -> None:
    trace = run(district, "m365_trace.csv", "m365")
    assert trace.by_rule == {"email-students-district-address": 1}
    canvas = run(
        district,
        "canvas_conversations.json",
        "canvas",
        platform_ids=read_canvas_users(MESSAGES / "canvas_users.csv"),
    )
    assert (canvas.messages, canvas.findings, canvas.solicitations) == (3, 0, 1)
    generic = run(district, "generic.csv", "csv")
    assert generic.by_rule == {"no-text-social-private-email-students": 1}
    found = findings(district)
    solicitations = [f for f in found if f["kind"] == "solicitation"]
    assert len(solicitations) == 2
    canvas_one = next(f for f in solicitations if f["source"] == "canvas")
    assert [m["words"] for m in canvas_one["marks"]] == [  # type: ignore[attr-defined]
        "text me",
        "(555) 014-2299",
        "add me on snap",
        "my snapchat is",
    ]
    # what the pack says of the channel asked for (texting a student)
    assert "text messaging" in str(canvas_one["quote"])


def test_bodies_are_kept_only_for_messages_with_a_finding(district: Database) -> None:
    run(
        district,
        "canvas_conversations.json",
        "canvas",
        platform_ids=read_canvas_users(MESSAGES / "canvas_users.csv"),
    )
    with district.uow() as uow:
        rows = uow.session.execute(select(Message.has_finding, Message.body)).all()
    assert sorted((flag, body is not None) for flag, body in rows) == [
        (False, False),
        (False, False),
        (True, True),
    ]


def test_a_bad_line_late_in_the_file_leaves_nothing_behind(
    district: Database, tmp_path: Path
) -> None:
    path = tmp_path / "day.jsonl"
    shutil.copy(MESSAGES / "gmail_daily.jsonl", path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"event_info":{"mail_event_type":1},"message_info":{}}\n')
    with pytest.raises(MessageLogError) as caught:
        run(district, "", "gmail", path=path, batch_size=2)
    assert "day.jsonl, line 8, field 'message_info.rfc2822_message_id'" in str(caught.value)
    assert count(district, Message) == 0
    assert count(district, MessageFinding) == 0
    with district.uow() as uow:
        assert uow.session.scalars(select(MessageImport.status)).all() == ["failed"]
    # fixed, the same file imports in full
    path.write_text((MESSAGES / "gmail_daily.jsonl").read_text(encoding="utf-8"))
    assert run(district, "", "gmail", path=path, batch_size=2).new == 5


def test_dry_run_writes_nothing(district: Database) -> None:
    summary = run(district, "gmail_daily.jsonl", "gmail", dry_run=True)
    assert (summary.new, summary.findings) == (5, 1)
    assert count(district, Message) == 0 and count(district, MessageImport) == 0


def test_reading_findings_is_audited(district: Database) -> None:
    run(district, "gmail_daily.jsonl", "gmail")
    findings(district)
    with district.uow() as uow:
        events = uow.session.scalars(select(AuditEntry.event).order_by(AuditEntry.seq)).all()
    assert events[-2:] == ["messages:imported", "message_findings:read"]


def test_retention_purges_old_metadata_but_keeps_messages_with_findings(
    district: Database,
) -> None:
    run(district, "gmail_daily.jsonl", "gmail")
    assert count(district, Message) == 5
    with district.uow(write=True) as uow:
        purged = purge_expired(uow=uow, now=NOW, retention_days=30)
    assert purged == 3  # the two with a finding (violation, late night) stay
    assert count(district, Message) == 2
    assert len(findings(district)) == 2


def test_retention_purges_only_messages_older_than_the_period(district: Database) -> None:
    summary = run(district, "gmail_daily.jsonl", "gmail")
    with district.uow() as uow:
        times = sorted(
            uow.session.scalars(select(Message.sent_at).where(Message.has_finding.is_(False)))
        )
        first = uow.session.get(MessageImport, summary.import_id).first_sent_at  # type: ignore[union-attr]
    assert first is not None and first <= times[0]
    days = 30
    with district.uow(write=True) as uow:  # the period starts at the import's first message
        assert purge_expired(uow=uow, now=first + dt.timedelta(days=days), retention_days=days) == 0
    with district.uow(write=True) as uow:  # it starts at the last message without a finding
        purged = purge_expired(
            uow=uow, now=times[-1] + dt.timedelta(days=days), retention_days=days
        )
    assert purged == len([t for t in times if t < times[-1]]) > 0
    with district.uow() as uow:
        left = set(
            uow.session.scalars(select(Message.sent_at).where(Message.has_finding.is_(False)))
        )
    assert left == {times[-1]}


def test_metadata_of_every_message_reads_back_as_written(district: Database) -> None:
    run(district, "m365_trace.csv", "m365")
    with district.uow() as uow:
        rows = uow.session.execute(
            select(Message.sent_at, Message.recipients, Message.has_finding).order_by(
                Message.sent_at
            )
        ).all()
    # the message between colleagues went through the bulk path, the other with a finding
    assert [(r.sent_at, r.has_finding) for r in rows] == [
        (dt.datetime(2025, 10, 3, 1, 14, 22, tzinfo=dt.UTC), True),
        (dt.datetime(2025, 10, 3, 1, 20, tzinfo=dt.UTC), False),
    ]
    assert [entry[2:] for entry in rows[1].recipients] == [
        ["employee", "district"],
        ["administrator", "district"],
    ]
    with district.uow() as uow:  # the time index answers range queries on both databases
        since = dt.datetime(2025, 10, 3, 1, 15, tzinfo=dt.UTC)
        assert uow.session.scalar(select(func.count()).where(Message.sent_at >= since)) == 1


def test_other_writers_are_not_blocked_while_a_long_import_runs(district: Database) -> None:
    """Between two batches of an import, another use case writes (and extends the audit
    chain) at once: the import holds no write lock across batches."""
    import threading

    from lanyard.audit.service import AuditEvent, record

    done: list[int] = []

    def other_writer() -> None:
        with district.uow(write=True) as uow:
            entry = record(
                uow.session,
                event=AuditEvent.AUDIT_VERIFIED,
                subject_type="audit",
                subject_id=None,
                now=NOW,
            )
            uow.commit()
            done.append(entry.seq)

    def between_batches(_: int) -> None:
        writer = threading.Thread(target=other_writer)
        writer.start()
        writer.join(timeout=10)
        assert not writer.is_alive(), "a writer was blocked by the running import"

    summary = run(district, "gmail_daily.jsonl", "gmail", batch_size=2, progress=between_batches)
    assert summary.new == 5
    assert len(done) == 3  # six message events (an "opened" one is skipped), two a batch


def test_a_finding_says_whether_the_employee_teaches_the_student(
    district: Database, tmp_path: Path
) -> None:
    """Late-night one-to-one e-mails (for review): Ada teaches Grace in Algebra I until
    2026-01-16; the aide Katherine is in Science 7 only."""
    log = tmp_path / "late.csv"
    log.write_text(
        "message_id,sent_at,sender,recipients,medium\n"
        "t1,2025-10-02T04:10:00Z,alovelace@example.org,ghopper26@students.example.org,email\n"
        "t2,2026-03-03T04:10:00Z,alovelace@example.org,ghopper26@students.example.org,email\n"
        "t3,2025-10-02T04:20:00Z,kjohnson@example.org,ghopper26@students.example.org,email\n"
        "t4,2025-10-02T04:30:00Z,alovelace@example.org,ghopper26@students.example.org;"
        "aturing@gmail.example.com,email\n",
        encoding="utf-8",
    )
    run(district, "late.csv", "csv", path=log)
    found = {(f["message_id"], f["rule"]): f.get("teaches") for f in findings(district)}
    assert found[("t1", "late_night_one_to_one")] is True
    assert found[("t2", "late_night_one_to_one")] is False  # the class had ended
    assert found[("t3", "late_night_one_to_one")] is False  # no class with Grace
    # a group message is not one-to-one: nothing to say
    assert all(teaches is None for (mid, _rule), teaches in found.items() if mid == "t4")


def test_without_classes_on_file_teaching_is_unknown_never_false(
    database: Database, tmp_path: Path
) -> None:
    package = tmp_path / "roster"
    shutil.copytree(FIXTURES / "oneroster" / "v1p1", package)
    for name in ("classes.csv", "enrollments.csv"):
        (package / name).unlink()
    manifest = package / "manifest.csv"
    manifest.write_text(
        manifest.read_text(encoding="utf-8")
        .replace("file.classes,bulk", "file.classes,absent")
        .replace("file.enrollments,bulk", "file.enrollments,absent"),
        encoding="utf-8",
    )
    with database.uow(write=True) as uow:
        import_oneroster(uow=uow, path=package, dry_run=False, now=NOW)
    log = tmp_path / "late.csv"
    log.write_text(
        "message_id,sent_at,sender,recipients,medium\n"
        "t1,2025-10-02T04:10:00Z,alovelace@example.org,ghopper26@students.example.org,email\n",
        encoding="utf-8",
    )
    run(database, "late.csv", "csv", path=log)
    [late] = [f for f in findings(database) if f["rule"] == "late_night_one_to_one"]
    assert "teaches" not in late


def test_a_file_read_and_evaluated_in_other_processes_imports_the_same(
    district: Database, tmp_path: Path
) -> None:
    # The day's log twice over: in batches of two, every message comes back a few batches
    # later, while the batch that held it may still be on its way to the database.
    path = tmp_path / "twice.jsonl"
    day = (MESSAGES / "gmail_daily.jsonl").read_text(encoding="utf-8")
    path.write_text(day + day, encoding="utf-8")
    alone = run(district, "", "gmail", path=path, batch_size=2, dry_run=True, parallel=False)
    shared = run(district, "", "gmail", path=path, batch_size=2, parallel=True)
    assert (shared.messages, shared.new, shared.duplicates) == (10, 5, 5)
    same = ("messages", "new", "duplicates", "findings", "by_rule", "for_review", "situations")
    assert {k: shared.to_dict()[k] for k in same} == {k: alone.to_dict()[k] for k in same}
    assert count(district, Message) == 5
    found = findings(district)
    assert sorted(str(f["kind"]) for f in found) == ["review", "violation"]
    violation = next(f for f in found if f["kind"] == "violation")
    assert violation["message_id"] == "<CAexample001@mail.gmail.com>"
    # message trace (rows grouped by message id), Canvas bodies and the generic CSV too
    trace = run(district, "m365_trace.csv", "m365", parallel=True)
    assert trace.by_rule == {"email-students-district-address": 1}
    canvas = run(
        district,
        "canvas_conversations.json",
        "canvas",
        platform_ids=read_canvas_users(MESSAGES / "canvas_users.csv"),
        parallel=True,
    )
    assert (canvas.messages, canvas.findings, canvas.solicitations) == (3, 0, 1)
    assert run(district, "generic.csv", "csv", parallel=True).by_rule == {
        "no-text-social-private-email-students": 1
    }


def test_a_bad_line_read_in_another_process_is_refused_the_same_way(
    district: Database, tmp_path: Path
) -> None:
    path = tmp_path / "day.jsonl"
    shutil.copy(MESSAGES / "gmail_daily.jsonl", path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"event_info":{"mail_event_type":1},"message_info":{}}\n')
    with pytest.raises(MessageLogError) as caught:
        run(district, "", "gmail", path=path, batch_size=2, parallel=True)
    assert "day.jsonl, line 8, field 'message_info.rfc2822_message_id'" in str(caught.value)
    assert (caught.value.line, caught.value.field_name) == (8, "message_info.rfc2822_message_id")
    assert count(district, Message) == 0
    with district.uow() as uow:
        assert uow.session.scalars(select(MessageImport.status)).all() == ["failed"]


def _import_and_stop(url: str, path: Path, pids: Path) -> None:
    """In a forked process: import ``path`` in three processes and, once the first batch
    is written, write the other two processes' ids to ``pids`` and wait, as a stopped
    importer would."""
    db = Database(url)

    def progress(_size: int) -> None:
        pids.write_text(" ".join(str(p.pid) for p in multiprocessing.active_children()))
        time.sleep(600)

    import_messages(
        db=db,
        path=path,
        format="csv",
        pack=load_pack("chsd-230"),
        review=REVIEW,
        now=NOW,
        batch_size=500,
        parallel=True,
        progress=progress,
    )


def _running(pid: int) -> bool:
    """Whether a process is there and not ended (a zombie waiting for its parent has)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(sys.platform != "linux", reason="three processes only on Linux")
def test_the_reading_and_evaluating_processes_end_when_the_importer_is_killed(
    district: Database, tmp_path: Path
) -> None:
    # Batches larger than a pipe holds: once the importer stops reading, the evaluating
    # process waits to send and the reading one waits for it. Killed, the importer cannot
    # end them; they must see that nobody is left at the other end and end themselves.
    path = tmp_path / "week.csv"
    lines = ["message_id,sent_at,sender,recipients"]
    lines += [
        f"m-{i},2025-10-02T15:{i % 60:02d}:00Z,alovelace@example.org,"
        "ghopper26@students.example.org;kjohnson@example.org"
        for i in range(4000)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pids = tmp_path / "pids"
    district.engine.dispose()  # nothing of this process's connections crosses the fork
    importer = multiprocessing.get_context("fork").Process(
        target=_import_and_stop, args=(district.url, path, pids)
    )
    importer.start()
    stages: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while not pids.exists() and time.monotonic() < deadline and importer.is_alive():
            time.sleep(0.1)
        stages = [int(p) for p in pids.read_text().split()]
        assert len(stages) == 2
        os.kill(importer.pid, signal.SIGKILL)
        importer.join()
        deadline = time.monotonic() + 60
        while any(_running(p) for p in stages) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [p for p in stages if _running(p)]
    finally:
        for pid in [p for p in stages if _running(p)]:
            os.kill(pid, signal.SIGKILL)
        if importer.is_alive():
            importer.kill()
            importer.join()


CANVAS_USERS = MESSAGES / "canvas_users.csv"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("gmail_daily.jsonl", "gmail"),
        ("gmail_reports.json", "gmail"),
        ("m365_trace.csv", "m365"),
        ("m365_admin_center.csv", "m365"),
        ("canvas_conversations.json", "canvas"),
        ("canvas_dap", "canvas"),
        ("generic.csv", "csv"),
    ],
)
def test_three_processes_give_the_findings_one_process_gives(
    district: Database, name: str, fmt: str
) -> None:
    ids = read_canvas_users(CANVAS_USERS) if fmt == "canvas" else None
    outcomes = []
    for parallel in (False, True):
        summary = run(district, name, fmt, batch_size=2, parallel=parallel, platform_ids=ids)
        assert summary.processes == (3 if parallel else 1)
        with district.uow() as uow:
            messages = sorted(
                uow.session.execute(
                    select(
                        Message.message_key,
                        Message.sender_id,
                        Message.sender_key,
                        Message.sent_at,
                        Message.recipient_count,
                        Message.has_finding,
                        Message.body,
                    )
                ).all()
            )
            recipients = sorted(
                str(r) for r in uow.session.scalars(select(Message.recipients)).all()
            )
        found = sorted(findings(district), key=repr)
        counts = {k: v for k, v in summary.to_dict().items() if k != "import_id"}
        outcomes.append((counts, messages, recipients, found))
        with district.uow(write=True) as uow:  # the next run starts from no messages
            uow.session.execute(delete(MessageFinding))
            uow.session.execute(delete(Message))
            uow.session.execute(delete(MessageImport))
            uow.commit()
    alone, shared = outcomes
    assert alone[1], "the file gives messages"
    assert shared == alone


def test_a_large_file_is_imported_in_three_processes_when_a_core_is_idle(
    district: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The choice looks at the idle CPU, not the load average, which counts the importing
    # process's own work (a benchmark that has just written its files, a server).
    from lanyard.messages import service

    monkeypatch.setattr(service, "PARALLEL_BYTES", 1000)
    folder = tmp_path / "dap"
    shutil.copytree(MESSAGES / "canvas_dap", folder)
    assert sum(p.stat().st_size for p in folder.iterdir()) >= 1000  # a folder counts whole
    ids = read_canvas_users(CANVAS_USERS)
    monkeypatch.setattr(service, "_idle_cores", lambda: 1.6)  # one core busy elsewhere
    assert run(district, "", "canvas", path=folder, platform_ids=ids).processes == 3
    monkeypatch.setattr(service, "_idle_cores", lambda: 0.3)  # both cores busy
    assert run(district, "", "canvas", path=folder, platform_ids=ids).processes == 1
    monkeypatch.setattr(service, "_idle_cores", lambda: None)  # cannot tell
    assert run(district, "", "canvas", path=folder, platform_ids=ids).processes == 1
    monkeypatch.setattr(service, "_idle_cores", lambda: 2.0)
    assert run(district, "generic.csv", "csv").processes == 1  # a file under the size


def test_idle_cores_are_read_from_the_machine() -> None:
    from lanyard.messages.service import _idle_cores

    idle = _idle_cores(0.05)
    assert idle is not None
    assert 0.0 <= idle <= (os.cpu_count() or 1) + 0.01
