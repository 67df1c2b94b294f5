"""A records export for a FOIA request: built from real rows on SQLite and PostgreSQL,
checked offline by ``lanyard records verify``, with student information redacted."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import text

from lanyard.bootstrap import Services
from lanyard.cli.main import cli
from lanyard.directory.orm import RelationshipDisclosure
from tests.integration.records.conftest import STUDENTS


def records(*args: str) -> Result:
    return CliRunner().invoke(cli, ["records", *args])


def export(out: Path, *extra: str) -> Result:
    result = records(
        "export",
        "--people",
        "aruiz@example.org",
        "--since",
        "2026-03-01",
        "--until",
        "2026-03-31",
        "--out",
        str(out),
        *extra,
    )
    assert result.exit_code == 0, result.output
    return result


def jsonl(zf: zipfile.ZipFile, name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in zf.read(name).splitlines()]


def rewrite(package: Path, changes: dict[str, bytes | None]) -> Path:
    """A copy of the package with files replaced (bytes) or removed (None)."""
    out = package.with_name("tampered-" + package.name)
    with zipfile.ZipFile(package) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            if name in changes:
                if changes[name] is not None:
                    dst.writestr(name, changes[name])
            else:
                dst.writestr(name, src.read(name))
    return out


def test_an_export_verifies_and_holds_the_persons_records(app: Services, tmp_path: Path) -> None:
    out = tmp_path / "foia.zip"
    result = export(out)
    assert "requests 0, disclosures 1, cases 1, moderation 0, acknowledgments 0, audit 3" in (
        result.output
    )
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        sums = zf.read("SHA256SUMS").decode().splitlines()
        page = zf.read("records/cases/2026-03.html").decode()
        [case] = jsonl(zf, "records/cases/2026-03.jsonl")
        chain = [json.loads(line) for line in zf.read("audit/chain.jsonl").splitlines()]
    # one JSON Lines file and one HTML page per record type and month
    assert {
        "records/cases/2026-03.jsonl",
        "records/cases/2026-03.html",
        "records/disclosures/2026-03.jsonl",
        "records/audit/2026-03.jsonl",
        "audit/checkpoint.json",
    } <= names
    assert case["id"] == "c1"  # not c2: another employee's case
    assert 'id="Report or case c1"' in page
    assert "&lt;b&gt;Liam&lt;/b&gt;" in page  # the page escapes what it shows
    assert [n["body"] for n in case["notes"]] == ["Spoke with liam brandt's mother."]
    listed = {line.split("  ", 1)[1] for line in sums}
    assert listed == names - {"manifest.json", "manifest.sig", "SHA256SUMS"}
    # the period's whole chain: entries 2-5; entry 3 is another employee's, by hash only
    assert [line["seq"] for line in chain] == [2, 3, 4, 5]
    assert chain[1]["withheld"] == "outside this request" and "after" not in chain[1]
    verified = records("verify", str(out))
    assert verified.exit_code == 0, verified.output
    assert "package intact" in verified.output
    assert "entries 2-5, 3 with content checked, 1 withheld" in verified.output
    # the export itself is in the audit log
    with app.db.engine.connect() as conn:
        event = conn.execute(text("SELECT event FROM audit_entries ORDER BY seq DESC")).first()
    assert event is not None and event[0] == "records:exported"


def test_a_tampered_record_fails_verify_naming_the_file(app: Services, tmp_path: Path) -> None:
    out = tmp_path / "foia.zip"
    export(out)
    with zipfile.ZipFile(out) as zf:
        [record] = jsonl(zf, "records/disclosures/2026-03.jsonl")
    record["kind"] = "community"
    bad = rewrite(out, {"records/disclosures/2026-03.jsonl": json.dumps(record).encode()})
    result = records("verify", str(bad))
    assert result.exit_code == 1
    assert (
        "records/disclosures/2026-03.jsonl: its SHA-256 does not match the manifest"
        in result.output
    )
    gone = rewrite(out, {"records/cases/2026-03.html": None})
    result = records("verify", str(gone))
    assert result.exit_code == 1
    assert "records/cases/2026-03.html: missing from the package" in result.output


def test_an_audit_entry_removed_from_the_package_is_named(app: Services, tmp_path: Path) -> None:
    out = tmp_path / "foia.zip"
    export(out)
    with zipfile.ZipFile(out) as zf:
        lines = zf.read("audit/chain.jsonl").splitlines(keepends=True)
        sums = zf.read("SHA256SUMS").decode()
        manifest = json.loads(zf.read("manifest.json"))
    chain = b"".join(line for line in lines if json.loads(line)["seq"] != 3)
    # the forger also fixes the checksums (they cannot re-sign the manifest)
    fixed = "".join(
        f"{hashlib.sha256(chain).hexdigest()}  audit/chain.jsonl\n"
        if line.endswith("  audit/chain.jsonl")
        else line + "\n"
        for line in sums.splitlines()
    ).encode()
    manifest["checksums"]["sha256"] = hashlib.sha256(fixed).hexdigest()
    bad = rewrite(
        out,
        {
            "audit/chain.jsonl": chain,
            "SHA256SUMS": fixed,
            "manifest.json": json.dumps(manifest).encode(),
        },
    )
    result = records("verify", str(bad))
    assert result.exit_code == 1
    assert "audit chain: entry 3 is missing (before entry 4)" in result.output
    assert "manifest.json: its signature does not verify" in result.output


def test_an_entry_deleted_from_the_log_before_export_is_named(
    app: Services, tmp_path: Path
) -> None:
    with app.db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("DROP TRIGGER audit_entries_append_only ON audit_entries"))
        else:
            conn.execute(text("DROP TRIGGER audit_entries_no_delete"))
        conn.execute(text("DELETE FROM audit_entries WHERE seq = 4"))
    out = tmp_path / "foia.zip"
    export(out)
    result = records("verify", str(out))
    assert result.exit_code == 1
    assert "audit chain: entry 4 is missing (before entry 5)" in result.output


def test_redaction_removes_every_student_name_and_id(app: Services, tmp_path: Path) -> None:
    out = tmp_path / "foia.zip"
    result = export(out, "--redact-students")
    assert "student information redacted" in result.output
    with zipfile.ZipFile(out) as zf:
        everything = {name: zf.read(name).decode() for name in zf.namelist()}
    text_all = "\n".join(everything.values()).lower()
    for sid, given, family, sourced, email in STUDENTS:
        for value in (sid, given, family, sourced, email):
            assert value.lower() not in text_all, value
    [disclosure] = [
        json.loads(x) for x in everything["records/disclosures/2026-03.jsonl"].splitlines()
    ]
    pseudonym = disclosure["student_id"]
    assert pseudonym.startswith("Student-")
    assert disclosure["description"] == (f"{pseudonym} is my niece; I coach {pseudonym} at the Y.")
    log = json.loads(everything["redaction-log.json"])
    assert log["replacements"] >= 6
    assert "records/audit/2026-03.jsonl#0000000002" in {r["record"] for r in log["records"]}
    # the same student gets the same pseudonym in the next export
    again = tmp_path / "again.zip"
    export(again, "--redact-students")
    with zipfile.ZipFile(again) as zf:
        [again_disclosure] = jsonl(zf, "records/disclosures/2026-03.jsonl")
        assert again_disclosure["student_id"] == pseudonym
    verified = records("verify", str(out))
    assert verified.exit_code == 0, verified.output
    assert "1 with content checked, 3 withheld" in verified.output


def test_bad_options_are_named(app: Services, tmp_path: Path) -> None:
    result = records(
        "export",
        "--people",
        "nobody@example.org",
        "--since",
        "2026-03-01",
        "--until",
        "2026-03-31",
        "--out",
        str(tmp_path / "x.zip"),
    )
    assert result.exit_code == 1
    assert "--people: no person 'nobody@example.org'" in result.output
    assert not (tmp_path / "x.zip").exists()
    result = records(
        "export",
        "--since",
        "2026-03-01",
        "--until",
        "2026-03-31",
        "--types",
        "emails",
        "--out",
        str(tmp_path / "x.zip"),
    )
    assert result.exit_code == 2
    assert "unknown record type(s) emails" in result.output


def test_the_days_are_the_districts_days(
    app: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In Chicago, March 1-31 runs from 06:00 UTC on March 1 (CST) to 05:00 UTC on April 1
    (CDT): a disclosure at 23:30 on March 31 there is in the export, one at 00:30 UTC on
    March 1 (18:30 on February 28 there) is not, as on the web page."""
    monkeypatch.setenv("LANYARD_TIME_ZONE", "America/Chicago")
    with app.db.uow(write=True) as uow:
        for key, at in (
            ("late-last-day", dt.datetime(2026, 4, 1, 4, 30, tzinfo=dt.UTC)),  # Mar 31 23:30 CDT
            ("after-last-day", dt.datetime(2026, 4, 1, 5, 30, tzinfo=dt.UTC)),  # Apr 1 00:30 CDT
            ("before-first-day", dt.datetime(2026, 3, 1, 0, 30, tzinfo=dt.UTC)),  # Feb 28 CST
            ("early-first-day", dt.datetime(2026, 3, 1, 6, 30, tzinfo=dt.UTC)),  # Mar 1 00:30 CST
        ):
            uow.session.add(
                RelationshipDisclosure(
                    id=key,
                    employee_id="t-ruiz",
                    student_id="s-liam",
                    kind="community",
                    description=key,
                    disclosed_at=at,
                )
            )
        uow.commit()
    out = tmp_path / "foia.zip"
    result = export(out, "--types", "disclosures")
    assert "disclosures 3" in result.output, result.output
    with zipfile.ZipFile(out) as zf:
        exported = {
            record["id"]
            for name in zf.namelist()
            if name.startswith("records/disclosures/") and name.endswith(".jsonl")
            for record in jsonl(zf, name)
        }
        manifest = json.loads(zf.read("manifest.json"))
    assert exported == {"d1", "late-last-day", "early-first-day"}
    assert (manifest["request"]["since"], manifest["request"]["until"]) == (
        "2026-03-01T06:00:00+00:00",
        "2026-04-01T05:00:00+00:00",
    ), manifest
