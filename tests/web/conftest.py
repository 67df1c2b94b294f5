"""Web tests: the app over a real migrated database (a SQLite file per test, copied from
one migrated template; PostgreSQL where a test asks for ``pg_url``)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, sync_playwright
from sqlalchemy import select

from lanyard.audit.orm import AuditEntry
from lanyard.config import Settings
from lanyard.db.session import Database
from lanyard.web.app import create_app
from tests.conftest import TEST_ENCRYPTION_KEYS, TEST_SECRET_KEY
from tests.support.databases import MigratedTemplates, postgres_schema_url
from tests.support.district import DOMAIN, PASSWORD, District, seed_district

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's chromium through Playwright, launched once per test process, when the first
    browser test needs it (tests take it as ``browser``, from test_browser.py)."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("chromium is not installed: script/bootstrap installs it")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def migrated_template(migrated_templates: MigratedTemplates) -> Path:
    return migrated_templates.sqlite_file()


@pytest.fixture
def sqlite_url(migrated_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "lanyard.sqlite3"
    shutil.copy(migrated_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def pg_url(migrated_templates: MigratedTemplates) -> Iterator[str]:
    with postgres_schema_url() as url:
        migrated_templates.fill(url)
        yield url


def make_settings(url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": url,
        "secret_key": TEST_SECRET_KEY,  # no built-in secret: tests set theirs explicitly
        "encryption_keys": TEST_ENCRYPTION_KEYS,
        "district_domains": (DOMAIN,),
        "session_max_age_minutes": 60,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def settings(sqlite_url: str) -> Settings:
    return make_settings(sqlite_url)


@pytest.fixture
def app(settings: Settings) -> Iterator[FastAPI]:
    app = create_app(settings)
    yield app
    app.state.services.db.engine.dispose()


@pytest.fixture
def db(app: FastAPI) -> Database:
    database: Database = app.state.services.db
    return database


@pytest.fixture
def district(db: Database) -> District:
    return seed_district(db)


@pytest.fixture
def client(app: FastAPI, district: District) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as c:
        yield c


def csrf_of(client: TestClient, path: str = "/signin") -> str:
    page = client.get(path, follow_redirects=True)
    match = CSRF.search(page.text)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> None:
    token = csrf_of(client)
    response = client.post(
        "/signin", data={"username": username, "password": password, "csrf_token": token}
    )
    assert response.status_code == 303, response.text
    assert response.headers["location"] == "/home"


def audit_events(db: Database) -> list[AuditEntry]:
    with db.uow() as uow:
        entries = list(uow.session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
        uow.session.expunge_all()  # keep them readable after the unit of work ends
        return entries
