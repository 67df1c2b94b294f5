"""In a real browser: a teacher follows the home page's reminder, reads the policy and signs
it; the building principal opens the completion page and sees the chart and its table.
Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lanyard.acknowledgments.service import builtin_version, open_campaign
from lanyard.web.app import create_app
from tests.support.district import seed_district
from tests.support.servers import serve_in_thread
from tests.web.conftest import make_settings
from tests.web.test_browser import SHOTS, Site, browser, keyboard_sign_in, page  # noqa: F401


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Iterator[Site]:
    path = tmp_path_factory.mktemp("acks-browser") / "lanyard.sqlite3"
    shutil.copy(migrated_template, path)
    app = create_app(make_settings(f"sqlite:///{path}"))
    db = app.state.services.db
    district = seed_district(db)
    now = dt.datetime.now(dt.UTC)
    with db.uow(write=True) as uow:
        open_campaign(
            uow=uow,
            version=builtin_version("wilmette-39"),
            title="Annual acknowledgment 2026-27",
            opens_at=now - dt.timedelta(hours=1),
            due_at=now + dt.timedelta(days=30),
            now=now,
            actor_id=district.admin,
        )
    with serve_in_thread(app) as url:
        yield Site(url, district)
    db.engine.dispose()


def _sign_out(tab: Page) -> None:
    tab.get_by_role("button", name="Sign out").click()
    tab.wait_for_url("**/signin**")


def test_teacher_signs_from_the_home_reminder_and_the_principal_sees_completion(
    page: Page,  # noqa: F811
    site: Site,
) -> None:
    keyboard_sign_in(page, site, "tina")
    reminder = page.get_by_role("link", name="Acknowledge the policy: Annual acknowledgment")
    expect(reminder).to_be_visible()
    page.screenshot(path=str(SHOTS / "acks-home-reminder.png"), full_page=True)
    reminder.click()
    expect(page.get_by_role("heading", name="Annual acknowledgment 2026-27")).to_be_visible()
    expect(
        page.get_by_text("Employees are prohibited from using technology to communicate").first
    ).to_be_visible()
    page.get_by_label("Type your full name to sign").fill("Tina Teech")
    page.get_by_label("I have read the policy and will follow it.").check()
    page.get_by_role("button", name="Sign the acknowledgment").click()
    expect(page.get_by_role("alert")).to_contain_text("must be your full name")
    page.get_by_label("Type your full name to sign").fill("Tina Teach")
    page.get_by_label("I have read the policy and will follow it.").check()
    page.get_by_role("button", name="Sign the acknowledgment").click()
    expect(page.get_by_role("status")).to_contain_text("You acknowledged this policy")
    page.screenshot(path=str(SHOTS / "acks-signed.png"), full_page=False)
    page.get_by_role("link", name="Home", exact=True).click()
    expect(page.get_by_text("Acknowledge the policy")).to_have_count(0)
    _sign_out(page)

    keyboard_sign_in(page, site, "paula")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Acknowledgments").click()
    # on a phone the campaigns table scrolls in its box; the page itself did not stay put
    # (the link's visually hidden words sat past the table's edge, 524 px wide at 390)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1100, "height": 800})
    page.get_by_role("link", name="Completion of Annual acknowledgment 2026-27").click()
    expect(page.get_by_role("heading", name="1 of 3 acknowledged (33%)")).to_be_visible()
    chart = page.get_by_role("img", name="Completion by building")
    expect(chart).to_be_visible()
    table = page.get_by_role("table", name="Completion by building")
    expect(table.get_by_role("row", name="North Elementary 1 3 33%")).to_be_visible()
    expect(page.get_by_text("South Middle")).to_have_count(0)
    page.screenshot(path=str(SHOTS / "acks-completion.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download who has signed (CSV)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Tina Teach" in text and "acknowledged" in text
