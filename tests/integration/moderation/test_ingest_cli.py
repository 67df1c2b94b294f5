"""``lanyard moderate ingest``: a platform export into an account's queue, idempotent."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from lanyard.cli.main import cli
from lanyard.db.session import Database
from tests.integration.moderation.seed import Moderation

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "comments"


def run(database: Database, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli,
        ["moderate", "ingest", *args],
        env={"LANYARD_DATABASE_URL": database.url, "LANYARD_PACK": "wilmette-39"},
    )
    return result.exit_code, result.output


def test_ingest_twice_adds_the_comments_once(database: Database, mod: Moderation) -> None:
    path = str(FIXTURES / "facebook_comments.json")
    code, out = run(database, path, "--account", mod.north_page, "--platform", "facebook")
    assert code == 0, out
    assert "3 comment(s) added, 0 already on file, 1 threat(s) escalated" in out
    code, out = run(database, path, "--account", mod.north_page, "--platform", "facebook")
    assert "0 comment(s) added, 3 already on file" in out


def test_a_bad_file_is_refused_naming_line_and_field(database: Database, mod: Moderation) -> None:
    path = str(FIXTURES / "comments_bad_time.csv")
    code, out = run(database, path, "--account", mod.north_page, "--platform", "csv")
    assert code == 1
    assert "comments_bad_time.csv, line 3, field 'created_at'" in out


def test_an_unknown_account_is_refused(database: Database, mod: Moderation) -> None:
    path = str(FIXTURES / "comments.csv")
    code, out = run(database, path, "--account", "nope", "--platform", "csv")
    assert code == 1
    assert "account: no active official account 'nope'" in out
