"""In a real browser: a student's third contact attempt is in a report in the supervisor's
queue (the press-5-125 pack reports at the second); screenshots of the pages."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lanyard.web.app import create_app
from tests.support.district import seed_case_handlers, seed_district
from tests.support.servers import serve_in_thread
from tests.web.conftest import make_settings
from tests.web.test_browser import SHOTS, Site, browser, keyboard_sign_in, page  # noqa: F401


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Iterator[Site]:
    path = tmp_path_factory.mktemp("reports-browser") / "lanyard.sqlite3"
    shutil.copy(migrated_template, path)
    app = create_app(make_settings(f"sqlite:///{path}", pack="press-5-125"))
    district = seed_district(app.state.services.db)
    seed_case_handlers(app.state.services.db, district)
    with serve_in_thread(app) as url:
        yield Site(url, district)
    app.state.services.db.engine.dispose()


def _sign_out(tab: Page) -> None:
    tab.get_by_role("button", name="Sign out").click()
    tab.wait_for_url("**/signin**")


def test_third_contact_attempt_is_a_report_in_the_supervisors_queue(
    page: Page,  # noqa: F811
    site: Site,
) -> None:
    keyboard_sign_in(page, site, "tina")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reports").click()
    for attempt, channel in enumerate(
        ["Text message", "Social media direct message", "Phone call"]
    ):
        page.get_by_label("Student (name or student number)").fill("Sam Student")
        page.get_by_label("They contacted me via").select_option(label=channel)
        page.get_by_role("button", name="Record the attempt").click()
        expect(page.get_by_role("heading", name="Contact attempt recorded")).to_be_visible()
        expect(page.get_by_role("status")).to_contain_text(f"contact attempt {attempt + 1} from")
    expect(page.get_by_role("status")).to_contain_text("added to your open report")
    page.screenshot(path=str(SHOTS / "reports-teacher.png"), full_page=True)
    page.get_by_role("link", name="Show my duty and the hotline").click()
    expect(page.get_by_text("Lanyard does not make this report")).to_be_visible()
    expect(page.get_by_role("link", name="1-800-252-2873")).to_be_visible()
    page.screenshot(path=str(SHOTS / "reports-mandated.png"), full_page=True)
    _sign_out(page)

    keyboard_sign_in(page, site, "sue")
    expect(page.get_by_text("Report to acknowledge")).to_be_visible()  # home attention
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reports").click()
    queue = page.get_by_role("region", name="My queue")
    report = queue.get_by_role("link", name="A student repeatedly tries to contact")
    expect(report).to_be_visible()
    page.screenshot(path=str(SHOTS / "reports-queue.png"), full_page=True)
    report.click()
    expect(page.get_by_text("Sam Student")).to_be_visible()
    expect(page.get_by_text("Contact attempt 3 recorded (Phone call).")).to_be_visible()
    page.get_by_role("button", name="Acknowledge").click()
    expect(page.get_by_role("strong").filter(has_text="Acknowledged")).to_be_visible()
    page.screenshot(path=str(SHOTS / "reports-case.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 800})
    page.screenshot(path=str(SHOTS / "reports-case-phone.png"), full_page=True)
