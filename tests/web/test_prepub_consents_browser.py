"""The consents page in a real browser: the building principal records a withdrawn
release; the technology administrator, who imports the directory, reads what is on file
and is given no form to change it."""

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
from tests.web.test_browser import (  # noqa: F401  (fixtures)
    Site,
    browser,
    keyboard_sign_in,
    page,
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Iterator[Site]:
    path = tmp_path_factory.mktemp("consents") / "lanyard.sqlite3"
    shutil.copy(migrated_template, path)
    app = create_app(make_settings(f"sqlite:///{path}"))
    district = seed_district(app.state.services.db)
    seed_case_handlers(app.state.services.db, district)
    with serve_in_thread(app) as url:
        yield Site(url, district)
    app.state.services.db.engine.dispose()


def test_the_office_records_and_a_directory_importer_only_reads(page: Page, site: Site) -> None:  # noqa: F811
    keyboard_sign_in(page, site, "paula")  # building principal, North
    page.goto(f"{site.url}/prepub/consents")
    page.get_by_label("Student (student number or sourcedId)").fill(site.district.student)
    page.get_by_role("button", name="Find").click()
    expect(page.locator("#consents-student")).to_contain_text("Nothing on file this school year")
    page.get_by_label("Use", exact=True).select_option("social_media")
    page.get_by_label("Decision").select_option("opt_out")
    page.get_by_label("Note (the form, who brought it)").fill("letter from the family")
    page.get_by_role("button", name="Record the change").click()
    expect(page.locator("#consents-message")).to_have_text(
        "Recorded: social media opt-out for this school year."
    )
    expect(page.locator("#consents-student table")).to_contain_text("social_media")
    page.context.clear_cookies()
    keyboard_sign_in(page, site, "tess")  # technology administrator: imports the directory
    page.goto(f"{site.url}/prepub/consents?student={site.district.student}")
    expect(page.locator("#consents-student table")).to_contain_text("letter from the family")
    expect(page.locator("#consents-read-only")).to_be_visible()
    expect(page.get_by_role("button", name="Record the change")).to_have_count(0)


def test_the_office_records_a_coworkers_written_consent(page: Page, site: Site) -> None:  # noqa: F811
    keyboard_sign_in(page, site, "paula")  # building principal, North
    page.goto(f"{site.url}/prepub/consents")
    page.get_by_label("Staff member (name or username)").fill("Tina Teach")
    page.get_by_role("button", name="Look up staff member").click()
    expect(page.locator("#staff-on-file")).to_contain_text("Nothing on file this school year")
    page.get_by_label("Consents to appear in photos (opt in)").check()
    page.get_by_role("group", name="Written consent received").get_by_label("Yes").check()
    page.get_by_label("Date received (when in writing)").fill("2026-11-20")
    page.get_by_role("button", name="Record their consent").click()
    expect(page.locator("#staff-message")).to_have_text(
        "Recorded: consents to appear in photos for this school year."
    )
    expect(page.locator("#staff-on-file")).to_have_text(
        "Written consent on file, received 2026-11-20 (co-worker's written consent form)."
    )
