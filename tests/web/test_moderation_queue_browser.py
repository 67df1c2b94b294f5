"""In a real browser: the queue moves with j and k as in Gmail, a site manager assigns a
comment to themself with one key and another to a colleague with the bulk bar, filters
"assigned to me", and sees the counts by account; a delete and a hide on accounts Lanyard
is not connected to offer Undo. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lanyard.connectors.comments import connector
from lanyard.moderation import service
from lanyard.web.app import create_app
from tests.integration.moderation.seed import NOW, seed_moderation
from tests.integration.moderation.test_assignment import second_site_manager
from tests.support.servers import serve_in_thread
from tests.web.conftest import make_settings
from tests.web.test_browser import SHOTS, Site, browser, keyboard_sign_in, page

__all__ = ["browser", "page"]

CSV = """id,text,created_at,author
q-1,"You are a stupid idiot, coach",2025-10-03T04:00:00Z,Troll
q-2,Buy cheap followers at http://bit.ly/zz,2025-10-03T05:00:00Z,Spam
q-3,When is the book fair?,2025-10-03T06:00:00Z,Kay
"""
INSTA = """id,text,created_at,author
i-1,Shut up loser,2025-10-03T07:00:00Z,Rude
"""


@pytest.fixture
def site(tmp_path: Path, migrated_template: Path) -> Iterator[Site]:
    path = tmp_path / "lanyard.sqlite3"
    shutil.copy(migrated_template, path)
    # a minute to undo: the browser is slow on a loaded machine
    app = create_app(make_settings(f"sqlite:///{path}", moderation_undo_seconds=60))
    db = app.state.services.db
    mod = seed_moderation(db)
    second_site_manager(db, mod.district.north)
    with db.uow() as uow:
        service.ingest(
            uow=uow,
            pack_id="wilmette-39",
            account_id=mod.north_page,
            records=connector("csv").read("q.csv", CSV),
            now=NOW,
        )
    with db.uow() as uow:
        service.ingest(
            uow=uow,
            pack_id="wilmette-39",
            account_id=mod.south_insta,
            records=connector("csv").read("i.csv", INSTA),
            now=NOW,
        )
    with serve_in_thread(app) as url:
        yield Site(url, mod.district)
    db.engine.dispose()


def test_j_and_k_move_and_a_assigns_to_me_and_the_filter_shows_mine(page: Page, site: Site) -> None:
    keyboard_sign_in(page, site, "sue")
    page.goto(f"{site.url}/moderation")
    rows = page.locator(".mod-row")
    expect(rows).to_have_count(4)
    counts = page.get_by_role("navigation", name="Comments waiting, by account")
    expect(counts).to_contain_text("@north.elementary (Facebook): 3 waiting")
    expect(counts).to_contain_text("@south.middle (Instagram): 1 waiting")
    expect(rows.nth(0)).to_be_focused()
    page.keyboard.press("j")
    page.keyboard.press("j")
    expect(rows.nth(2)).to_be_focused()
    page.keyboard.press("k")  # back up one, as in Gmail
    expect(rows.nth(1)).to_be_focused()
    expect(rows.nth(1)).to_have_attribute("aria-current", "true")
    page.keyboard.press("a")
    status = page.locator("#mod-status")
    expect(status).to_contain_text("1 comment assigned to you.")
    expect(rows.nth(1).locator(".mod-assigned")).to_have_text("Assigned to you")
    expect(counts).to_contain_text("1 assigned to you")  # the line by account follows
    # the first comment to a colleague, with the bulk bar
    page.keyboard.press("k")
    page.keyboard.press("x")
    page.locator("#bulk-assignee").select_option(label="Sid Second")
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(status).to_contain_text("1 comment assigned to Sid Second.")
    expect(rows.nth(0).locator(".mod-assigned")).to_have_text("Assigned to Sid Second")
    expect(rows).to_have_count(4)  # assigning decides nothing
    page.screenshot(path=str(SHOTS / "moderation-queue-assigned.png"), full_page=True)

    page.goto(f"{site.url}/moderation?assigned=me")
    expect(rows).to_have_count(1)
    expect(rows.first.locator(".mod-assigned")).to_have_text("Assigned to you")
    expect(counts).to_contain_text("1 assigned to you")
    page.keyboard.press("y")  # keep it: the one-key actions still work
    expect(status).to_contain_text("1 comment kept")
    expect(page.get_by_text("No comment waiting is assigned to you.")).to_be_visible()


def test_a_delete_or_hide_on_an_account_lanyard_is_not_connected_to_offers_undo(
    page: Page, site: Site
) -> None:
    """The accounts have no token (as in the demo): Lanyard alone records the decision. The
    announcement offers Undo as it does for a connected account's delete, and Undo puts the
    comment back in the queue."""
    keyboard_sign_in(page, site, "sue")
    page.goto(f"{site.url}/moderation")
    rows = page.locator(".mod-row")
    expect(rows).to_have_count(4)
    status = page.locator("#mod-status")
    counts = page.get_by_role("navigation", name="Comments waiting, by account")
    waiting = {"@north.elementary (Facebook)": 3, "@south.middle (Instagram)": 1}
    for key, done in (("d", "1 comment deleted"), ("h", "1 comment hidden")):
        first = rows.first.get_attribute("data-id")
        on = next(a for a in waiting if a in rows.first.inner_text())
        expect(rows.first).to_be_focused()
        page.keyboard.press(key)
        expect(status).to_contain_text(done)
        expect(rows).to_have_count(3)
        # the account's count goes down with the comment, without reloading the page
        expect(counts).to_contain_text(f"{on}: {waiting[on] - 1} waiting")
        undo = status.get_by_role("button", name="Undo")
        expect(undo).to_be_visible()
        if key == "d":
            page.screenshot(path=str(SHOTS / "moderation-undo-not-connected.png"), full_page=True)
        undo.click()
        expect(rows).to_have_count(4)  # back in the queue, where it was
        expect(rows.first).to_have_attribute("data-id", first or "")
