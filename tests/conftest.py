from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.databases import MigratedTemplates

ROOT = Path(__file__).resolve().parents[1]

# Lanyard has no built-in secret: every test process sets its own, explicitly. A test of
# the refusal to start removes them (monkeypatch.delenv).
TEST_SECRET_KEY = "test-secret-key-" + "x" * 32
TEST_ENCRYPTION_KEYS = "test:" + "dGVzdC1lc2Nyb3cta2V5LTMyLWJ5dGVzLWxvbmctLS0="


def shared_dir() -> Path:
    return Path(os.environ.get("LANYARD_SHARED_DIR", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if not path.is_dir():
        pytest.fail(f"the shared folder is missing at {path}; set LANYARD_SHARED_DIR")
    return path


@pytest.fixture(scope="session")
def seeds(shared: Path) -> Path:
    return shared / "seeds"


@pytest.fixture(scope="session")
def migrated_templates(tmp_path_factory: pytest.TempPathFactory) -> MigratedTemplates:
    """A database migrated once per test process, for each test to start from a copy."""
    return MigratedTemplates(tmp_path_factory.mktemp("migrated"))


@pytest.fixture(autouse=True)
def _explicit_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs with a test secret key and escrow key and outside demo mode,
    whatever the shell that started pytest exported."""
    monkeypatch.setenv("LANYARD_SECRET_KEY", TEST_SECRET_KEY)
    monkeypatch.setenv("LANYARD_ENCRYPTION_KEYS", TEST_ENCRYPTION_KEYS)
    monkeypatch.delenv("LANYARD_ENCRYPTION_KEY", raising=False)
    monkeypatch.delenv("LANYARD_DEMO", raising=False)
