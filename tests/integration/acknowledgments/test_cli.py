"""``lanyard acks`` against a real database: open a campaign for a pack version, open the
next version from a file (what changed is printed), completion and its CSV, the review."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from lanyard.cli.main import cli
from lanyard.db.session import Database
from tests.integration.acknowledgments.test_acknowledgments import new_version
from tests.support.district import District, seed_district


@pytest.fixture
def run(database: Database, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LANYARD_DATABASE_URL", database.url)

    def invoke(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(cli, list(args))
        return result.exit_code, result.output

    return invoke


def test_open_a_version_then_the_next_one_and_report_completion(
    run,
    database: Database,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    district: District = seed_district(database)
    code, out = run(
        "acks",
        "open",
        "--pack",
        "wilmette-39",
        "--title",
        "Annual 2026",
        "--due",
        "2099-09-30",
        "--role",
        "teacher",
        "--building",
        "North Elementary",
    )
    assert code == 0, out
    assert "wilmette-39 version 2023-11-13.2, due 2099-09-30" in out
    assert "0 of 1 acknowledged (0%), 0 overdue" in out  # Tina, North's only teacher

    code, out = run("acks", "open", "--title", "x", "--due", "2099-09-30", "--role", "janitor")
    assert code == 1 and "roles: unknown staff role 'janitor'" in out

    version = new_version()
    folder = tmp_path / "wilmette-39-2026"
    folder.mkdir()
    (folder / "pack.yaml").write_text(version.pack_text, encoding="utf-8")
    assert version.provisions_text is not None
    (folder / "provisions.yaml").write_text(version.provisions_text, encoding="utf-8")
    code, out = run(
        "acks",
        "open",
        "--pack-file",
        str(folder / "pack.yaml"),
        "--title",
        "Revised policy",
        "--due",
        "2099-10-31",
    )
    assert code == 0, out
    assert "version 2026-08-01.1" in out
    assert "changes since the last campaign: 1 clause added, 1 removed, 1 reworded" in out
    assert "0 of 4 acknowledged" in out  # every staff member this time
    campaign_id = out.split()[1]

    code, out = run("acks", "list")
    assert code == 0 and out.count("closed") == 1 and out.count("open ") == 1, out
    review_id = next(
        line.split()[2] for line in out.splitlines() if line.startswith("annual review")
    )
    csv_path = tmp_path / "completion.csv"
    code, out = run("acks", "status", campaign_id, "--csv", str(csv_path))
    assert code == 0, out
    assert "North Elementary" in out and "Teachers" in out
    rows = csv_path.read_text(encoding="utf-8").splitlines()
    assert len(rows) == 5 and not any("Student" in r for r in rows)

    code, out = run(
        "acks",
        "review",
        review_id,
        "--by",
        "ada.admin@example.org",
        "--date",
        "2026-08-01",
        "--outcome",
        "revise",
    )
    assert code == 1 and "say what should be revised" in out
    code, out = run(
        "acks",
        "review",
        review_id,
        "--by",
        "ada.admin@example.org",
        "--date",
        "2026-08-01",
        "--outcome",
        "no_change",
    )
    assert code == 0 and "recorded: no_change on 2026-08-01" in out
    assert district.admin
