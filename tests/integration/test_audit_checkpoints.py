"""A database administrator who drops the append-only triggers cannot remove the end of
the audit log or rewrite it unnoticed: entries carry a MAC under a key outside the
database, and signed checkpoints kept outside it pin the chain head."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from alembic import command
from click.testing import CliRunner, Result
from sqlalchemy import select, text

from lanyard.audit import service as audit
from lanyard.audit.keys import new_mac_key, write_signing_key
from lanyard.audit.orm import AuditEntry
from lanyard.audit.service import AuditEvent
from lanyard.bootstrap import Services, services
from lanyard.cli.main import cli
from lanyard.config import Settings
from lanyard.crypto.keyring import KeyRing
from lanyard.db.migrate import alembic_config, upgrade
from lanyard.db.session import Database
from lanyard.notify.mailers import ConsoleNotifier

NOW = dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def keyed(database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Services:
    """The environment of a production install: MAC key ring and signing key outside
    the database."""
    write_signing_key(tmp_path / "signing-key.pem")
    monkeypatch.setenv("LANYARD_DATABASE_URL", database.url)
    monkeypatch.setenv("LANYARD_SECRET_KEY", "test-secret-" + "x" * 40)
    monkeypatch.setenv("LANYARD_ENCRYPTION_KEYS", "k1:" + new_mac_key("x").split(":")[1])
    monkeypatch.setenv("LANYARD_AUDIT_KEYS", new_mac_key("a1"))
    monkeypatch.setenv("LANYARD_AUDIT_SIGNING_KEY_FILE", str(tmp_path / "signing-key.pem"))
    return services(Settings())


def write_entries(db: Database, n: int, start: int = 0) -> None:
    with db.uow(write=True) as uow:
        for i in range(start, start + n):
            audit.record(
                uow.session,
                event=AuditEvent.APPROVAL_RECORDED,
                subject_type="approval",
                subject_id=f"a{i}",
                actor_id="p1",
                now=NOW + dt.timedelta(minutes=i),
                after={"form": "social-media-request", "n": i},
            )
        uow.commit()


def drop_guards(db: Database) -> None:
    """What someone with the database owner's rights could do."""
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("DROP TRIGGER audit_entries_append_only ON audit_entries"))
        else:
            conn.execute(text("DROP TRIGGER audit_entries_no_update"))
            conn.execute(text("DROP TRIGGER audit_entries_no_delete"))


def rewrite_from(db: Database, seq: int, *, mac_keys: KeyRing | None = None) -> None:
    """Edit entry ``seq`` and recompute every later hash (and, for an attacker holding the
    MAC key, every later MAC)."""
    from lanyard.audit.keys import mac

    with db.sessions() as session:
        rows = session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).all()
        prev = rows[seq - 2].hash if seq > 1 else audit.GENESIS
        for entry in rows[seq - 1 :]:
            if entry.seq == seq:
                entry.actor_id = "someone-else"
            entry.prev_hash = prev
            entry.hash = audit._digest(prev, entry)
            if mac_keys is not None:
                entry.mac = mac(mac_keys, str(entry.mac_key_id), entry.seq, entry.hash)
            prev = entry.hash
            session.flush()
        session.commit()


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["audit", *args])


def checkpoint(path: Path) -> Path:
    result = run("checkpoint", "--out", str(path))
    assert result.exit_code == 0, result.output
    return path


def test_a_clean_log_verifies_against_its_checkpoint(keyed: Services, tmp_path: Path) -> None:
    write_entries(keyed.db, 30)
    cp = checkpoint(tmp_path / "cp.json")
    write_entries(keyed.db, 5, start=30)
    result = run("verify", "--checkpoint", str(cp))
    assert result.exit_code == 0, result.output
    assert "audit log intact: 35 entries" in result.output
    assert "matches: the checkpoint of" in result.output
    assert "entries 31-35 are newer than the newest checkpoint" in result.output


def test_removing_the_last_ten_entries_is_named(keyed: Services, tmp_path: Path) -> None:
    write_entries(keyed.db, 30)
    cp = checkpoint(tmp_path / "cp.json")
    drop_guards(keyed.db)
    with keyed.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entries WHERE seq > 20"))
        conn.execute(text("DELETE FROM audit_checkpoints"))  # the copy in the database too
    assert run("verify").exit_code == 0  # without the checkpoint nothing shows
    result = run("verify", "--checkpoint", str(cp))
    assert result.exit_code == 1
    assert "entries 21-30: missing: the checkpoint of" in result.output
    assert "the log now ends at entry 20" in result.output


def test_truncating_then_appending_is_named(keyed: Services, tmp_path: Path) -> None:
    write_entries(keyed.db, 30)
    cp = checkpoint(tmp_path / "cp.json")
    drop_guards(keyed.db)
    with keyed.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entries WHERE seq > 20"))
    write_entries(keyed.db, 15, start=100)  # the log grows past the checkpoint again
    result = run("verify", "--checkpoint", str(cp))
    assert result.exit_code == 1
    assert "entry 30: its hash differs from the checkpoint of" in result.output


def test_an_edit_with_every_later_hash_recomputed_fails_on_the_mac(keyed: Services) -> None:
    write_entries(keyed.db, 10)
    drop_guards(keyed.db)
    rewrite_from(keyed.db, 4)
    result = run("verify")
    assert result.exit_code == 1
    assert "entries 4-10: its MAC does not match" in result.output
    with keyed.db.uow() as uow:
        count, problems = audit.verify(uow.session)  # the web page's check says so too
    assert (count, [p.seq for p in problems]) == (10, [4])


def test_a_rewrite_by_someone_holding_the_mac_key_fails_on_the_checkpoint(
    keyed: Services, tmp_path: Path
) -> None:
    from lanyard.audit.keys import mac_keys_from_settings

    write_entries(keyed.db, 10)
    cp = checkpoint(tmp_path / "cp.json")
    drop_guards(keyed.db)
    rewrite_from(keyed.db, 4, mac_keys=mac_keys_from_settings(keyed.settings))
    with keyed.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_checkpoints"))  # and the copy in the database
    assert run("verify").exit_code == 0  # the MAC key leaked: only the checkpoint shows it
    result = run("verify", "--checkpoint", str(cp))
    assert result.exit_code == 1
    assert "entry 10: its hash differs from the checkpoint of" in result.output


def test_a_removed_mac_is_named(keyed: Services) -> None:
    write_entries(keyed.db, 8)
    drop_guards(keyed.db)
    with keyed.db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_entries SET mac = NULL, mac_key_id = NULL WHERE seq > 5"))
    result = run("verify")
    assert result.exit_code == 1
    assert "entries 6-8: carries no MAC, though entries before it do" in result.output


def test_an_altered_or_forged_checkpoint_is_refused(keyed: Services, tmp_path: Path) -> None:
    write_entries(keyed.db, 12)
    cp = checkpoint(tmp_path / "cp.json")
    drop_guards(keyed.db)
    with keyed.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entries WHERE seq > 9"))
    altered = json.loads(cp.read_text())
    altered["seq"], altered["head"] = 9, "0" * 64  # made to fit the truncated log
    (tmp_path / "altered.json").write_text(json.dumps(altered))
    result = run("verify", "--checkpoint", str(tmp_path / "altered.json"))
    assert result.exit_code == 1
    assert "its signature does not verify: it was altered or forged" in result.output

    from lanyard.audit.checkpoint import sign

    other = write_signing_key(tmp_path / "attacker.pem")
    forged = sign(other, seq=9, head="0" * 64, at=NOW, mac_from=1)
    (tmp_path / "forged.json").write_text(forged.to_json())
    result = run("verify", "--checkpoint", str(tmp_path / "forged.json"))
    assert result.exit_code == 1
    assert "forged or foreign" in result.output


def test_entries_written_without_a_key_are_said_to_predate_the_mac(
    database: Database, keyed: Services
) -> None:
    write_entries(database, 3)  # a Database without the key ring
    write_entries(keyed.db, 2, start=3)
    result = run("verify")
    assert result.exit_code == 0, result.output
    assert "entries 1-3 predate the MAC" in result.output


def test_upgrade_with_the_key_gives_existing_entries_their_mac(
    empty_database_url: str, keyed: Services
) -> None:
    from lanyard.audit.keys import mac_keys_from_settings

    upgrade(empty_database_url)
    write_entries(Database(empty_database_url), 4)
    command.downgrade(alembic_config(empty_database_url), "f7a0c0de0008")
    upgrade(empty_database_url, audit_mac_keys=mac_keys_from_settings(keyed.settings))
    result = run("verify")
    assert result.exit_code == 0, result.output
    assert "predate the MAC" not in result.output
    db = Database(empty_database_url)
    with db.engine.connect() as conn, pytest.raises(Exception, match="append-only"):
        conn.execute(text("UPDATE audit_entries SET subject_id = 'x' WHERE seq = 1"))
    db.engine.dispose()


def test_the_periodic_job_publishes_each_new_head_once(
    keyed: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lanyard.audit.jobs import checkpoint_audit_log

    outbox = tmp_path / "checkpoints"
    outbox.mkdir()
    monkeypatch.setenv("LANYARD_AUDIT_CHECKPOINT_DIR", str(outbox))
    monkeypatch.setenv("LANYARD_AUDIT_CHECKPOINT_EMAIL", "records@district.example")
    app = services(Settings())
    mail = io.StringIO()
    app.__dict__["notifier"] = ConsoleNotifier(mail)
    write_entries(app.db, 6)
    assert checkpoint_audit_log(services=app, now=NOW) == 1
    assert checkpoint_audit_log(services=app, now=NOW + dt.timedelta(hours=1)) == 0
    files = sorted(outbox.iterdir())
    assert len(files) == 1
    assert "to records@district.example" in mail.getvalue()
    mailed = tmp_path / "mailed.txt"
    mailed.write_text(mail.getvalue())  # the e-mail itself is a checkpoint verify reads
    drop_guards(app.db)
    with app.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entries WHERE seq > 4"))
    for proof in (files[0], mailed):
        result = run("verify", "--checkpoint", str(proof))
        assert result.exit_code == 1
        assert "entries 5-6: missing" in result.output
