"""Time a records export of a year of a generated district's records, and its peak memory.

    .venv/bin/python benchmarks/records.py [--people 100000] [--redact-students]

Generates a district of ``--people`` people (8% staff, the rest students) in a SQLite file
with a year of records: one acknowledgment per staff member, a request per 10 staff, a
disclosure per 25 staff (its description names the student), a case per 50 staff (its
summary names a student), and ``--audit-per-person`` audit entries per person (a valid
hash chain, written directly). Then a child process exports every record type for the
whole year (all people), and the script prints records and files per second and the
child's peak resident memory (ru_maxrss), then runs ``verify`` on the package and prints
its time. ``--trace-memory`` adds the Python heap's peak during the export (tracemalloc;
slower), which shows what the export itself holds apart from the interpreter and SQLite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import insert

from lanyard.acknowledgments.orm import AckAssignment, AckCampaign, Acknowledgment
from lanyard.approvals.orm import ApprovalRequest
from lanyard.audit.orm import AuditEntry
from lanyard.cases.orm import Case
from lanyard.db.migrate import upgrade
from lanyard.db.session import Database
from lanyard.directory.orm import Person, RelationshipDisclosure
from lanyard.records.domain import GENESIS, entry_digest

START = dt.datetime(2025, 7, 1, tzinfo=dt.UTC)
GIVEN = ["Maya", "Liam", "Ava", "Noah", "Zoe", "Eli", "Ivy", "Owen", "Nia", "Theo"]
FAMILY = ["Okafor", "Brandt", "Nguyen", "Garcia", "Kowalski", "Haddad", "Sato", "Reyes"]


def _id() -> str:
    return uuid.uuid4().hex


def generate(url: str, people: int, audit_per_person: int) -> int:
    upgrade(url)
    db = Database(url)
    staff_n = max(1, people * 8 // 100)
    staff = [_id() for _ in range(staff_n)]
    students = [_id() for _ in range(people - staff_n)]
    day = dt.timedelta(days=365)
    records = 0
    with db.engine.begin() as conn:
        conn.execute(
            insert(Person),
            [
                {
                    "id": p,
                    "kind": "staff",
                    "given_name": "Staff",
                    "family_name": f"N{i}",
                    "email": f"staff{i}@example.org",
                    "active": True,
                    "enabled": True,
                }
                for i, p in enumerate(staff)
            ],
        )
        for chunk in range(0, len(students), 20000):
            conn.execute(
                insert(Person),
                [
                    {
                        "id": p,
                        "kind": "student",
                        "given_name": GIVEN[i % len(GIVEN)],
                        "family_name": f"{FAMILY[i % len(FAMILY)]}{i}",
                        "sourced_id": f"SIS-{i}",
                        "active": True,
                        "enabled": True,
                    }
                    for i, p in enumerate(students[chunk : chunk + 20000], start=chunk)
                ],
            )
        campaign = _id()
        conn.execute(
            insert(AckCampaign),
            [
                {
                    "id": campaign,
                    "title": "Annual",
                    "pack_id": "demo",
                    "pack_version": "1",
                    "content_hash": "0" * 64,
                    "pack_text": "",
                    "clauses": [],
                    "roles": [],
                    "building_ids": [],
                    "include_volunteers": False,
                    "opens_at": START,
                    "due_at": START + day,
                    "state": "open",
                    "created_at": START,
                }
            ],
        )
        assignments = [_id() for _ in staff]
        conn.execute(
            insert(AckAssignment),
            [
                {
                    "id": a,
                    "campaign_id": campaign,
                    "person_id": p,
                    "role": "teacher",
                    "assigned_at": START,
                    "reminders": 0,
                }
                for a, p in zip(assignments, staff, strict=True)
            ],
        )
        at = [START + day * i / staff_n for i in range(staff_n)]
        conn.execute(
            insert(Acknowledgment),
            [
                {
                    "id": _id(),
                    "assignment_id": a,
                    "campaign_id": campaign,
                    "person_id": p,
                    "pack_id": "demo",
                    "pack_version": "1",
                    "content_hash": "0" * 64,
                    "signed_name": "Staff",
                    "changes_only": False,
                    "at": at[i],
                }
                for i, (a, p) in enumerate(zip(assignments, staff, strict=True))
            ],
        )
        records += staff_n
        reqs = [
            {
                "id": _id(),
                "pack_id": "demo",
                "form_id": "social-media",
                "approver_role": "principal",
                "requester_id": p,
                "state": "approved",
                "values": {"purpose": "x"},
                "created_at": at[i],
                "updated_at": at[i],
                "limits": [],
                "follow_up_status": "none",
            }
            for i, p in enumerate(staff)
            if i % 10 == 0
        ]
        conn.execute(insert(ApprovalRequest), reqs)
        records += len(reqs)
        disc = [
            {
                "id": _id(),
                "employee_id": p,
                "student_id": students[i % len(students)],
                "kind": "familial",
                "description": f"{GIVEN[i % len(GIVEN)]} is my niece",
                "disclosed_at": at[i],
                "withdrawn": False,
            }
            for i, p in enumerate(staff)
            if i % 25 == 0 and students
        ]
        if disc:
            conn.execute(insert(RelationshipDisclosure), disc)
        records += len(disc)
        cases = [
            {
                "id": _id(),
                "pack_id": "demo",
                "report_type": "concern",
                "title": "Concern",
                "state": "open",
                "source": "report",
                "reporter_id": p,
                "summary": f"Texts to {GIVEN[i % len(GIVEN)]} {FAMILY[i % len(FAMILY)]}{i}",
                "roles": [],
                "contact_ids": [],
                "created_at": at[i],
                "ack_due_at": at[i],
                "escalation_level": 0,
            }
            for i, p in enumerate(staff)
            if i % 50 == 0
        ]
        conn.execute(insert(Case), cases)
        records += len(cases)
        total = people * audit_per_person
        prev = GENESIS
        batch: list[dict[str, object]] = []
        everyone = staff + students
        for seq in range(1, total + 1):
            when = START + day * (seq - 1) / total
            row: dict[str, object] = {
                "seq": seq,
                "at": when.isoformat(),
                "actor_id": staff[seq % staff_n],
                "event": "person:viewed",
                "subject_type": "person",
                "subject_id": everyone[seq % people],
                "building_id": None,
                "before": None,
                "after": {"n": seq},
                "prev_hash": prev,
            }
            row["hash"] = prev = entry_digest(prev, row)
            row["at"] = when
            batch.append(row)
            if len(batch) == 20000:
                conn.execute(insert(AuditEntry), batch)
                batch = []
        if batch:
            conn.execute(insert(AuditEntry), batch)
        records += total
    db.engine.dispose()
    return records


def child(url: str, out: str, redact: bool, trace: bool) -> None:
    import tracemalloc

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from lanyard.records.service import ExportRequest, export

    db = Database(url)
    if trace:
        tracemalloc.start()
    t0 = time.perf_counter()
    result = export(
        db=db,
        request=ExportRequest(
            since=START, until=START + dt.timedelta(days=366), redact_students=redact
        ),
        out=Path(out),
        signing_key=Ed25519PrivateKey.generate(),
        redaction_key=b"benchmark-key",
        now=dt.datetime.now(dt.UTC),
    )
    seconds = time.perf_counter() - t0
    n = sum(result.counts.values())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"export: {n} records, {result.files} files, {result.bytes_written / 1e6:.1f} MB "
        f"in {seconds:.1f} s = {n / seconds:.0f} records/s; peak RSS {peak:.0f} MB"
    )
    print(f"  counts: {result.counts}; redactions: {result.redactions}")
    if trace:
        peak_heap = tracemalloc.get_traced_memory()[1] / 1e6
        print(f"  Python heap peak during the export: {peak_heap:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--audit-per-person", type=int, default=3)
    parser.add_argument("--redact-students", action="store_true")
    parser.add_argument(
        "--trace-memory", action="store_true", help="also the Python heap peak (slower)"
    )
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.redact_students, args.trace_memory)
        return
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'district.sqlite3'}"
        t0 = time.perf_counter()
        n = generate(url, args.people, args.audit_per_person)
        print(
            f"district: {args.people} people, {n} records generated in "
            f"{time.perf_counter() - t0:.1f} s (SQLite)"
        )
        out = str(Path(tmp) / "export.zip")
        cmd = [sys.executable, __file__, "--child", url, out]
        if args.redact_students:
            cmd.append("--redact-students")
        if args.trace_memory:
            cmd.append("--trace-memory")
        subprocess.run(cmd, check=True)
        from lanyard.records.package import verify_package

        t0 = time.perf_counter()
        check = verify_package(Path(out))
        print(
            f"verify: {check.files} files in {time.perf_counter() - t0:.1f} s, "
            f"{'intact' if check.intact else check.problems[:3]}"
        )


if __name__ == "__main__":
    main()
