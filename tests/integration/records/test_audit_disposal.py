"""Disposing of the audit log's oldest entries: the database lets entries go only up to a
recorded cut, the disposition verifies the log, signs a checkpoint at the cut and writes a
certificate naming it, and ``lanyard audit verify`` (and an export made afterwards)
accept the missing prefix only when the three agree."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select, text

from lanyard.audit import service as audit
from lanyard.audit.keys import new_mac_key, write_signing_key
from lanyard.audit.orm import AuditDisposal, AuditEntry
from lanyard.audit.service import AuditEvent
from lanyard.bootstrap import Services, services
from lanyard.cli.main import cli as main_cli
from lanyard.config import Settings
from lanyard.db.session import Database
from lanyard.directory.orm import Person
from lanyard.records.retention import dispose

NOW = dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC)


def write_entries(db: Database, n: int, *, at: dt.datetime = NOW) -> None:
    with db.uow(write=True) as uow:
        for i in range(n):
            audit.record(
                uow.session,
                event=AuditEvent.APPROVAL_RECORDED,
                subject_type="approval",
                subject_id=f"a{i}",
                actor_id="t-cole",
                now=at + dt.timedelta(minutes=i),
                after={"n": i},
            )
        uow.commit()


def _disposal_row(through: int) -> str:
    return (
        "INSERT INTO audit_disposals (through_seq, head, first_seq, removed, certificate_seq, "
        "at, checkpoint_at, mac_from, key_id, signature) VALUES "
        f"({through}, '{'0' * 64}', 1, {through}, 99, '2026-12-05 09:00:00', "
        "'2026-12-05 09:00:00', NULL, 'k', 's')"
    )


def test_the_database_lets_entries_go_only_up_to_a_recorded_cut(database: Database) -> None:
    write_entries(database, 6)
    with database.engine.connect() as conn, pytest.raises(Exception, match="append-only"):
        conn.execute(text("DELETE FROM audit_entries WHERE seq = 1"))
    with database.engine.begin() as conn:
        conn.execute(text(_disposal_row(3)))
        conn.execute(text("DELETE FROM audit_entries WHERE seq <= 3"))
    for statement in (
        "DELETE FROM audit_entries WHERE seq = 4",  # beyond the cut
        "DELETE FROM audit_entries",
        "UPDATE audit_entries SET actor_id = 'x' WHERE seq = 5",
        "UPDATE audit_disposals SET through_seq = 6",  # widening the cut
        "DELETE FROM audit_disposals",
        _disposal_row(2),  # a cut behind the last one
    ):
        with database.engine.connect() as conn, pytest.raises(Exception, match="audit"):
            conn.execute(text(statement))
    with database.engine.connect() as conn:
        left = conn.execute(text("SELECT seq FROM audit_entries ORDER BY seq")).scalars().all()
        cuts = conn.execute(text("SELECT through_seq FROM audit_disposals")).scalars().all()
    assert (left, cuts) == ([4, 5, 6], [3])


# -- the disposition of the audit log, end to end (the commands a records officer runs) ----

OLD = dt.datetime(2016, 5, 3, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def keyed(database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Services:
    """A production install (MAC key ring and signing key outside the database) with two
    employees, and nothing in its audit log yet."""
    write_signing_key(tmp_path / "signing-key.pem")
    monkeypatch.setenv("LANYARD_DATABASE_URL", database.url)
    monkeypatch.setenv("LANYARD_SECRET_KEY", "test-secret-" + "x" * 40)
    monkeypatch.setenv("LANYARD_ENCRYPTION_KEYS", "k1:" + new_mac_key("x").split(":")[1])
    monkeypatch.setenv("LANYARD_AUDIT_KEYS", new_mac_key("a1"))
    monkeypatch.setenv("LANYARD_AUDIT_SIGNING_KEY_FILE", str(tmp_path / "signing-key.pem"))
    app = services(Settings())
    with app.db.uow(write=True) as uow:
        for pid, given, email in (("t-ruiz", "Ana", "aruiz"), ("t-cole", "Ben", "bcole")):
            uow.session.add(
                Person(
                    id=pid,
                    kind="staff",
                    given_name=given,
                    family_name="X",
                    email=f"{email}@example.org",
                )
            )
        uow.commit()
    return app


def old_entries(app: Services, n: int, *, actor: str = "t-ruiz", start: int = 0) -> None:
    with app.db.uow(write=True) as uow:
        for i in range(start, start + n):
            audit.record(
                uow.session,
                event=AuditEvent.APPROVAL_RECORDED,
                subject_type="approval",
                subject_id=f"a{i}",
                actor_id=actor,
                now=OLD + dt.timedelta(days=i),
                after={"n": i},
            )
        uow.commit()


def cli(*args: str) -> Result:
    return CliRunner().invoke(main_cli, list(args))


def ok(*args: str) -> Result:
    result = cli(*args)
    assert result.exit_code == 0, result.output
    return result


def seqs(app: Services) -> list[int]:
    with app.db.uow() as uow:
        return list(uow.session.scalars(select(AuditEntry.seq).order_by(AuditEntry.seq)))


def certificate(app: Services, seq: int) -> dict[str, Any]:
    with app.db.uow() as uow:
        entry = uow.session.get(AuditEntry, seq)
        assert entry is not None and entry.event == "records:disposed"
        return dict(entry.after or {})


def test_disposition_cuts_the_log_leaves_a_certificate_and_a_verifiable_log(
    keyed: Services, tmp_path: Path
) -> None:
    old_entries(keyed, 8)
    with keyed.db.uow(write=True) as uow:  # entry 9: a certificate of destruction, in 2016
        dispose(uow=uow, now=OLD + dt.timedelta(days=8))
    old_entries(keyed, 3, start=8)  # entries 10-12
    early = ok("audit", "checkpoint", "--out", str(tmp_path / "early.json"))
    assert "entries 1-12" in early.output
    old_entries(keyed, 3, start=11)  # entries 13-15
    write_entries(keyed.db, 3)  # entries 16-18, this week
    ok("records", "retention", "set", "audit", "7y", "--basis", "Application 24-07 item 9")
    dry = ok("records", "dispose", "--dry-run")
    assert "audit           would dispose of 15 (kept 7 years" in dry.output
    assert "entries 1-15 would go" in dry.output
    assert seqs(keyed)[0] == 1
    done = ok("records", "dispose")
    assert "audit           disposed of 15 (kept 7 years" in done.output
    assert "entries 1-15, with a checkpoint signed at the cut" in done.output
    left = seqs(keyed)
    assert left[0] == 16 and left[-1] == 20  # 19: retention:set; 20: the certificate
    cert = certificate(keyed, 20)["types"]["audit"]
    assert (cert["first_seq"], cert["through_seq"], cert["disposed"]) == (1, 15, 15)
    assert cert["checkpoint"].startswith("lanyard-audit-checkpoint/v1 seq=15 ")
    # the certificate of entry 9 was disposed of with its entry: it is carried, whole
    assert [c["seq"] for c in cert["certificates_carried"]] == [9]
    with keyed.db.uow() as uow:
        row = uow.session.get(AuditDisposal, 15)
        assert row is not None and row.head == cert["head_hash"] and row.certificate_seq == 20

    verified = ok("audit", "verify", "--checkpoint", str(tmp_path / "early.json"))
    assert "entries 1-15 were disposed of on" in verified.output
    assert "the chain is checked from entry 16" in verified.output
    assert "covers only entries disposed of (through entry 15)" in verified.output
    # the checkpoint signed at the cut is one given out: kept in the database, and it
    # matches the disposal's anchor
    assert "stored in the database (15) matches: the checkpoint of" in verified.output
    assert "audit log intact: 5 entries" in verified.output
    late = tmp_path / "late.json"
    ok("audit", "checkpoint", "--out", str(late))
    assert "matches: the checkpoint of" in ok("audit", "verify", "--checkpoint", str(late)).output

    # the database refuses to go beyond the recorded cut
    with keyed.db.engine.connect() as conn, pytest.raises(Exception, match="append-only"):
        conn.execute(text("DELETE FROM audit_entries WHERE seq = 16"))

    # an export whose period starts before the cut anchors its segment at the cut
    package = tmp_path / "foia.zip"
    ok("records", "export", "--since", "2016-01-01", "--until", "2026-12-31", "--out", str(package))
    with zipfile.ZipFile(package) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["audit"]["anchor_seq"] == 15
    assert manifest["audit"]["anchor_hash"] == cert["head_hash"]
    assert manifest["audit"]["disposed_through"] == 15
    assert "package intact" in ok("records", "verify", str(package)).output


def test_a_hold_stops_the_cut_before_the_first_entry_it_covers(keyed: Services) -> None:
    old_entries(keyed, 5)  # 1-5 by Ruiz
    old_entries(keyed, 1, actor="t-cole", start=5)  # 6 names Cole
    old_entries(keyed, 4, start=6)  # 7-10
    placed = ok("records", "hold", "place", "--person", "bcole@example.org", "--reason", "Doe")
    ok("records", "retention", "set", "audit", "7y", "--basis", "Application 24-07 item 9")
    done = ok("records", "dispose")
    assert "audit           disposed of 5 (kept 7 years" in done.output
    assert "5 kept under a legal hold" in done.output
    assert "stopped before entry 6: a legal hold covers it" in done.output
    assert seqs(keyed)[0] == 6
    cert = certificate(keyed, seqs(keyed)[-1])
    part = cert["types"]["audit"]
    assert part["through_seq"] == 5 and part["kept_under_hold"] == 5
    assert part["stopped"]["at_entry"] == 6
    assert part["stopped"]["legal_holds"] == cert["legal_holds_in_force"]
    assert "legal hold placed" in placed.output
    assert "audit log intact" in ok("audit", "verify").output


def drop_guards(db: Database) -> None:
    """What someone with the database owner's rights could do."""
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("DROP TRIGGER audit_entries_append_only ON audit_entries"))
        else:
            conn.execute(text("DROP TRIGGER audit_entries_no_delete"))


def test_a_prefix_deleted_without_a_disposal_or_with_a_forged_one_fails_verify(
    keyed: Services,
) -> None:
    old_entries(keyed, 12)
    drop_guards(keyed.db)
    with keyed.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entries WHERE seq <= 4"))
    result = cli("audit", "verify")
    assert result.exit_code == 1
    assert (
        "entry 5: entries 1-4 before it were deleted; no disposal of the audit log "
        "accounts for them" in result.output
    )
    # a disposal row made up to cover it: no certificate names it, no key signed it
    with keyed.db.uow(write=True) as uow:
        head = uow.session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == 6))
        uow.session.add(
            AuditDisposal(
                through_seq=6,
                head=str(head),
                first_seq=1,
                removed=6,
                certificate_seq=12,
                at=OLD,
                checkpoint_at=OLD,
                mac_from=1,
                key_id="k",
                signature="c2lnbmF0dXJl",
            )
        )
        uow.commit()
    with keyed.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entries WHERE seq <= 6"))
    result = cli("audit", "verify")
    assert result.exit_code == 1
    assert "entries 1-6: disposed of according to audit_disposals, but entry 12" in result.output
    assert "entries 1-6: the checkpoint recorded as signed at the cut does not verify" in (
        result.output
    )
    assert "entry 7: entries 1-6 before it were deleted; the disposal recorded for them does " in (
        result.output
    )


def test_entries_deleted_beyond_a_real_cut_are_named(keyed: Services) -> None:
    old_entries(keyed, 6)
    write_entries(keyed.db, 6)
    ok("records", "retention", "set", "audit", "7y", "--basis", "Application 24-07 item 9")
    ok("records", "dispose")  # cuts after entry 6
    assert seqs(keyed)[0] == 7
    drop_guards(keyed.db)
    with keyed.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entries WHERE seq <= 9"))
    result = cli("audit", "verify")
    assert result.exit_code == 1
    assert (
        "entry 10: entries 7-9 before it were deleted, beyond the disposal of entries 1-6"
        in result.output
    )
