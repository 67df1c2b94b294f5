"""In a real browser: a site manager deletes a comment with the keyboard, the announcement
offers Undo while the platform has not been called, and Undo brings the comment back. The
Facebook Graph API is the local server of tests/support/platforms.py."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lanyard.connectors.comments import connector
from lanyard.crypto import keyring_from_settings
from lanyard.moderation import platform, service
from lanyard.web.app import create_app
from tests.integration.moderation.seed import NOW, principal, seed_moderation
from tests.support.platforms import PlatformServer, PlatformState
from tests.support.servers import serve_in_thread
from tests.web.conftest import make_settings
from tests.web.test_browser import SHOTS, Site, browser, keyboard_sign_in, page

__all__ = ["browser", "page"]

SPAM = "104000000000001_910000000000009"
TOKEN = "EAAB-browser-token"


@pytest.fixture(scope="module")
def graph() -> Iterator[tuple[PlatformState, str]]:
    api = PlatformServer(PlatformState(tokens={TOKEN: "valid"}))
    api.state.add_comment("facebook", SPAM)
    with serve_in_thread(api.app) as url:
        yield api.state, url


@pytest.fixture(scope="module")
def site(
    tmp_path_factory: pytest.TempPathFactory,
    migrated_template: Path,
    graph: tuple[PlatformState, str],
) -> Iterator[Site]:
    path = tmp_path_factory.mktemp("platforms") / "lanyard.sqlite3"
    shutil.copy(migrated_template, path)
    settings = make_settings(
        f"sqlite:///{path}",
        facebook_api_url=f"{graph[1]}/graph",
        jobs_runner="none",
        moderation_undo_seconds=60,
    )
    app = create_app(settings)
    db = app.state.services.db
    mod = seed_moderation(db)
    fixture = (
        Path(__file__).resolve().parents[1] / "fixtures" / "comments" / "facebook_comments.json"
    )
    records = connector("facebook").read(fixture.name, fixture.read_text())
    with db.uow(write=True) as uow:
        service.ingest(
            uow=uow, pack_id="wilmette-39", account_id=mod.north_page, records=records, now=NOW
        )
    with db.uow(write=True) as uow:
        platform.connect(
            uow=uow,
            keyring=keyring_from_settings(settings),
            principal=principal(db, mod.district.principal),
            account_id=mod.north_page,
            token=TOKEN,
            platform_account_id="104000000000001",
            poll=False,
            now=NOW,
        )
    with serve_in_thread(app) as url:
        yield Site(url, mod.district)
    db.engine.dispose()


def test_a_keyboard_delete_can_be_undone_before_the_platform_is_called(
    page: Page, site: Site, graph: tuple[PlatformState, str]
) -> None:
    state, _ = graph
    keyboard_sign_in(page, site, "sue")
    page.goto(f"{site.url}/moderation")
    rows = page.locator(".mod-row")
    expect(rows).to_have_count(3)
    expect(rows.first).to_be_focused()  # the threat; the spam is next
    page.keyboard.press("j")
    expect(page.locator(".mod-row.is-current")).to_contain_text("followers")
    page.keyboard.press("d")
    status = page.locator("#mod-status")
    expect(status).to_contain_text("1 comment deleted")
    undo = status.get_by_role("button", name="Undo")
    expect(undo).to_be_visible()
    expect(rows).to_have_count(2)
    page.screenshot(path=str(SHOTS / "moderation-undo.png"), full_page=True)
    undo.click()
    expect(page.locator(".mod-platform")).to_contain_text("Undone")
    expect(rows).to_have_count(3)  # back in the queue
    assert state.log == [] and state.comments[SPAM]["deleted"] is False
