"""The settings and command references in docs/ are generated from the code; a setting or
command that is added, renamed or left undescribed makes this fail."""

from __future__ import annotations

from pathlib import Path

from lanyard.cli.main import cli
from lanyard.cli.reference import cli_reference, settings_reference
from lanyard.config import Settings

DOCS = Path(__file__).resolve().parents[2] / "docs"
REGENERATE = "run `.venv/bin/lanyard reference write` and commit docs/"


def test_every_setting_is_described() -> None:
    missing = [name for name, f in Settings.model_fields.items() if not f.description]
    assert not missing, f"settings without a description: {missing}"


def test_settings_reference_is_current() -> None:
    assert (DOCS / "settings.md").read_text(encoding="utf-8") == settings_reference(), REGENERATE


def test_cli_reference_is_current() -> None:
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == cli_reference(cli), REGENERATE
