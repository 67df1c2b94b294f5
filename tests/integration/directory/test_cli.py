"""``lanyard import oneroster`` as an operator sees it: the diff, the refusal with its
exit status, and no student names in the output."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from lanyard.cli.main import cli
from lanyard.db.session import Database

from .helpers import FIXTURES, copy_set, edit, reject_person, snapshot


@pytest.fixture
def run(database: Database, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LANYARD_DATABASE_URL", database.url)

    def invoke(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(cli, list(args))
        return result.exit_code, result.output

    return invoke


def test_dry_run_prints_the_diff_by_sourced_id_only(run, database: Database) -> None:  # type: ignore[no-untyped-def]
    code, out = run("import", "oneroster", str(FIXTURES / "v1p1"), "--dry-run")
    assert code == 0, out
    assert "people: 7 added, 0 changed, 0 deactivated" in out
    assert "+ u-s-2001" in out
    assert "dry run (OneRoster 1.1): nothing was written" in out
    for student_data in ("Grace", "Hopper", "Turing", "ghopper26", "2010-12-09", "200101"):
        assert student_data not in out
    assert snapshot(database)["people"] == []

    code, out = run("import", "oneroster", str(FIXTURES / "v1p1"))
    assert code == 0 and "imported (OneRoster 1.1); audit entry 1" in out
    code, out = run("import", "oneroster", str(FIXTURES / "v1p1"))
    assert code == 0 and "nothing to change" in out


def test_a_bad_file_is_refused_with_status_1(run, database: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = copy_set(tmp_path)
    edit(folder, "users.csv", "s-120,aide,", "s-120,wizard,")
    code, out = run("import", "oneroster", str(folder))
    assert code == 1
    assert "users.csv, row 4, column role: 'wizard' is not a OneRoster 1.1 role" in out
    assert "nothing was written" in out
    assert snapshot(database)["people"] == []


def test_a_database_failure_is_reported_and_rolled_back(run, database: Database) -> None:  # type: ignore[no-untyped-def]
    reject_person(database, "u-s-2002")
    code, out = run("import", "oneroster", str(FIXTURES / "v1p1"))
    assert code == 1
    assert "the import failed and was rolled back: " in out
    assert "rejected by test trigger" in out
    assert "Turing" not in out
    assert snapshot(database)["people"] == []
