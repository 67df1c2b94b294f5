"""Issue 10, finding 5: no token, no student data and no secret in any log line.

``lanyard serve`` runs as a process, as an operator runs it; a real browser files an
anonymous filter-disable request, opens its private link and withdraws it; a signed-in
principal searches the directory for a student. Every line the server wrote (standard
output and error: uvicorn's access log, Lanyard's loggers) is then searched for the
private link's token, the student's name and the secrets."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, expect

from lanyard.db.session import Database
from lanyard.web.log_redaction import redact_path
from tests.conftest import TEST_ENCRYPTION_KEYS, TEST_SECRET_KEY
from tests.support.district import DOMAIN, PASSWORD, seed_district
from tests.support.servers import free_port
from tests.web.test_browser import browser

__all__ = ["browser"]

LANYARD = Path(sys.executable).with_name("lanyard")
TOKEN_LINK = re.compile(r"/anonymous/follow/([A-Za-z0-9_-]{20,})")


@pytest.fixture
def served(tmp_path: Path, migrated_template: Path) -> Iterator[tuple[str, Path]]:
    """``lanyard serve`` on a seeded SQLite file; yields its URL and its log file."""
    path = tmp_path / "lanyard.sqlite3"
    shutil.copy(migrated_template, path)
    url = f"sqlite:///{path}"
    db = Database(url)
    seed_district(db)
    db.engine.dispose()
    port = free_port()
    log = tmp_path / "server.log"
    env = {
        **os.environ,
        "LANYARD_DATABASE_URL": url,
        "LANYARD_SECRET_KEY": TEST_SECRET_KEY,
        "LANYARD_ENCRYPTION_KEYS": TEST_ENCRYPTION_KEYS,
        "LANYARD_PACK": "wilmette-39",
        "LANYARD_DISTRICT_DOMAINS": DOMAIN,
    }
    with log.open("wb") as out:
        server = subprocess.Popen(
            [str(LANYARD), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            # On a loaded machine (the whole suite on two cores) the server has taken over
            # 30 s to import and answer; it still fails at once if it exits.
            deadline = time.monotonic() + 90
            while True:
                try:
                    httpx.get(f"{base}/signin", timeout=1)
                    break
                except httpx.HTTPError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(log.read_text()) from None
                    time.sleep(0.1)
            yield base, log
        finally:
            server.terminate()
            server.wait(timeout=10)


def _file_anonymously(browser: Browser, base: str) -> str:
    """The anonymous flow in a browser, as a teacher would; returns the link's token."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}/anonymous/requests")
    page.locator("main a[href^='/anonymous/requests/']").first.click()
    form = page.locator("main form.request-form")
    for field in form.locator("textarea, input[type=text], input[type=url]").all():
        if field.is_visible():
            field.fill("https://example.org/archive")
    form.locator("button[type=submit]").click()
    link = page.locator("a[href*='/anonymous/follow/']").first
    expect(link).to_be_visible()
    href = link.get_attribute("href") or ""
    match = TOKEN_LINK.search(href)
    assert match, href
    link.click()
    expect(page.locator("main")).to_contain_text("https://example.org/archive")
    withdraw = page.locator("form[action$='/withdraw'] button[type=submit]")
    if withdraw.count():
        withdraw.first.click()
    page.goto(f"{base}{match.group(0)}?from=bookmark")  # a token in a query-bearing URL too
    context.close()
    return match.group(1)


def _search_for_a_student(base: str) -> None:
    with httpx.Client(base_url=base, follow_redirects=False) as client:
        page = client.get("/signin")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert csrf
        answer = client.post(
            "/signin",
            data={"username": "paula", "password": PASSWORD, "csrf_token": csrf.group(1)},
        )
        assert answer.status_code == 303, answer.text
        assert client.get("/directory", params={"q": "Sam Student"}).status_code == 200


def test_no_token_student_name_or_secret_in_any_log_line(
    browser: Browser, served: tuple[str, Path]
) -> None:
    base, log = served
    token = _file_anonymously(browser, base)
    _search_for_a_student(base)
    time.sleep(0.5)  # the access log is written after the response
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    follow = [line for line in lines if "/anonymous/follow/" in line]
    assert follow, "the control: the access log has lines for the private link"
    assert all("[redacted]" in line for line in follow)
    assert any("/directory?q=[redacted]" in line for line in lines)
    for line in lines:
        assert token not in line
        assert "Sam" not in line and "Student" not in line
        assert TEST_SECRET_KEY not in line
        assert TEST_ENCRYPTION_KEYS.split(":")[1] not in line
        if ' HTTP/1.1"' in line:  # an access line: no address to link to a request
            assert "127.0.0.1:" not in line, line


def test_paths_lose_tokens_and_query_values_but_keep_ids() -> None:
    token = "Vq1tR8oF3yJr2wM7s0ZkLp_4aQ-xN9cE6dHuG5bTiYo"
    assert redact_path(f"/requests/anonymous/follow/{token}/withdraw") == (
        "/requests/anonymous/follow/[redacted]/withdraw"
    )
    assert redact_path("/people/0f1e2d3c4b5a69788796a5b4c3d2e1f0") == (
        "/people/0f1e2d3c4b5a69788796a5b4c3d2e1f0"
    )
    assert redact_path("/auth/callback?code=abc&state=xyz") == (
        "/auth/callback?code=[redacted]&state=[redacted]"
    )
    assert redact_path("/audit?page=2") == "/audit?page=2"
