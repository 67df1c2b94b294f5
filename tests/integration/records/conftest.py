"""A generated district's records for the records tests: two employees, two students
named in a disclosure, a case and the audit log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lanyard.audit import service as audit
from lanyard.audit.keys import new_mac_key, write_signing_key
from lanyard.audit.service import AuditEvent
from lanyard.bootstrap import Services, services
from lanyard.cases.orm import Case, CaseNote
from lanyard.config import Settings
from lanyard.db.session import Database
from lanyard.directory.orm import Person, RelationshipDisclosure

DAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
STUDENTS = [
    # id, given, family, sourced id, e-mail
    ("s-maya", "Maya", "Okafor", "SIS-0042", "maya.okafor@students.example.org"),
    ("s-liam", "Liam", "Brandt", "SIS-0043", "lbrandt@students.example.org"),
]


@pytest.fixture
def app(database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Services:
    write_signing_key(tmp_path / "signing-key.pem")
    monkeypatch.setenv("LANYARD_DATABASE_URL", database.url)
    monkeypatch.setenv("LANYARD_SECRET_KEY", "test-secret-" + "x" * 40)
    monkeypatch.setenv("LANYARD_ENCRYPTION_KEYS", "k1:" + new_mac_key("x").split(":")[1])
    monkeypatch.setenv("LANYARD_AUDIT_KEYS", new_mac_key("a1"))
    monkeypatch.setenv("LANYARD_AUDIT_SIGNING_KEY_FILE", str(tmp_path / "signing-key.pem"))
    # one row per batch, so every export here crosses batch boundaries as a large one does
    monkeypatch.setattr("lanyard.records.service.BATCH", 1)
    app = services(Settings())
    seed(app.db)
    return app


def seed(db: Database) -> None:
    with db.uow(write=True) as uow:
        s = uow.session
        s.add(
            Person(
                id="t-ruiz",
                kind="staff",
                given_name="Ana",
                family_name="Ruiz",
                email="aruiz@example.org",
            )
        )
        s.add(
            Person(
                id="t-cole",
                kind="staff",
                given_name="Ben",
                family_name="Cole",
                email="bcole@example.org",
            )
        )
        for sid, given, family, sourced, email in STUDENTS:
            s.add(
                Person(
                    id=sid,
                    kind="student",
                    given_name=given,
                    family_name=family,
                    sourced_id=sourced,
                    email=email,
                )
            )
        s.flush()
        s.add(
            RelationshipDisclosure(
                id="d1",
                employee_id="t-ruiz",
                student_id="s-maya",
                kind="familial",
                description="Maya Okafor is my niece; I coach MAYA at the Y.",
                disclosed_at=DAY,
            )
        )
        s.add(
            Case(
                id="c1",
                pack_id="demo",
                report_type="concern",
                title="Texts at night",
                reporter_id="t-ruiz",
                summary="A parent says <b>Liam</b> (SIS-0043) got texts.",
                created_at=DAY + dt.timedelta(days=1),
                ack_due_at=DAY + dt.timedelta(days=2),
            )
        )
        s.add(
            Case(
                id="c2",
                pack_id="demo",
                report_type="concern",
                title="Other staff",
                reporter_id="t-cole",
                summary="Unrelated.",
                created_at=DAY + dt.timedelta(days=1),
                ack_due_at=DAY + dt.timedelta(days=2),
            )
        )
        s.flush()
        s.add(
            CaseNote(
                case_id="c1",
                author_id="t-ruiz",
                at=DAY + dt.timedelta(days=1),
                body="Spoke with liam brandt's mother.",
            )
        )
        for i, (actor, after) in enumerate(
            [
                ("t-cole", {"note": "before the period"}),
                ("t-ruiz", {"student_id": "s-maya", "student": "Maya Okafor"}),
                ("t-cole", {"note": "another employee"}),
                ("t-ruiz", {"form": "social-media-request"}),
                ("t-ruiz", {"contact": "lbrandt@students.example.org"}),
            ]
        ):
            audit.record(
                s,
                event=AuditEvent.DISCLOSURE_RECORDED,
                subject_type="disclosure",
                subject_id=f"x{i}",
                actor_id=actor,
                after=after,
                now=DAY + dt.timedelta(days=-10 if i == 0 else i),
            )
        uow.commit()
