"""Legal holds placed and lifted with a reason from the command line, listed, audited."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from click.testing import CliRunner, Result
from sqlalchemy import text

from lanyard.bootstrap import Services
from lanyard.cli.main import cli


def hold(*args: str) -> Result:
    return CliRunner().invoke(cli, ["records", "hold", *args])


def test_a_hold_is_placed_listed_and_lifted_with_reasons(app: Services) -> None:
    placed = hold(
        "place",
        "--person",
        "aruiz@example.org",
        "--since",
        "2026-01-01",
        "--reason",
        "Doe v. District, litigation hold letter of 2026-03-04",
    )
    assert placed.exit_code == 0, placed.output
    assert "person t-ruiz from 2026-01-01 to now" in placed.output
    hold_id = placed.output.split("legal hold placed: ")[1].split()[0]
    listed = hold("list")
    assert hold_id in listed.output and "in force" in listed.output
    assert "Doe v. District" in listed.output
    lifted = hold("lift", hold_id, "--reason", "case settled")
    assert lifted.exit_code == 0, lifted.output
    assert hold("list").output.strip() == "no legal holds in force"
    assert "lifted" in hold("list", "--all").output
    again = hold("lift", hold_id, "--reason", "twice")
    assert again.exit_code == 1 and "already lifted" in again.output
    with app.db.engine.connect() as conn:
        events = [
            r[0]
            for r in conn.execute(
                text(
                    "SELECT event FROM audit_entries WHERE subject_type = 'legal_hold' ORDER BY seq"
                )
            )
        ]
    assert events == ["legal_hold:placed", "legal_hold:lifted"]


def test_a_hold_without_scope_or_on_an_unknown_person_is_refused(app: Services) -> None:
    result = hold("place", "--reason", "x")
    assert result.exit_code == 1
    assert "a hold needs --person, --building, --case or a date range" in result.output
    result = hold("place", "--person", "nobody@example.org", "--reason", "x")
    assert result.exit_code == 1 and "--person: no person 'nobody@example.org'" in result.output
    result = hold("place", "--person", "t-ruiz", "--case", "c1", "--reason", "x")
    assert result.exit_code == 1 and "choose one of" in result.output
    result = hold("place", "--case", "c1", "--reason", "  ")
    assert result.exit_code == 1 and "--reason: a hold needs a reason" in result.output
    assert hold("list").output.strip() == "no legal holds in force"


def test_an_export_lists_the_holds_in_force(app: Services, tmp_path: Path) -> None:
    placed = hold("place", "--case", "c1", "--reason", "subpoena 26-114")
    assert placed.exit_code == 0, placed.output
    out = tmp_path / "export.zip"
    result = CliRunner().invoke(
        cli,
        ["records", "export", "--since", "2026-03-01", "--until", "2026-03-31", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as zf:
        holds = json.loads(zf.read("manifest.json"))["legal_holds_in_force"]
    assert [(h["scope"], h["case_id"]) for h in holds] == [("case", "c1")]
