"""In a real browser: the records officer asks for a records export, watches it finish
(the page refreshes while it is built in the background) and downloads the package, which
verifies offline. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lanyard.audit.keys import write_signing_key
from lanyard.records.package import verify_package
from lanyard.web.app import create_app
from tests.support.district import seed_district
from tests.support.servers import serve_in_thread
from tests.web.conftest import make_settings
from tests.web.test_browser import SHOTS, Site, browser, keyboard_sign_in, page  # noqa: F401


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("exports-browser")
    path = root / "lanyard.sqlite3"
    shutil.copy(migrated_template, path)
    write_signing_key(root / "signing.pem")
    (root / "exports").mkdir()
    app = create_app(
        make_settings(
            f"sqlite:///{path}",
            audit_signing_key_file=root / "signing.pem",
            records_export_dir=root / "exports",
        )
    )
    db = app.state.services.db
    district = seed_district(db)
    with serve_in_thread(app) as url:
        yield Site(url, district)
    db.engine.dispose()


def test_the_records_officer_builds_and_downloads_an_export(
    page: Page,  # noqa: F811
    site: Site,
    tmp_path: Path,
) -> None:
    keyboard_sign_in(page, site, "ada")
    page.get_by_role("link", name="Records exports").click()
    expect(page.get_by_role("heading", name="Records exports")).to_be_visible()
    # Each label sits on its own line above its field, and the people box is a full text
    # field (the form ran its labels and fields together on one line, with a 20-character
    # box for the people).
    for label in ("People", "First day", "Last day (included)"):
        field = page.get_by_label(label)
        caption = page.locator(f"label[for={field.get_attribute('id')}]")
        box, above = field.bounding_box(), caption.bounding_box()
        assert box and above
        assert above["y"] + above["height"] <= box["y"] + 1, label
        assert abs(above["x"] - box["x"]) < 2, label
    people_box = page.get_by_label("People").bounding_box()
    assert people_box and people_box["width"] >= 300
    today = dt.date.today()
    page.get_by_label("First day").fill((today - dt.timedelta(days=7)).isoformat())
    page.get_by_label("Last day (included)").fill(today.isoformat())
    page.get_by_label("Redact student information (FOIA, FERPA)").check()
    page.get_by_role("button", name="Build export").click()
    expect(page.get_by_role("status")).to_contain_text("Export started")
    download_link = page.get_by_role("link", name="Download")
    expect(download_link).to_be_visible(timeout=30_000)  # the page refreshes until done
    expect(page.locator("tr[data-status=done]")).to_contain_text("Done:")
    # the record types as the form names them, not their keys ("requests, disclosures, …")
    expect(page.locator("tr[data-status=done]")).to_contain_text(
        "Requests and approvals, Relationship disclosures"
    )
    page.screenshot(path=str(SHOTS / "records-export-done.png"), full_page=True)
    with page.expect_download() as info:
        download_link.click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.name.startswith("records-export-") and saved.suffix == ".zip"
    check = verify_package(saved)
    assert check.intact, check.problems
