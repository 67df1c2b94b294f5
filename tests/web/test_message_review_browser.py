"""In a real browser: North's building principal follows the Messages link, reads a
finding with its clause and the marked words, dismisses the late-night pattern "for
review" with a reason (refused first without one), and opens the dashboard's chart and
table. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from lanyard.audit.orm import AuditEntry
from lanyard.db.session import Database
from lanyard.messages.domain import ReviewSettings
from lanyard.messages.orm import MessageFinding
from lanyard.messages.service import import_messages
from lanyard.policy import load_pack
from lanyard.web.app import create_app
from tests.support.district import DOMAIN, seed_district
from tests.support.servers import serve_in_thread
from tests.web.conftest import make_settings
from tests.web.test_browser import SHOTS, Site, browser, keyboard_sign_in, page  # noqa: F401
from tests.web.test_message_review import PACK, log_rows

NOW = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)


@dataclass
class MessagesSite(Site):
    db: Database | None = None


@pytest.fixture(scope="module")
def site(
    tmp_path_factory: pytest.TempPathFactory, migrated_template: Path
) -> Iterator[MessagesSite]:
    tmp = tmp_path_factory.mktemp("messages-browser")
    path = tmp / "lanyard.sqlite3"
    shutil.copy(migrated_template, path)
    app = create_app(make_settings(f"sqlite:///{path}", pack=PACK))
    db = app.state.services.db
    district = seed_district(db)
    import_messages(
        db=db,
        path=log_rows(tmp),
        format="csv",
        pack=load_pack(PACK),
        review=ReviewSettings(timezone=ZoneInfo("America/Chicago")),
        now=NOW,
        district_domains=(DOMAIN,),
    )
    with serve_in_thread(app) as url:
        yield MessagesSite(url, district, db)
    db.engine.dispose()


def test_a_principal_dismisses_a_finding_for_review(page: Page, site: MessagesSite) -> None:  # noqa: F811
    keyboard_sign_in(page, site, "paula")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Messages").click()
    expect(page.get_by_role("heading", name="Messages to review")).to_be_visible()
    against = page.get_by_role("region", name="Against the policy (2)")
    expect(against.get_by_text("Employees may not communicate with students").first).to_be_visible()
    expect(against.locator("mark", has_text="text me")).to_be_visible()
    expect(page.get_by_text("Steve South")).to_have_count(0)
    # names as a person reads them, not ids: the kind of finding and the service it went
    # through ("m365" in the log)
    asked = against.get_by_role("article", name="Asks a student to move to a personal channel")
    expect(asked.locator(".badge")).to_have_text("Solicitation")
    expect(asked).to_contain_text("E-mail on Microsoft 365 from Tina Teach")
    expect(asked.locator("mark", has_text="312-555-0142")).to_have_attribute(
        "title", "Asks for a personal phone number"
    )
    review = page.get_by_role("region", name="For review (1)")
    late = review.get_by_role("article")
    expect(late).to_contain_text("For review, not a violation")
    page.screenshot(path=str(SHOTS / "messages-review-queue.png"), full_page=True)

    # No reason: the browser's own check keeps the form; a blank reason the server refuses.
    late.get_by_label("Reason for dismissing").fill("   ")
    late.get_by_role("button", name="Dismiss").click()
    expect(page.get_by_role("alert")).to_contain_text("say why the finding is dismissed")
    late = page.get_by_role("region", name="For review (1)").get_by_role("article")
    late.get_by_label("Reason for dismissing").fill("Snow-day make-up session, parents told")
    late.get_by_role("button", name="Dismiss").click()
    expect(page.get_by_role("status")).to_contain_text("The finding is dismissed")
    expect(page.get_by_role("region", name="For review (0)")).to_be_visible()
    page.get_by_role("tab", name="Dismissed").click()
    expect(page.get_by_text("Dismissed.", exact=True)).to_be_visible()

    db = site.db
    assert db is not None
    with db.uow() as uow:
        status = uow.session.scalar(
            select(MessageFinding.status).where(MessageFinding.rule == "late_night_one_to_one")
        )
        entry = uow.session.scalar(
            select(AuditEntry)
            .where(AuditEntry.event == "message_finding:dismissed")
            .order_by(AuditEntry.seq.desc())
        )
        assert status == "dismissed"
        assert entry is not None and entry.actor_id == site.district.principal
        assert entry.after["reason"] == "Snow-day make-up session, parents told"

    page.get_by_role("link", name="Dashboard: findings by building, rule and week").click()
    expect(page.get_by_role("img", name="Findings by building")).to_be_visible()
    table = page.get_by_role("table", name="Findings by building")
    expect(table.get_by_role("row", name="North Elementary 3")).to_be_visible()
    page.screenshot(path=str(SHOTS / "messages-dashboard.png"), full_page=True)


def test_the_status_tabs_are_tabs_to_the_eye_the_keyboard_and_a_screen_reader(
    page: Page,  # noqa: F811
    site: MessagesSite,
) -> None:
    """Open / Dismissed / Cases opened were a bulleted list of links: they are a tab list,
    side by side, the current tab selected (and the current page), the arrow keys moving
    between them with a visible focus ring, and the findings in the tab panel."""
    keyboard_sign_in(page, site, "paula")
    page.goto(f"{site.url}/messages/review")
    tabs = page.get_by_role("tablist", name="Findings by status").get_by_role("tab")
    expect(tabs).to_have_count(3)
    current = page.get_by_role("tab", name="Open", exact=True)
    expect(current).to_have_attribute("aria-selected", "true")
    expect(current).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("tab", name="Dismissed")).to_have_attribute("aria-selected", "false")
    panel = page.get_by_role("tabpanel", name="Open", exact=True)
    expect(panel).to_contain_text("Against the policy")
    boxes = [tabs.nth(i).bounding_box() for i in range(3)]
    assert all(boxes)
    assert len({round(b["y"]) for b in boxes if b}) == 1, boxes  # one row, not a list
    assert [b["x"] for b in boxes if b] == sorted(b["x"] for b in boxes if b)
    assert tabs.first.evaluate("e => getComputedStyle(e).display") != "list-item"

    page.get_by_role("link", name="Dashboard: findings by building, rule and week").focus()
    page.keyboard.press("Tab")
    expect(current).to_be_focused()
    ring = current.evaluate("e => getComputedStyle(e).outlineStyle")
    assert ring != "none", ring
    page.screenshot(path=str(SHOTS / "messages-review-tabs.png"))
    page.keyboard.press("ArrowRight")
    dismissed = page.get_by_role("tab", name="Dismissed")
    expect(dismissed).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("tab", name="Dismissed")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("tabpanel", name="Dismissed")).to_be_visible()
