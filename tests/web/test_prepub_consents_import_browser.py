"""The consents import in a real browser: the building principal uploads the SIS's file,
reads the dry run, chooses the same file again and confirms; the consents page then shows
what was imported."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lanyard.web.app import create_app
from tests.support.district import seed_district
from tests.support.servers import serve_in_thread
from tests.web.conftest import make_settings
from tests.web.test_browser import (  # noqa: F401  (fixtures)
    Site,
    browser,
    keyboard_sign_in,
    page,
)
from tests.web.test_prepub_consents_import import SAM, number_students


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Iterator[Site]:
    path = tmp_path_factory.mktemp("consents_import") / "lanyard.sqlite3"
    shutil.copy(migrated_template, path)
    app = create_app(make_settings(f"sqlite:///{path}"))
    district = seed_district(app.state.services.db)
    number_students(app.state.services.db, district)
    with serve_in_thread(app) as url:
        yield Site(url, district)
    app.state.services.db.engine.dispose()


def test_the_office_imports_after_a_dry_run(page: Page, site: Site, tmp_path: Path) -> None:  # noqa: F811
    upload = tmp_path / "fall-consents.csv"
    upload.write_text(SAM, encoding="utf-8")
    keyboard_sign_in(page, site, "paula")
    page.goto(f"{site.url}/prepub/consents")
    page.get_by_role("link", name="Import a consent file from the SIS").click()
    page.get_by_label("Consent file (CSV)").set_input_files(str(upload))
    page.get_by_role("button", name="Dry run").click()
    expect(page.locator("#import-result")).to_contain_text(
        "2 consents (lanyard) would be imported: 2 added, 0 changed, 0 unchanged. "
        "Nothing has been written yet."
    )
    page.get_by_label("The same file again, to confirm").set_input_files(str(upload))
    page.get_by_role("button", name="Confirm the import").click()
    expect(page.locator("#import-result")).to_contain_text("Imported fall-consents.csv")
    page.get_by_role("link", name="Back to consents").click()
    page.get_by_label("Student (student number or sourcedId)").fill("200101")
    page.get_by_role("button", name="Find").click()
    expect(page.locator("#consents-student")).to_contain_text("IC flag No Media")
