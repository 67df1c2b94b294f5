"""In a real browser: a site manager clears the moderation queue with the keyboard only,
and the archive shows what was hidden and deleted, with the hashes. Screenshots go to
test-artifacts/screenshots/."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from lanyard.connectors.comments import connector
from lanyard.moderation import service
from lanyard.web.app import create_app
from tests.integration.moderation.seed import NOW, seed_moderation
from tests.support.servers import serve_in_thread
from tests.web.conftest import make_settings
from tests.web.test_browser import SHOTS, Site, browser, keyboard_sign_in, page

__all__ = ["browser", "page"]  # the fixtures, shared with the other browser tests

EXTRA = """id,text,created_at,author
b-1,"You are a stupid idiot, coach",2025-10-03T04:00:00Z,Troll
b-2,When is the book fair?,2025-10-03T05:00:00Z,Kay
"""


DATABASES: dict[str, Any] = {}  # the module's database and account, for later tests


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Iterator[Site]:
    path = tmp_path_factory.mktemp("moderation") / "lanyard.sqlite3"
    shutil.copy(migrated_template, path)
    app = create_app(make_settings(f"sqlite:///{path}"))
    db = app.state.services.db
    mod = seed_moderation(db)
    DATABASES["db"], DATABASES["account"] = db, mod.north_page
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "comments"
    facebook = fixture / "facebook_comments.json"
    records = connector("facebook").read(facebook.name, facebook.read_text())
    records += connector("csv").read("extra.csv", EXTRA)
    with db.uow() as uow:
        service.ingest(
            uow=uow, pack_id="wilmette-39", account_id=mod.north_page, records=records, now=NOW
        )
    with serve_in_thread(app) as url:
        yield Site(url, mod.district)
    db.engine.dispose()


def test_site_manager_clears_the_queue_with_the_keyboard(page: Page, site: Site) -> None:
    keyboard_sign_in(page, site, "sue")
    page.goto(f"{site.url}/moderation")
    rows = page.locator(".mod-row")
    expect(rows).to_have_count(5)
    expect(rows.first).to_contain_text("parking lot")  # the threat first
    expect(rows.first).to_be_focused()
    expect(rows.first.locator("mark").first).to_be_visible()
    # each flagged category in words, its score quietly beside it (the numbers in a tooltip)
    threat = rows.first.locator(".mod-cats li").filter(has_text="Threat")
    expect(threat).to_contain_text(re.compile(r"Threat — (very )?likely"))
    expect(threat.locator(".mod-score")).to_have_attribute("title", re.compile("Classifier score"))
    page.screenshot(path=str(SHOTS / "moderation-queue.png"), full_page=True)
    status = page.locator("#mod-status")

    page.keyboard.press("h")  # hide the threat (archived first)
    expect(status).to_contain_text("1 comment hidden; 1 archived with SHA-256 first")
    expect(rows).to_have_count(4)
    expect(page.locator(".mod-row.is-current")).to_be_focused()
    page.keyboard.press("d")  # the spam
    expect(status).to_contain_text("1 comment deleted")
    expect(rows).to_have_count(3)
    page.keyboard.press("d")  # the personal attack
    expect(rows).to_have_count(2)
    page.keyboard.press("x")  # select both that are left and keep them at once
    page.keyboard.press("j")
    page.keyboard.press("x")
    expect(status).to_contain_text("2 selected")
    page.keyboard.press("y")  # keep (k moves up, as in Gmail)
    expect(status).to_contain_text("2 comments kept")
    expect(rows).to_have_count(0)
    empty = page.get_by_text("The queue is clear.")
    expect(empty).to_be_visible()
    page.screenshot(path=str(SHOTS / "moderation-queue-cleared.png"), full_page=True)

    page.goto(f"{site.url}/moderation/archive")
    table = page.locator(".archive-table tbody tr")
    expect(table).to_have_count(4)  # the threat archived on escalation, then hidden
    hashes = page.locator(".archive-table code.sha").all_inner_texts()
    assert len(hashes) == 4 and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes)
    expect(page.locator(".archive-table")).to_contain_text("parking lot")
    page.screenshot(path=str(SHOTS / "moderation-archive.png"), full_page=True)


def test_queue_and_archive_on_a_phone_do_not_scroll_sideways(browser: Browser, site: Site) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    more = "id,text,created_at,author\np-1,Buy cheap followers at http://bit.ly/zz,2025-10-04T01:00:00Z,Spam\n"
    with DATABASES["db"].uow() as uow:
        service.ingest(
            uow=uow,
            pack_id="wilmette-39",
            account_id=DATABASES["account"],
            records=connector("csv").read("more.csv", more),
            now=NOW,
        )
    keyboard_sign_in(phone, site, "sue")
    widths = {}
    for name, path in (("queue", "/moderation"), ("archive", "/moderation/archive")):
        phone.goto(f"{site.url}{path}")
        widths[name] = phone.evaluate("document.documentElement.scrollWidth")
        phone.screenshot(path=str(SHOTS / f"moderation-{name}-phone.png"), full_page=True)
    context.close()
    assert widths == {"queue": 390, "archive": 390}, "a page scrolls sideways on a phone"
